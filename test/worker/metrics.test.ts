import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { queryMetrics } from '../../src/telemetry/metrics';
import { applyRetention } from '../../src/telemetry/retention';
import { rollupStatements } from '../../src/telemetry/rollup';
import { insertTraces, type Trace } from '../../src/telemetry/trace';
import { traceRow } from '../support/traces';

/**
 * Metrics are read from rollups written with the traces. These tests write traces through the same
 * statements the trace writer uses, at fixed instants in 2001 (so live traffic from other tests is
 * outside every window), and compare what GET /admin/metrics' query returns with what was written.
 */
const db = (env as unknown as { DB: D1Database }).DB;
const MIN = 60_000;
const DAY = 86_400_000;
let seq = 0;

function trace(at: number, over: Partial<Trace> & { total?: number; upstream?: number } = {}): Trace {
  const { total = 100, upstream = 90, ...rest } = over;
  return traceRow(`req_test${(seq++).toString(16).padStart(28, '0')}`, at, {
    latency_ms: { total, auth: 0.1, guard: 0.5, route: 0.05, upstream, output_guard: 0, overhead: total - upstream, ttft: null },
    attempts: [{ target: 'openai:gpt-4.1-mini', status: 200, latency_ms: upstream, retry: 0 }],
    ...rest,
  });
}

async function write(traces: Trace[]) {
  for (let i = 0; i < traces.length; i += 50) {
    const batch = traces.slice(i, i + 50);
    await db.batch([...insertTraces(db, batch), ...rollupStatements(db, batch)]);
  }
}

describe('metrics from rollups', () => {
  it('percentiles, overhead, costs, decisions, guards, routes and series match what was written', async () => {
    const t0 = Date.UTC(2001, 0, 1, 12, 0);
    const traces: Trace[] = [];
    // 1000 allowed requests over 10 minutes, total latency 1..1000 ms, gateway overhead 2 ms each.
    for (let i = 1; i <= 1000; i++) traces.push(trace(t0 + ((i - 1) % 10) * MIN + 1000, { total: i, upstream: Math.max(i - 2, 0) }));
    const guard = (action: string, mode: 'enforce' | 'shadow', score: number) => ({ name: 'prompt_injection', side: 'input' as const, score, action, mode });
    for (let i = 0; i < 10; i++) {
      traces.push(trace(t0 + 5 * MIN, { decision: 'block', status: 400, model_used: null, tier: null, attempts: [], cost_usd: 0, saved_usd: 0.002, guards: [guard('block', 'enforce', 0.99)] }));
    }
    for (let i = 0; i < 5; i++) traces.push(trace(t0 + 6 * MIN, { model_used: 'gpt-4.1', tier: 'large', cost_usd: 0.0028, saved_usd: 0, guards: [guard('block', 'shadow', 0.8)] }));
    for (let i = 0; i < 4; i++) traces.push(trace(t0 + 7 * MIN, { status: 502, cost_usd: 0, saved_usd: 0, model_used: 'mystery', cost_flags: ['unknown_price'] }));
    await write(traces);

    const m = await queryMetrics(db, 15 * MIN, t0 + 14 * MIN);
    expect(m.window).toMatchObject({ resolution: 'minute', step_ms: MIN });
    expect(m.totals).toMatchObject({ requests: 1019, blocked: 10, allowed: 1009, errors_5xx: 4, errors_4xx: 0, unpriced: 4 });
    expect(m.totals.cost_usd).toBeCloseTo(1000 * 0.00056 + 5 * 0.0028, 6);
    expect(m.totals.saved_usd).toBeCloseTo(1000 * 0.00224 + 10 * 0.002, 6);
    expect(m.decisions).toEqual({ allow: 1009, flag: 0, redact: 0, block: 10 });

    // Histogram percentiles are within ±10% of the exact ones.
    const onlyMini = m.latency.by_model['gpt-4.1-mini']!.total!;
    expect(onlyMini.n).toBe(1000);
    expect(onlyMini.p50! / 500).toBeGreaterThan(0.9);
    expect(onlyMini.p50! / 500).toBeLessThan(1.1);
    expect(onlyMini.p95! / 950).toBeGreaterThan(0.9);
    expect(onlyMini.p95! / 950).toBeLessThan(1.1);
    expect(onlyMini.p99! / 990).toBeGreaterThan(0.9);
    expect(onlyMini.p99!).toBeLessThanOrEqual(1000);
    expect(onlyMini.max).toBe(1000);
    // Stages a request never reached are not counted as 0 ms: blocked ones have no upstream sample.
    expect(m.latency.stages.upstream!.n).toBe(1009);
    expect(m.latency.stages.total!.n).toBe(1019);
    expect(m.overhead.p50).toBeGreaterThan(1.8);
    expect(m.overhead.p50).toBeLessThan(2.2);
    expect(m.overhead.share).toBeGreaterThan(0);
    expect(m.overhead.share).toBeLessThan(0.05);

    expect(m.guards).toEqual([
      { guard: 'prompt_injection', side: 'input', action: 'block', mode: 'enforce', count: 10, mean_score: 0.99 },
      { guard: 'prompt_injection', side: 'input', action: 'block', mode: 'shadow', count: 5, mean_score: 0.8 },
    ]);
    expect(m.routes).toContainEqual({ tier: 'small', model: 'gpt-4.1-mini', requests: 1000, cost_usd: 0.56, saved_usd: 2.24 });
    expect(m.routes).toContainEqual(expect.objectContaining({ tier: 'large', model: 'gpt-4.1', requests: 5 }));
    expect(m.models.find((x) => x.model === 'mystery')).toMatchObject({ requests: 4, errors: 4, unpriced: 4 });

    expect(m.series).toHaveLength(16);
    expect(m.series.reduce((n, p) => n + p.requests, 0)).toBe(1019);
    const minute5 = m.series.find((p) => p.t === t0 + 5 * MIN)!;
    expect(minute5).toMatchObject({ requests: 110, blocked: 10 });
    expect(minute5.latency.total!.n).toBe(110);

    // Past 6 h the hourly rollups answer, with the same totals.
    const week = await queryMetrics(db, 7 * DAY, t0 + 14 * MIN);
    expect(week.window.resolution).toBe('hour');
    expect(week.totals.requests).toBe(1019);
    expect(week.latency.by_model['gpt-4.1-mini']!.total!.p99).toBe(onlyMini.p99);
  });

  it('an empty window answers with zeros and empty series points, not errors', async () => {
    const m = await queryMetrics(db, 60 * MIN, Date.UTC(1999, 5, 1));
    expect(m.totals.requests).toBe(0);
    expect(m.latency.stages).toEqual({});
    expect(m.overhead.p50).toBeNull();
    expect(m.series).toHaveLength(61);
  });
});

describe('retention', () => {
  it('deletes traces past TRACE_RETENTION_DAYS and minute rollups past two days; keeps the rest', async () => {
    const now = Date.UTC(2002, 5, 1);
    const old = trace(now - 31 * DAY);
    const recent = trace(now - 29 * DAY);
    const fresh = trace(now - MIN);
    await write([old, recent, fresh]);
    const r = await applyRetention(db, { retentionDays: 30, rollupRetentionDays: 400 }, now);
    expect(r.traces).toBeGreaterThanOrEqual(1);
    const ids = (await db.prepare('SELECT id FROM traces WHERE id IN (?, ?, ?)').bind(old.id, recent.id, fresh.id).all<{ id: string }>()).results.map((x) => x.id);
    expect(ids.sort()).toEqual([recent.id, fresh.id].sort());
    // The 29-day-old trace is still counted by the hourly rollups; its minute rollups are gone.
    const month = await queryMetrics(db, 30 * DAY, now);
    expect(month.totals.requests).toBeGreaterThanOrEqual(2);
    const oldMinutes = await db.prepare("SELECT COUNT(*) AS n FROM request_rollup WHERE res = 'm' AND bucket < ?").bind(now - 2 * DAY).first<{ n: number }>();
    expect(oldMinutes!.n).toBe(0);
    const recentHours = await db.prepare("SELECT COUNT(*) AS n FROM request_rollup WHERE res = 'h' AND bucket = ?").bind(Math.floor(Date.parse(recent.created_at) / 3_600_000) * 3_600_000).first<{ n: number }>();
    expect(recentHours!.n).toBeGreaterThanOrEqual(1);
    const lastHour = await queryMetrics(db, 60 * MIN, now);
    expect(lastHour.totals.requests).toBe(1);
  });

  it('the Cron Trigger runs it against the configured age', async () => {
    const stale = trace(Date.now() - 45 * DAY);
    const live = trace(Date.now() - DAY);
    await write([stale, live]);
    const ctx = createExecutionContext();
    await worker.scheduled({ cron: '17 * * * *', scheduledTime: Date.now(), noRetry() {} } as ScheduledController, { ...env, TRACE_RETENTION_DAYS: '30' } as never, ctx);
    await waitOnExecutionContext(ctx);
    const left = (await db.prepare('SELECT id FROM traces WHERE id IN (?, ?)').bind(stale.id, live.id).all<{ id: string }>()).results.map((x) => x.id);
    expect(left).toEqual([live.id]);
  });
});
