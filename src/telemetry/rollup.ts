import { BINS, emptyHistogram, type Histogram, observe } from './histogram';
import type { Trace } from './trace';

/**
 * Per-minute and per-hour rollups of traces (migrations/0002_trace_rollups.sql), aggregated in
 * memory for a batch of traces and upserted in the same D1 batch as the traces themselves, so a
 * trace and its counts are written together or not at all.
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

function countersOf(t: Trace): Counters {
  const c = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Counters;
  c.requests = 1;
  // A blocked request answers 400 by design: it is a decision, not an error.
  if (t.status >= 500) c.errors_5xx = 1;
  else if (t.status >= 400 && t.decision !== 'block') c.errors_4xx = 1;
  const d = DECISION_COLUMN[t.decision];
  if (d) c[d] = 1;
  c.streamed = t.stream ? 1 : 0;
  c.cache_hits = t.cache === 'hit' ? 1 : 0;
  c.retries = t.retries;
  c.fallbacks = t.fallbacks;
  c.prompt_tokens = t.usage.prompt_tokens;
  c.completion_tokens = t.usage.completion_tokens;
  c.cached_tokens = t.usage.cached_tokens;
  c.estimated = t.usage.source === 'estimated' ? 1 : 0;
  c.unpriced = t.cost_flags.includes('unknown_price') ? 1 : 0;
  c.cost_usd = t.cost_usd;
  c.saved_usd = t.saved_usd;
  return c;
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

export function aggregate(traces: Trace[]): Aggregate {
  const agg: Aggregate = { requests: new Map(), latency: new Map(), guards: new Map() };
  for (const t of traces) {
    const at = Date.parse(t.created_at);
    const model = modelKey(t);
    const tier = tierKey(t);
    const counters = countersOf(t);
    const samples = stageSamples(t);
    for (const { res, ms } of RESOLUTIONS) {
      const bucket = Math.floor(at / ms) * ms;
      const rk = `${res}|${bucket}|${model}|${tier}`;
      const r = agg.requests.get(rk);
      if (!r) agg.requests.set(rk, { key: [res, bucket, model, tier], c: { ...counters } });
      else for (const k of COUNTERS) r.c[k] += counters[k];
      for (const [stage, ms_] of samples) {
        const lk = `${res}|${bucket}|${model}|${stage}`;
        let l = agg.latency.get(lk);
        if (!l) agg.latency.set(lk, (l = { key: [res, bucket, model, stage], h: emptyHistogram() }));
        observe(l.h, ms_);
      }
      for (const g of t.guards) {
        const action = g.error ? 'error' : g.action || 'none';
        const gk = `${res}|${bucket}|${g.name}|${g.side}|${action}|${g.mode}`;
        let e = agg.guards.get(gk);
        if (!e) agg.guards.set(gk, (e = { key: [res, bucket, g.name, g.side, action, g.mode], count: 0, score: 0 }));
        e.count++;
        e.score += typeof g.score === 'number' ? g.score : 0;
      }
    }
  }
  return agg;
}

const REQUEST_UPSERT = `INSERT INTO request_rollup (res, bucket, model, tier, ${COUNTERS.join(', ')})
VALUES (${new Array(4 + COUNTERS.length).fill('?').join(', ')})
ON CONFLICT (res, bucket, model, tier) DO UPDATE SET ${COUNTERS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')}`;

const GUARD_UPSERT = `INSERT INTO guard_rollup (res, bucket, guard, side, action, mode, count, score_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (res, bucket, guard, side, action, mode) DO UPDATE SET count = count + excluded.count, score_sum = score_sum + excluded.score_sum`;

/** Only the bins a batch touched are named, so each statement binds a handful of values. */
function latencyUpsert(h: Histogram): { sql: string; bins: number[] } {
  const bins: number[] = [];
  for (let i = 0; i < BINS; i++) if (h.bins[i]) bins.push(i);
  const cols = bins.map((i) => `b${i}`);
  const sql =
    `INSERT INTO latency_rollup (res, bucket, model, stage, n, sum, max${cols.map((c) => `, ${c}`).join('')}) ` +
    `VALUES (${new Array(7 + cols.length).fill('?').join(', ')}) ` +
    `ON CONFLICT (res, bucket, model, stage) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum, max = MAX(max, excluded.max)` +
    cols.map((c) => `, ${c} = ${c} + excluded.${c}`).join('');
  return { sql, bins };
}

export function rollupStatements(db: D1Database, traces: Trace[]): D1PreparedStatement[] {
  const agg = aggregate(traces);
  const out: D1PreparedStatement[] = [];
  const request = db.prepare(REQUEST_UPSERT);
  for (const { key, c } of agg.requests.values()) out.push(request.bind(...key, ...COUNTERS.map((k) => c[k])));
  for (const { key, h } of agg.latency.values()) {
    const { sql, bins } = latencyUpsert(h);
    out.push(db.prepare(sql).bind(...key, h.n, h.sum, h.max, ...bins.map((i) => h.bins[i])));
  }
  const guard = db.prepare(GUARD_UPSERT);
  for (const { key, count, score } of agg.guards.values()) out.push(guard.bind(...key, count, score));
  return out;
}
