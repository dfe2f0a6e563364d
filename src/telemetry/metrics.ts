import { BINS, emptyHistogram, type Histogram, merge, type Percentiles, percentiles } from './histogram';
import { COUNTERS, type Counters, HOUR, MINUTE, NO_MODEL, type Resolution, type RollupStage, STAGES } from './rollup';
import { foldRollups } from './rollup-fold';

/**
 * GET /admin/metrics: everything the dashboard draws, from the rollup tables only (three grouped
 * range scans on their primary keys, one D1 round trip, after folding the deltas written since the
 * last fold so every written trace counts), so its cost depends on the window's length, not on how
 * many traces there are. Windows up to 6 h read minute rollups; longer ones
 * read hourly rollups.
 */
export const MAX_WINDOW_MS = 400 * 24 * HOUR;
const MAX_POINTS = 90;
const MINUTE_STEPS = [1, 2, 5, 10, 15, 20, 30, 60].map((m) => m * MINUTE);
const HOUR_STEPS = [1, 2, 3, 4, 6, 12, 24, 48, 96, 168].map((h) => h * HOUR);

/** `15m`, `1h`, `24h`, `7d` → milliseconds; undefined when malformed or out of range. */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d{1,4})(m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * { m: MINUTE, h: HOUR, d: 24 * HOUR }[m[2] as 'm' | 'h' | 'd'];
  return ms >= 5 * MINUTE && ms <= MAX_WINDOW_MS ? ms : undefined;
}

export function planWindow(windowMs: number, now: number) {
  // Summing 88 histogram columns costs per row read: past 6 h, hourly rows keep the query small
  // (bench/tracing.ts measures it).
  const res: Resolution = windowMs <= 6 * HOUR ? 'm' : 'h';
  const steps = res === 'm' ? MINUTE_STEPS : HOUR_STEPS;
  const step = steps.find((s) => windowMs / s <= MAX_POINTS) ?? steps[steps.length - 1]!;
  const resMs = res === 'm' ? MINUTE : HOUR;
  const from = Math.floor((now - windowMs) / resMs) * resMs;
  return { res, step, from, now };
}

type Stat = Percentiles;
type StageStats = Partial<Record<RollupStage, Stat>>;

export interface Metrics {
  window: { ms: number; from: string; to: string; resolution: 'minute' | 'hour'; step_ms: number };
  totals: Counters & { error_rate: number; saved_pct: number | null };
  latency: { stages: StageStats; by_model: Record<string, StageStats> };
  overhead: Stat & { share: number | null };
  series: Array<{ t: number; requests: number; errors: number; blocked: number; cost_usd: number; saved_usd: number; latency: StageStats }>;
  decisions: { allow: number; flag: number; redact: number; block: number };
  guards: Array<{ guard: string; side: string; action: string; mode: string; count: number; mean_score: number | null }>;
  routes: Array<{ tier: string; model: string; requests: number; cost_usd: number; saved_usd: number }>;
  models: Array<{ model: string; requests: number; errors: number; prompt_tokens: number; completion_tokens: number; cost_usd: number; saved_usd: number; unpriced: number }>;
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Counters;
const add = (into: Counters, row: Record<string, unknown>) => {
  for (const k of COUNTERS) into[k] += Number(row[k] ?? 0);
  return into;
};
const money = (v: number) => Math.round(v * 1e6) / 1e6;
const SERIES_STAGES: RollupStage[] = ['total', 'upstream', 'overhead', 'guard', 'output_guard', 'ttft'];

function histogramOf(row: Record<string, unknown>): Histogram {
  const h = emptyHistogram();
  h.n = Number(row.n);
  h.sum = Number(row.sum);
  h.max = Number(row.max);
  const bins = JSON.parse(String(row.bins ?? '[]')) as number[];
  for (let i = 0; i < BINS; i++) h.bins[i] = Number(bins[i] ?? 0) || 0;
  return h;
}

// The 88 bin sums as one JSON array column: D1 returns rows as objects, and 88 keys per row
// would dominate the response (measured: several times slower for a few thousand rows).
const BIN_SUMS = `json_array(${Array.from({ length: BINS }, (_, i) => `SUM(b${i})`).join(', ')}) AS bins`;
const LATENCY_COLUMNS = `stage, SUM(n) AS n, SUM(sum) AS sum, MAX(max) AS max, ${BIN_SUMS}`;

export async function queryMetrics(db: D1Database, windowMs: number, now = Date.now()): Promise<Metrics> {
  await foldRollups(db);
  const { res, step, from } = planWindow(windowMs, now);
  const [requests, latency, latencySeries, guards] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT CAST(bucket / ?1 AS INTEGER) * ?1 AS t, model, tier, ${COUNTERS.map((k) => `SUM(${k}) AS ${k}`).join(', ')}
      FROM request_rollup WHERE res = ?2 AND bucket >= ?3 AND bucket <= ?4 GROUP BY t, model, tier`).bind(step, res, from, now),
    // Per model over the whole window; per interval only for the stages the series draws.
    db.prepare(`SELECT model, ${LATENCY_COLUMNS}
      FROM latency_rollup WHERE res = ?1 AND bucket >= ?2 AND bucket <= ?3 GROUP BY model, stage`).bind(res, from, now),
    db.prepare(`SELECT CAST(bucket / ?1 AS INTEGER) * ?1 AS t, ${LATENCY_COLUMNS}
      FROM latency_rollup WHERE res = ?2 AND bucket >= ?3 AND bucket <= ?4 AND stage IN (${SERIES_STAGES.map((st) => `'${st}'`).join(', ')}) GROUP BY t, stage`).bind(step, res, from, now),
    db.prepare(`SELECT guard, side, action, mode, SUM(count) AS count, SUM(score_sum) AS score_sum
      FROM guard_rollup WHERE res = ?1 AND bucket >= ?2 AND bucket <= ?3 GROUP BY guard, side, action, mode ORDER BY guard, side, action, mode`).bind(res, from, now),
  ]);

  const totals = zero();
  const byTime = new Map<number, Counters>();
  const byRoute = new Map<string, Counters & { tier: string; model: string }>();
  const byModel = new Map<string, Counters>();
  for (const r of requests!.results) {
    add(totals, r);
    const t = Number(r.t);
    add(byTime.get(t) ?? byTime.set(t, zero()).get(t)!, r);
    const rk = `${r.tier}|${r.model}`;
    add(byRoute.get(rk) ?? byRoute.set(rk, { ...zero(), tier: String(r.tier), model: String(r.model) }).get(rk)!, r);
    const mk = String(r.model);
    add(byModel.get(mk) ?? byModel.set(mk, zero()).get(mk)!, r);
  }

  const stageAll = new Map<RollupStage, Histogram>();
  const stageModel = new Map<string, Map<RollupStage, Histogram>>();
  const stageTime = new Map<number, Map<RollupStage, Histogram>>();
  for (const r of latency!.results) {
    const stage = r.stage as RollupStage;
    if (!STAGES.includes(stage)) continue;
    const h = histogramOf(r);
    merge(stageAll.get(stage) ?? stageAll.set(stage, emptyHistogram()).get(stage)!, h);
    const model = String(r.model);
    if (model !== NO_MODEL) {
      const m = stageModel.get(model) ?? stageModel.set(model, new Map()).get(model)!;
      merge(m.get(stage) ?? m.set(stage, emptyHistogram()).get(stage)!, h);
    }
  }
  for (const r of latencySeries!.results) {
    const t = Number(r.t);
    const m = stageTime.get(t) ?? stageTime.set(t, new Map()).get(t)!;
    m.set(r.stage as RollupStage, histogramOf(r));
  }
  const stats = (m: Map<RollupStage, Histogram> | undefined): StageStats => Object.fromEntries([...(m ?? [])].map(([s, h]) => [s, percentiles(h)]));

  const series: Metrics['series'] = [];
  for (let t = Math.floor(from / step) * step; t <= now; t += step) {
    const c = byTime.get(t) ?? zero();
    series.push({ t, requests: c.requests, errors: c.errors_4xx + c.errors_5xx, blocked: c.blocked, cost_usd: money(c.cost_usd), saved_usd: money(c.saved_usd), latency: stats(stageTime.get(t)) });
  }

  const total = stageAll.get('total');
  const overheadH = stageAll.get('overhead') ?? emptyHistogram();
  const errors = totals.errors_4xx + totals.errors_5xx;
  const spentIfLarge = totals.cost_usd + totals.saved_usd;
  return {
    window: { ms: windowMs, from: new Date(from).toISOString(), to: new Date(now).toISOString(), resolution: res === 'm' ? 'minute' : 'hour', step_ms: step },
    totals: {
      ...totals,
      cost_usd: money(totals.cost_usd),
      saved_usd: money(totals.saved_usd),
      error_rate: totals.requests ? errors / totals.requests : 0,
      saved_pct: spentIfLarge > 0 ? totals.saved_usd / spentIfLarge : null,
    },
    latency: { stages: stats(stageAll), by_model: Object.fromEntries([...stageModel].map(([m, s]) => [m, stats(s)])) },
    overhead: { ...percentiles(overheadH), share: total && total.sum > 0 ? overheadH.sum / total.sum : null },
    series,
    decisions: { allow: totals.allowed, flag: totals.flagged, redact: totals.redacted, block: totals.blocked },
    guards: guards!.results.map((g) => ({
      guard: String(g.guard),
      side: String(g.side),
      action: String(g.action),
      mode: String(g.mode),
      count: Number(g.count),
      mean_score: Number(g.count) > 0 ? Math.round((Number(g.score_sum) / Number(g.count)) * 1e4) / 1e4 : null,
    })),
    routes: [...byRoute.values()]
      .map((r) => ({ tier: r.tier, model: r.model, requests: r.requests, cost_usd: money(r.cost_usd), saved_usd: money(r.saved_usd) }))
      .sort((a, b) => b.requests - a.requests),
    models: [...byModel]
      .map(([model, c]) => ({ model, requests: c.requests, errors: c.errors_4xx + c.errors_5xx, prompt_tokens: c.prompt_tokens, completion_tokens: c.completion_tokens, cost_usd: money(c.cost_usd), saved_usd: money(c.saved_usd), unpriced: c.unpriced }))
      .sort((a, b) => b.cost_usd - a.cost_usd || b.requests - a.requests),
  };
}
