import { describe, expect, it } from 'vitest';
import { client, marker, post, upstreamReceived } from '../support/client';
import { admin, tracesFor } from '../support/admin';

describe('traces', () => {
  it('/admin/* needs the admin token', async () => {
    const res = await admin('/admin/traces', { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('invalid_admin_token');
  });

  it('every request leaves exactly one trace: plain, streamed, failed upstream, rejected', async () => {
    const ids: string[] = [];
    const plain = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: marker() }] }).withResponse();
    ids.push(plain.response.headers.get('x-request-id')!);

    const stream = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: marker() }], stream: true, stream_options: { include_usage: true } }).withResponse();
    for await (const _ of stream.data) void _;
    ids.push(stream.response.headers.get('x-request-id')!);

    const failed = await client('sk-gw-fallback').chat.completions.create({ model: 'all-down', messages: [{ role: 'user', content: marker() }] }).catch((e) => e);
    ids.push(failed.headers.get('x-request-id'));

    const bad = await post('/v1/chat/completions', { model: 'x' });
    ids.push(bad.headers.get('x-request-id')!);

    const traces = await tracesFor(ids);
    expect(traces.map((t) => t.id).sort()).toEqual([...ids].sort());
    const byId = Object.fromEntries(traces.map((t) => [t.id, t]));

    const p = byId[ids[0]!];
    expect(p).toMatchObject({ status: 200, decision: 'allow', model_requested: 'gpt-4.1-mini', model_used: 'gpt-4.1-mini', tier: 'passthrough', key_id: 'env:test', stream: false });
    expect(p.latency_ms.total).toBeGreaterThan(0);
    expect(p.usage.prompt_tokens).toBeGreaterThan(0);
    expect(p.attempts).toHaveLength(1);

    const s = byId[ids[1]!];
    expect(s).toMatchObject({ status: 200, stream: true, finish_reason: 'stop' });
    expect(s.usage.completion_tokens).toBeGreaterThan(0);

    const f = byId[ids[2]!];
    expect(f.status).toBe(500);
    expect(f.attempts).toHaveLength(6);
    expect(f.error.message).toMatch(/upstream is down/);

    const b = byId[ids[3]!];
    expect(b.status).toBe(400);
  });

  it('a stream without include_usage: the gateway asks for usage, the client does not see it, the trace has it', async () => {
    const m = marker('usage');
    const { data, response } = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: m }], stream: true }).withResponse();
    const chunks = [];
    for await (const chunk of data) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    const [received] = await upstreamReceived(m);
    expect(received!.body.stream_options).toEqual({ include_usage: true });
    const [trace] = await tracesFor([response.headers.get('x-request-id')!]);
    expect(trace!.usage).toMatchObject({ prompt_tokens: expect.any(Number), source: 'upstream' });
    expect(trace!.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('traces are listed newest first, with limit and since', async () => {
    const res = await admin('/admin/traces?limit=2');
    const { data } = (await res.json()) as { data: any[] };
    expect(data.length).toBeLessThanOrEqual(2);
    if (data.length === 2) expect(Date.parse(data[0].created_at)).toBeGreaterThanOrEqual(Date.parse(data[1].created_at));
    const bad = await admin('/admin/traces?since=yesterday-ish');
    expect(bad.status).toBe(400);
    const future = await admin(`/admin/traces?since=${Date.now() + 60_000}`);
    expect(((await future.json()) as any).data).toEqual([]);
  });
});
