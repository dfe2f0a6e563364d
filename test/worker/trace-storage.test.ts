import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { queryMetrics } from '../../src/telemetry/metrics';
import { rollupStatements } from '../../src/telemetry/rollup';
import { foldRollups } from '../../src/telemetry/rollup-fold';
import { insertTraces, listTraces, type Trace } from '../../src/telemetry/trace';
import { traceRow } from '../support/traces';

/**
 * How traces and their counts are stored: a batch's traces in one packed statement, its rollup
 * deltas in one pending row, folded into the rollup tables later. Instants are in 2003, outside
 * every other test's window.
 */
const db = (env as unknown as { DB: D1Database }).DB;
const MIN = 60_000;
let seq = 0;

function trace(at: number, over: Partial<Trace> = {}): Trace {
  return traceRow(`req_store${(seq++).toString(16).padStart(27, '0')}`, at, {
    guards: [{ name: 'pii', side: 'input', score: 0.1234, threshold: 0.5, action: 'none', mode: 'enforce', latency_ms: 0.012 }],
    latency_ms: { total: 12.345, auth: 0.1, guard: 0.5, route: 0.05, upstream: 10, output_guard: 0, overhead: 2.345, ttft: null },
    saved_usd: 0.1 + 0.2,
    attempts: [{ target: 'openai:gpt-4.1-mini', status: 200, latency_ms: 10, retry: 0 }],
    input: 'hello',
    output: 'world',
    ...over,
  });
}

const write = (traces: Trace[]) => db.batch([...insertTraces(db, traces), ...rollupStatements(db, traces)]);
const pending = async () => (await db.prepare('SELECT COUNT(*) AS n FROM rollup_pending').first<{ n: number }>())!.n;
const minuteRequests = async (bucket: number) =>
  (await db.prepare("SELECT COALESCE(SUM(requests), 0) AS n FROM request_rollup WHERE res = 'm' AND bucket = ?").bind(bucket).first<{ n: number }>())!.n;

describe('trace storage', () => {
  it('a trace reads back exactly as written: numbers, nulls, nested JSON, booleans and text', async () => {
    const at = Date.UTC(2003, 0, 1, 10, 0, 0, 123);
    const written = [
      trace(at),
      trace(at + 1, {
        stream: true,
        cache: 'miss',
        decision: 'redact',
        status: 502,
        latency_ms: { total: 1e-3, auth: 0, guard: 1 / 3, route: 0, upstream: 0, output_guard: 0, overhead: 1e-3, ttft: 0.25 },
        error: { type: 'upstream_error', code: 'upstream_timeout', message: 'no response within "30000" ms\n\\ done' },
        cost_flags: ['estimated_usage', 'unknown_price'],
        usage: { prompt_tokens: 3, completion_tokens: 0, cached_tokens: 0, source: 'estimated' },
        router_score: null,
        finish_reason: null,
        input: 'Grüße, 東京 👋 "quoted" \\u0041 [EMAIL_1]',
        output: null,
        model_used: null,
      }),
    ];
    await write(written);
    const read = await listTraces(db, { limit: 10, since: at, before: at + 1000 });
    expect(read.reverse()).toEqual(written);
  });

  it('a lone surrogate in captured text is stored as U+FFFD, as a bound parameter was', async () => {
    const at = Date.UTC(2003, 0, 2);
    const t = trace(at, { input: 'a\ud800b', model_requested: '\udc00' });
    await write([t]);
    const [read] = await listTraces(db, { limit: 1, since: at, before: at + 1 });
    expect(read).toMatchObject({ input: 'a\ufffdb', model_requested: '\ufffd' });
  });

  it("a batch's counts wait in one pending row; a fold adds them once, even when folds race", async () => {
    await foldRollups(db);
    const bucket = Date.UTC(2003, 0, 3, 8, 30);
    await write(Array.from({ length: 40 }, (_, i) => trace(bucket + (i % 60) * 1000)));
    await write(Array.from({ length: 2 }, () => trace(bucket + 5_000)));
    expect(await pending()).toBe(2);
    expect(await minuteRequests(bucket)).toBe(0);

    const folded = await Promise.all([foldRollups(db), foldRollups(db), foldRollups(db)]);
    expect(folded.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await pending()).toBe(0);
    expect(await minuteRequests(bucket)).toBe(42);

    // Later batches for the same minute add to the same row.
    await write([trace(bucket + 59_000)]);
    const m = await queryMetrics(db, 15 * MIN, bucket + 10 * MIN);
    expect(m.totals.requests).toBe(43);
    expect(m.latency.stages.total!.n).toBe(43);
    expect(m.guards).toEqual([{ guard: 'pii', side: 'input', action: 'none', mode: 'enforce', count: 43, mean_score: 0.1234 }]);
    expect(await pending()).toBe(0);
  });

  it('a large backlog is folded in several transactions, none lost', async () => {
    const bucket = Date.UTC(2003, 0, 4, 9, 0);
    // Many one-trace batches, as at low traffic.
    for (let i = 0; i < 1200; i += 100) {
      await db.batch(Array.from({ length: 100 }, (_, k) => rollupStatements(db, [trace(bucket + ((i + k) % 60) * 1000)])[0]!));
    }
    expect(await pending()).toBe(1200);
    expect(await foldRollups(db)).toBe(1200);
    expect(await minuteRequests(bucket)).toBe(1200);
  });
});
