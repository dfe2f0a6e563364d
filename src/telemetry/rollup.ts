import { BINS, emptyHistogram, type Histogram, observe } from './histogram';
import type { Trace } from './trace';

/**
 * Per-minute and per-hour rollups of traces (migrations/0002_trace_rollups.sql), aggregated in
 * memory for a batch of traces and recorded in the same D1 batch as the traces themselves, so a
 * trace and its counts are written together or not at all (as deltas, folded later: rollup-fold.ts).
 */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const RESOLUTIONS = [
  { res: 'm', ms: MINUTE },
  { res: 'h', ms: HOUR },
] as const;
export type Resolution = (typeof RESOLUTIONS)[number]['res'];

export const STAGES = ['total', 'auth', 'guard', 'route', 'upstream', 'output_guard', 'overhead', 'ttft'] as const;
export type RollupStage = (typeof STAGES)[number];

export const NO_MODEL = '-';
export const modelKey = (t: Pick<Trace, 'model_used'>) => t.model_used ?? NO_MODEL;
export const tierKey = (t: Pick<Trace, 'tier'>) => t.tier ?? NO_MODEL;

export const COUNTERS = [
  'requests', 'errors_4xx', 'errors_5xx', 'allowed', 'flagged', 'redacted', 'blocked', 'streamed', 'cache_hits',
  'retries', 'fallbacks', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'estimated', 'unpriced', 'cost_usd', 'saved_usd',
] as const;
export type Counters = Record<(typeof COUNTERS)[number], number>;

const DECISION_COLUMN: Record<string, keyof Counters> = { allow: 'allowed', flag: 'flagged', redact: 'redacted', block: 'blocked' };

/** One trace's counters (built as a literal: this runs for every trace of every flush). */
function countersOf(t: Trace): Counters {
  // A blocked request answers 400 by design: it is a decision, not an error.
  const d = DECISION_COLUMN[t.decision];
  return {
    requests: 1,
    errors_4xx: t.status < 500 && t.status >= 400 && t.decision !== 'block' ? 1 : 0,
    errors_5xx: t.status >= 500 ? 1 : 0,
    allowed: d === 'allowed' ? 1 : 0,
    flagged: d === 'flagged' ? 1 : 0,
    redacted: d === 'redacted' ? 1 : 0,
    blocked: d === 'blocked' ? 1 : 0,
    streamed: t.stream ? 1 : 0,
    cache_hits: t.cache === 'hit' ? 1 : 0,
    retries: t.retries,
    fallbacks: t.fallbacks,
    prompt_tokens: t.usage.prompt_tokens,
    completion_tokens: t.usage.completion_tokens,
    cached_tokens: t.usage.cached_tokens,
    estimated: t.usage.source === 'estimated' ? 1 : 0,
    unpriced: t.cost_flags.includes('unknown_price') ? 1 : 0,
    cost_usd: t.cost_usd,
    saved_usd: t.saved_usd,
  };
}

/** The stages a request went through (a stage it never reached must not count as a 0 ms sample). */
export function stageSamples(t: Trace): Array<[RollupStage, number]> {
  const l = t.latency_ms;
  const out: Array<[RollupStage, number]> = [['total', l.total], ['auth', l.auth], ['overhead', l.overhead]];
  if (l.guard > 0 || t.guards.some((g) => g.side === 'input')) out.push(['guard', l.guard]);
  if (t.tier !== null) out.push(['route', l.route]);
  if (t.attempts.length > 0) out.push(['upstream', l.upstream]);
  if (l.output_guard > 0 || t.guards.some((g) => g.side === 'output')) out.push(['output_guard', l.output_guard]);
  if (l.ttft !== null && l.ttft !== undefined) out.push(['ttft', l.ttft]);
  return out;
}

interface Aggregate {
  requests: Map<string, { key: [Resolution, number, string, string]; c: Counters }>;
  latency: Map<string, { key: [Resolution, number, string, RollupStage]; h: Histogram }>;
  guards: Map<string, { key: [Resolution, number, string, string, string, string]; count: number; score: number }>;
}

/**
 * A batch's rollup deltas, summed per key. Runs for every trace of every flush, in the isolate
 * that serves requests: each trace's key parts (model, stage and guard suffixes) are built once
 * and shared by both resolutions, and the counters are summed field by field (no per-trace copies).
 */
export function aggregate(traces: Trace[]): Aggregate {
  const agg: Aggregate = { requests: new Map(), latency: new Map(), guards: new Map() };
  for (const t of traces) {
    const at = Date.parse(t.created_at);
    const model = modelKey(t);
    const tier = tierKey(t);
    const counters = countersOf(t);
    const samples = stageSamples(t);
    const guardKeys = t.guards.map((g) => {
      const action = g.error ? 'error' : g.action || 'none';
      return { suffix: `|${g.name}|${g.side}|${action}|${g.mode}`, name: g.name, side: g.side, action, mode: g.mode, score: typeof g.score === 'number' ? g.score : 0 };
    });
    for (const { res, ms } of RESOLUTIONS) {
      const bucket = Math.floor(at / ms) * ms;
      const prefix = `${res}|${bucket}|`;
      const rk = `${prefix}${model}|${tier}`;
      const r = agg.requests.get(rk);
      if (!r) agg.requests.set(rk, { key: [res, bucket, model, tier], c: { ...counters } });
      else for (const k of COUNTERS) r.c[k] += counters[k];
      const modelPrefix = `${prefix}${model}|`;
      for (const [stage, ms_] of samples) {
        const lk = modelPrefix + stage;
        let l = agg.latency.get(lk);
        if (!l) agg.latency.set(lk, (l = { key: [res, bucket, model, stage], h: emptyHistogram() }));
        observe(l.h, ms_);
      }
      for (const g of guardKeys) {
        const gk = prefix + g.suffix;
        let e = agg.guards.get(gk);
        if (!e) agg.guards.set(gk, (e = { key: [res, bucket, g.name, g.side, g.action, g.mode], count: 0, score: 0 }));
        e.count++;
        e.score += g.score;
      }
    }
  }
  return agg;
}

/** A rollup table: its key columns, the columns a fold adds to, and the one it keeps the maximum of. */
export interface RollupTable {
  table: string;
  /** The rollup_pending column holding this table's deltas. */
  pending: 'requests' | 'latency' | 'guards';
  keys: readonly string[];
  sums: readonly string[];
  max?: string;
}

export const ROLLUP_TABLES: readonly RollupTable[] = [
  { table: 'request_rollup', pending: 'requests', keys: ['res', 'bucket', 'model', 'tier'], sums: COUNTERS },
  { table: 'latency_rollup', pending: 'latency', keys: ['res', 'bucket', 'model', 'stage'], sums: ['n', 'sum', ...Array.from({ length: BINS }, (_, i) => `b${i}`)], max: 'max' },
  { table: 'guard_rollup', pending: 'guards', keys: ['res', 'bucket', 'guard', 'side', 'action', 'mode'], sums: ['count', 'score_sum'] },
];

/** A batch's deltas as rows in each table's column order (keys, sums, then max): what rollup_pending holds. */
export function deltaRows(traces: Trace[]): Record<RollupTable['pending'], unknown[][]> {
  const agg = aggregate(traces);
  return {
    requests: [...agg.requests.values()].map(({ key, c }) => [...key, ...COUNTERS.map((k) => c[k])]),
    latency: [...agg.latency.values()].map(({ key, h }) => [...key, h.n, h.sum, ...h.bins, h.max]),
    guards: [...agg.guards.values()].map(({ key, count, score }) => [...key, count, score]),
  };
}

const PENDING_INSERT = 'INSERT INTO rollup_pending (requests, latency, guards) VALUES (?1, ?2, ?3)';

/**
 * The batch's rollup deltas as one row of rollup_pending, written in the same D1 batch (one
 * transaction) as the traces, so a trace and its counts land together or not at all. Upserting
 * every rollup row a batch touches (~35 at low traffic, one of them 95 columns wide) cost more than
 * writing the traces themselves; folding them is left to `foldRollups`, off the request path.
 */
export function rollupStatements(db: D1Database, traces: Trace[]): D1PreparedStatement[] {
  if (traces.length === 0) return [];
  const rows = deltaRows(traces);
  return [db.prepare(PENDING_INSERT).bind(JSON.stringify(rows.requests), JSON.stringify(rows.latency), JSON.stringify(rows.guards))];
}
