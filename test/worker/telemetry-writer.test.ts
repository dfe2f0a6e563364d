import { describe, expect, it, vi } from 'vitest';
import { otlpPayload, traceIdOf } from '../../src/telemetry/otlp';
import type { Trace } from '../../src/telemetry/trace';
import { GROUP_CHARS, TraceWriter } from '../../src/telemetry/writer';

const fake = (i: number) => ({ id: `t${i}` }) as unknown as Trace;

function recorder(failures = 0) {
  const batches: string[][] = [];
  let calls = 0;
  const sink = async (traces: Trace[]) => {
    calls++;
    if (calls <= failures) throw new Error('D1 busy');
    batches.push(traces.map((t) => t.id));
  };
  return { sink, batches, calls: () => calls };
}

describe('trace writer (group commit)', () => {
  it('traces finished together are written in one batch, and each write waits for it', async () => {
    const r = recorder();
    const w = new TraceWriter(r.sink, 20, 100);
    let settled = 0;
    const writes = Array.from({ length: 50 }, (_, i) => w.write(fake(i)).then(() => settled++));
    expect(settled).toBe(0);
    await Promise.all(writes);
    expect(settled).toBe(50);
    expect(r.batches).toEqual([Array.from({ length: 50 }, (_, i) => `t${i}`)]);
  });

  it('a full batch is written at once; later traces start the next one', async () => {
    const r = recorder();
    const w = new TraceWriter(r.sink, 10_000, 20);
    await Promise.all(Array.from({ length: 40 }, (_, i) => w.write(fake(i))));
    expect(r.batches.map((b) => b.length)).toEqual([20, 20]);
    const late = w.write(fake(99));
    await new Promise((res) => setTimeout(res, 10));
    expect(r.batches).toHaveLength(2);
    void late;
  });

  it('traces apart in time go in separate batches', async () => {
    const r = recorder();
    const w = new TraceWriter(r.sink, 5, 100);
    await w.write(fake(1));
    await w.write(fake(2));
    expect(r.batches).toEqual([['t1'], ['t2']]);
  });

  it('a failed write is retried once; a second failure is logged, never thrown', async () => {
    const once = recorder(1);
    await new TraceWriter(once.sink, 1).write(fake(1));
    expect(once.batches).toEqual([['t1']]);

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const always = recorder(99);
    await expect(new TraceWriter(always.sink, 1).write(fake(2))).resolves.toBeUndefined();
    expect(always.calls()).toBe(2);
    expect(errors.mock.calls.flat().join(' ')).toMatch(/1 trace\(s\) not written: D1 busy/);
    errors.mockRestore();
  });
  it('a flush larger than GROUP_CHARS goes out in several groups, each retried on its own', async () => {
    // Four traces of ~45% of a group each: two groups of two.
    const big = (i: number) => ({ id: `t${i}`, input: 'x'.repeat(Math.floor(GROUP_CHARS * 0.45)) }) as unknown as Trace;
    const seen: string[][] = [];
    let calls = 0;
    const sink = async (traces: Trace[]) => {
      calls++;
      seen.push(traces.map((t) => t.id));
      if (calls === 2) throw new Error('D1 busy'); // the second group's first try
    };
    const w = new TraceWriter(sink, 1, 100);
    await Promise.all([0, 1, 2, 3].map((i) => w.write(big(i))));
    expect(seen).toEqual([['t0', 't1'], ['t2', 't3'], ['t2', 't3']]);
  });
});

describe('OTLP payload', () => {
  it('trace ids come from request ids; times are exact Unix nanoseconds', () => {
    expect(traceIdOf('req_0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(traceIdOf('weird')).toMatch(/^[0-9a-f]{32}$/);
    const trace = {
      id: 'req_0123456789abcdef0123456789abcdef',
      created_at: '2026-01-02T03:04:05.678Z',
      endpoint: '/v1/chat/completions',
      status: 200,
      decision: 'allow',
      tier: null,
      guards: [],
      attempts: [],
      cost_flags: [],
      usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, source: null },
      latency_ms: { total: 1.5, auth: 0.25, guard: 0, route: 0, upstream: 0, output_guard: 0, overhead: 1.5, ttft: null },
    } as unknown as Trace;
    const [root, auth] = otlpPayload([trace], 'svc').resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(root).toMatchObject({ startTimeUnixNano: '1767323045678000000', endTimeUnixNano: '1767323045679500000', kind: 2 });
    expect(auth).toMatchObject({ name: 'triage.auth', parentSpanId: root!.spanId, endTimeUnixNano: '1767323045678250000' });
  });
});
