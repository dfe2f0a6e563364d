import type { RequestState } from '../pipeline/state';
import type { CostFlag } from './cost';
import type { CountedUsage } from './usage';

/**
 * One trace per request: built from the request's state once the response is complete (for
 * streams, when the stream ends) and written to D1 after the response (`ctx.waitUntil`).
 * The JSON shape is the contract of GET /admin/traces (DESIGN.md).
 */
export interface Trace {
  id: string;
  created_at: string;
  key_id: string | null;
  policy: string | null;
  endpoint: string;
  stream: boolean;
  model_requested: string | null;
  model_used: string | null;
  provider: string | null;
  tier: string | null;
  decision: string;
  status: number;
  guards: RequestState['guards'];
  /**
   * Stage latencies. `overhead` is what the gateway added: time to the response's start minus the
   * upstream's time to headers, plus output guarding done while a stream flowed.
   */
  latency_ms: { total: number; auth: number; guard: number; route: number; upstream: number; output_guard: number; overhead: number; ttft: number | null };
  usage: { prompt_tokens: number; completion_tokens: number; cached_tokens: number; source: string | null };
  cost_usd: number;
  saved_usd: number;
  /** Why cost or savings may be incomplete (`unknown_price`, `estimated_usage`, …). */
  cost_flags: CostFlag[];
  router_score: number | null;
  finish_reason: string | null;
  attempts: RequestState['attempts'];
  /** Retries taken (same target again) and fallbacks (later targets in the chain), from `attempts`. */
  retries: number;
  fallbacks: number;
  cache: string | null;
  error: RequestState['error'] | null;
  input: string | null;
  output: string | null;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Retries are repeated tries of a target; fallbacks are moves to the next target of the chain. */
export function retriesAndFallbacks(attempts: RequestState['attempts']): { retries: number; fallbacks: number } {
  const targets = new Set(attempts.map((a) => a.target));
  return { retries: attempts.filter((a) => a.retry > 0).length, fallbacks: Math.max(0, targets.size - 1) };
}

export interface Accounting {
  usage: CountedUsage;
  cost_usd: number;
  saved_usd: number;
  cost_flags: CostFlag[];
  /** ms from the request's start to the response's start (headers), taken when the handler returned. */
  responseStartMs?: number;
  /** The policy said not to keep text (`capture.text: none`): whatever the state holds is dropped. */
  dropText?: boolean;
}

const NO_ACCOUNTING: Accounting = { usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, source: null }, cost_usd: 0, saved_usd: 0, cost_flags: [] };

export function traceOf(state: RequestState, acc: Accounting = NO_ACCOUNTING): Trace {
  const t = state.timing.snapshot();
  const start = acc.responseStartMs ?? t.total;
  const overhead = Math.max(0, start - t.upstream) + (state.stream ? t['output-guard'] : 0);
  return {
    id: state.id,
    created_at: new Date(state.createdAt).toISOString(),
    key_id: state.key?.id ?? null,
    policy: state.policy?.name ?? null,
    endpoint: state.endpoint,
    stream: state.stream,
    model_requested: state.modelRequested,
    model_used: state.modelUsed,
    provider: state.provider,
    tier: state.tier,
    decision: state.decision,
    status: state.status,
    guards: state.guards,
    latency_ms: {
      total: round3(Math.max(t.total, 0.001)),
      auth: t.auth,
      guard: t.guard,
      route: t.route,
      upstream: t.upstream,
      output_guard: t['output-guard'],
      overhead: round3(Math.min(overhead, Math.max(t.total, 0.001))),
      ttft: state.timeToFirstTokenMs === null ? null : round3(state.timeToFirstTokenMs),
    },
    usage: { ...acc.usage },
    cost_usd: acc.cost_usd,
    saved_usd: acc.saved_usd,
    cost_flags: acc.cost_flags,
    router_score: state.routerScore,
    finish_reason: state.finishReason,
    attempts: state.attempts,
    ...retriesAndFallbacks(state.attempts),
    cache: state.cache,
    error: state.error ?? null,
    input: acc.dropText ? null : (state.input ?? null),
    output: acc.dropText ? null : (state.output ?? null),
  };
}

const COLUMNS = [
  'id', 'created_at', 'key_id', 'policy', 'endpoint', 'stream', 'model_requested', 'model_used', 'provider', 'tier',
  'decision', 'status', 'latency_total', 'latency_auth', 'latency_guard', 'latency_route', 'latency_upstream',
  'latency_output_guard', 'ttft_ms', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'usage_source', 'cost_usd',
  'saved_usd', 'router_score', 'finish_reason', 'guards', 'attempts', 'error', 'input', 'output',
  'latency_overhead', 'cost_flags', 'cache',
] as const;

/**
 * One row's values in COLUMNS order, nested values (guards, attempts, error, cost flags) as they are:
 * what a packed row holds. Positional, so the rows carry no key names and SQLite reads each column
 * by index instead of matching keys (measured: ~20% less D1 work per trace than object rows).
 */
function packedValues(t: Trace): unknown[] {
  const l = t.latency_ms;
  const u = t.usage;
  return [
    t.id, Date.parse(t.created_at), t.key_id, t.policy, t.endpoint, t.stream, t.model_requested, t.model_used, t.provider, t.tier,
    t.decision, t.status, l.total, l.auth, l.guard, l.route, l.upstream,
    l.output_guard, l.ttft, u.prompt_tokens, u.completion_tokens, u.cached_tokens, u.source, t.cost_usd,
    t.saved_usd, t.router_score, t.finish_reason, t.guards, t.attempts, t.error, t.input, t.output,
    l.overhead, t.cost_flags, t.cache,
  ];
}

const NESTED = (['guards', 'attempts', 'error', 'cost_flags'] as const).map((c) => COLUMNS.indexOf(c));
const STREAM = COLUMNS.indexOf('stream');

/** One row's values, in COLUMNS order, as SQL values (bench/tracing.ts seeds with it). */
export function traceRowValues(t: Trace): unknown[] {
  const v = packedValues(t);
  for (const i of NESTED) v[i] = v[i] == null ? null : JSON.stringify(v[i]);
  v[STREAM] = t.stream ? 1 : 0;
  return v;
}

/**
 * A batch of traces in one statement with one bound parameter (a JSON array of packed rows) that
 * SQLite unpacks with json_each: per-statement costs (D1's serialization and round trip, the
 * statement's own setup) are paid once per batch instead of once per trace, and the statement
 * stays within D1's limit of 100 bound parameters whatever the batch size. Nested values come back
 * as their JSON text, JSON null as SQL NULL, true/false as 1/0. `INSERT OR REPLACE` keeps a retried
 * batch idempotent.
 */
const INSERT =
  `WITH packed(v) AS MATERIALIZED (SELECT value FROM json_each(?1)) ` +
  `INSERT OR REPLACE INTO traces (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((_, i) => `json_extract(v, '$[${i}]')`).join(', ')} FROM packed`;
/** D1 caps a bound value at 2 MB: 600k UTF-16 units are at most 1.8 MB of UTF-8. A trace with captured text is up to ~50 KB. */
export const MAX_PACKED_CHARS = 600_000;

/**
 * JSON.stringify escapes a lone surrogate (client text can hold one) as `\udXXX`, which SQLite
 * would turn into invalid UTF-8; bound as a parameter it became U+FFFD, and still does. Paired
 * surrogates are written as they are, so the rare escape is the only sign to look for.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function packed(t: Trace): string {
  const row = packedValues(t);
  const json = JSON.stringify(row);
  return json.includes('\\ud') ? JSON.stringify(row, (_k, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd') : v)) : json;
}

export function insertTraces(db: D1Database, traces: Trace[]): D1PreparedStatement[] {
  const stmt = db.prepare(INSERT);
  const out: D1PreparedStatement[] = [];
  let rows: string[] = [];
  let size = 0;
  for (const t of traces) {
    const row = packed(t);
    if (rows.length && size + row.length > MAX_PACKED_CHARS) {
      out.push(stmt.bind(`[${rows.join(',')}]`));
      rows = [];
      size = 0;
    }
    rows.push(row);
    size += row.length + 1;
  }
  if (rows.length) out.push(stmt.bind(`[${rows.join(',')}]`));
  return out;
}

type Row = Record<string, any>;
const parse = <T>(text: unknown, fallback: T): T => {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};

export function traceFromRow(r: Row): Trace {
  const attempts = parse<RequestState['attempts']>(r.attempts, []);
  return {
    id: r.id,
    created_at: new Date(r.created_at).toISOString(),
    key_id: r.key_id,
    policy: r.policy,
    endpoint: r.endpoint,
    stream: r.stream === 1,
    model_requested: r.model_requested,
    model_used: r.model_used,
    provider: r.provider,
    tier: r.tier,
    decision: r.decision,
    status: r.status,
    guards: parse(r.guards, []),
    latency_ms: {
      total: r.latency_total,
      auth: r.latency_auth,
      guard: r.latency_guard,
      route: r.latency_route,
      upstream: r.latency_upstream,
      output_guard: r.latency_output_guard,
      overhead: r.latency_overhead ?? 0,
      ttft: r.ttft_ms,
    },
    usage: { prompt_tokens: r.prompt_tokens, completion_tokens: r.completion_tokens, cached_tokens: r.cached_tokens, source: r.usage_source },
    cost_usd: r.cost_usd,
    saved_usd: r.saved_usd,
    cost_flags: parse(r.cost_flags, []),
    router_score: r.router_score,
    finish_reason: r.finish_reason,
    attempts,
    ...retriesAndFallbacks(attempts),
    cache: r.cache ?? null,
    error: parse(r.error, null),
    input: r.input,
    output: r.output,
  };
}

export async function listTraces(db: D1Database, opts: { limit: number; since?: number; before?: number }): Promise<Trace[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.since !== undefined) (where.push('created_at >= ?'), args.push(opts.since));
  if (opts.before !== undefined) (where.push('created_at < ?'), args.push(opts.before));
  const sql = `SELECT * FROM traces ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...args, opts.limit).all<Row>();
  return results.map(traceFromRow);
}
