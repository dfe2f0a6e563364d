import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, tracesFor } from '../support/admin';
import { client, marker, post, upstreamReceived } from '../support/client';
import { chat, createKey } from '../support/keys';

const json = async (res: Response) => (await res.json()) as Record<string, any>;
const RATE_HEADERS = ['limit', 'remaining', 'reset'].flatMap((h) => [`x-ratelimit-${h}-requests`, `x-ratelimit-${h}-tokens`]);

describe('per-key rate limits (Durable Object per key)', () => {
  it('50 parallel requests against rpm=10: exactly 10 pass, each sees its own remaining count', async () => {
    const { key } = await createKey({ name: 'rpm10', policy: 'limits', limits: { rpm: 10 } });
    const m = marker('rpm');
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => chat(key, { messages: [{ role: 'user', content: `${m} #${i}` }] })));
    const ok = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    // Admission is serialized in the key's object: every admitted request saw a distinct count.
    expect(ok.map((r) => Number(r.headers.get('x-ratelimit-remaining-requests'))).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const r of ok) {
      expect(r.headers.get('x-ratelimit-limit-requests')).toBe('10');
      expect(r.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');
      expect(r.headers.get('x-ratelimit-limit-tokens')).toBeNull(); // no tpm on this key
    }
    for (const r of refused) {
      const body = await json(r);
      expect(body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests', param: null });
      expect(body.error.message).toMatch(/requests per min \(RPM\): Limit 10, Used 10, Requested 1/);
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(Number(r.headers.get('retry-after-ms'))).toBeLessThanOrEqual(60_000);
      expect(r.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(r.headers.get('x-request-id')).toMatch(/^req_/);
    }
    // Nothing refused reached the upstream.
    expect(await upstreamReceived(m)).toHaveLength(10);
  });

  it('the openai client sees a RateLimitError with OpenAI\'s code', async () => {
    const { key } = await createKey({ name: 'rpm1', policy: 'limits', limits: { rpm: 1 } });
    const c = client(key);
    await c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: marker() }] });
    const err = await c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: marker() }] }).catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(err.constructor.name).toBe('RateLimitError');
  });

  it('tokens per minute: checked on the estimate, then reconciled with real usage', async () => {
    const { key } = await createKey({ name: 'tpm', policy: 'limits', limits: { tpm: 300 } });
    // Estimate: ~10 prompt tokens + max_tokens 200; the upstream really uses ~15 + 1.
    const body = () => ({ messages: [{ role: 'user', content: `REPLY:ok ${marker('t')}` }], max_tokens: 200 });
    const first = await chat(key, body());
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('300');
    const estimate = 300 - Number(first.headers.get('x-ratelimit-remaining-tokens'));
    expect(estimate).toBeGreaterThan(200);
    expect(first.headers.get('x-ratelimit-reset-tokens')).toBe('1m0s');
    const usage = (await json(first)).usage;
    await tracesFor([first.headers.get('x-request-id')!]); // settled before the trace is written

    // Were the estimate still counted, 2 × estimate > 300 would refuse this one.
    const second = await chat(key, body());
    expect(second.status).toBe(200);
    expect(Number(second.headers.get('x-ratelimit-remaining-tokens'))).toBe(300 - usage.total_tokens - estimate);
    const secondUsage = (await json(second)).usage;

    // A request that could never fit is refused for good: no retry-after, x-should-retry false.
    const huge = await chat(key, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 5000 });
    expect(huge.status).toBe(429);
    expect(huge.headers.get('retry-after')).toBeNull();
    expect(huge.headers.get('x-should-retry')).toBe('false');
    expect((await json(huge)).error).toMatchObject({ code: 'rate_limit_exceeded', type: 'tokens', message: expect.stringMatching(/Request too large/) });

    // One that would fit in an empty window but not in what is left: told when to retry.
    await tracesFor([second.headers.get('x-request-id')!]);
    const left = 300 - usage.total_tokens - secondUsage.total_tokens;
    const later = await chat(key, { ...body(), max_tokens: 200 + left - estimate + 1 });
    expect(later.status).toBe(429);
    expect((await json(later)).error.message).toMatch(/tokens per min \(TPM\): Limit 300/);
    expect(Number(later.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('policy defaults (limits.per_key) apply to keys that set none; keys without limits carry no headers', async () => {
    const { key } = await createKey({ name: 'defaults', policy: 'limits-defaults' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await chat(key, { messages: [{ role: 'user', content: marker() }] })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const { key: free } = await createKey({ name: 'free', policy: 'limits' });
    const res = await chat(free, { messages: [{ role: 'user', content: marker() }] });
    expect(res.status).toBe(200);
    for (const h of RATE_HEADERS) expect(res.headers.get(h)).toBeNull();
    const t0 = Date.now(); const env = await post('/v1/chat/completions', { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: marker() }] }); console.log('ENVKEY', Date.now() - t0);
    for (const h of RATE_HEADERS) expect(env.headers.get(h)).toBeNull();
  });

  it('counters survive a restart of the key\'s object (evicted from memory, reloaded from its storage)', async () => {
    const { id, key } = await createKey({ name: 'evicted', policy: 'limits', limits: { rpm: 3, daily_usd: 100 } });
    const first = await Promise.all([1, 2].map(() => chat(key, { messages: [{ role: 'user', content: `REPLY:ok ${marker()}` }], max_tokens: 5 })));
    expect(first.map((r) => r.status)).toEqual([200, 200]);
    for (const r of first) await r.text();
    await tracesFor(first.map((r) => r.headers.get('x-request-id')!)); // settled
    const before = (await (await admin(`/admin/keys/${id}`)).json()) as any;
    expect(before.usage.spend.day_usd).toBeGreaterThan(0);

    await evictDurableObject(env.KEY_LIMITER.get(env.KEY_LIMITER.idFromName(id)));

    const after = (await (await admin(`/admin/keys/${id}`)).json()) as any;
    expect(after.usage).toEqual(before.usage);
    const third = await chat(key, { messages: [{ role: 'user', content: marker() }] });
    expect(third.status).toBe(200);
    expect(third.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect((await chat(key, { messages: [{ role: 'user', content: marker() }] })).status).toBe(429);
  });

  it('limits apply to every endpoint, embeddings included', async () => {
    const { key } = await createKey({ name: 'emb', policy: 'limits', limits: { rpm: 1 } });
    const emb = () => post('/v1/embeddings', { model: 'text-embedding-3-small', input: marker() }, { authorization: `Bearer ${key}` });
    expect((await emb()).status).toBe(200);
    expect((await emb()).status).toBe(429);
  });
});

describe('per-key budgets', () => {
  // limits.yaml prices every token at $0.001; a request is estimated at (prompt + max_tokens) tokens.
  it('stop spending at the limit: a request runs only if its worst case still fits', async () => {
    const { id, key } = await createKey({ name: 'budget', policy: 'limits', limits: { daily_usd: 0.1 } });
    const ids: string[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const res = await chat(key, { messages: [{ role: 'user', content: `REPLY:ok ${marker('b')}` }], max_tokens: 10 });
      if (res.status === 200) {
        ids.push(res.headers.get('x-request-id')!);
        await tracesFor([ids.at(-1)!]); // settled
      } else refused = res;
    }
    expect(ids.length).toBeGreaterThan(2);
    expect(refused?.status).toBe(429);
    const error = (await json(refused!)).error;
    expect(error).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota', param: null });
    expect(refused!.headers.get('x-should-retry')).toBe('false');

    const traces = await tracesFor(ids);
    const spent = traces.reduce((s, t) => s + t.cost_usd, 0);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(0.1);
    // Refused only because the next worst case (~$0.02) would not fit.
    expect(spent).toBeGreaterThan(0.1 - 0.03);
    // The key's object holds exactly what the traces say was spent.
    const detail = await json(await admin(`/admin/keys/${id}`));
    expect(detail.usage.spend.day_usd).toBeCloseTo(spent, 9);
    expect(detail.usage.spend.in_flight_usd).toBe(0);
    expect(detail.spend.day_usd).toBeCloseTo(spent, 9);
  });

  it('concurrent requests cannot overspend: reservations admit exactly what fits', async () => {
    const body = { messages: [{ role: 'user', content: 'REPLY:ok same prompt' }], max_tokens: 50 };
    // The gateway's token estimate for this body, read from the headers of a key with a tpm limit.
    const probe = await createKey({ name: 'probe', policy: 'limits', limits: { tpm: 1_000_000 } });
    const estimate = 1_000_000 - Number((await chat(probe.key, body)).headers.get('x-ratelimit-remaining-tokens'));
    expect(estimate).toBeGreaterThan(50);

    // Each request reserves the same worst case; a budget of 5.5 worst cases admits exactly 5.
    const { key } = await createKey({ name: 'parallel-budget', policy: 'limits', limits: { daily_usd: 0.001 * 5.5 * estimate } });
    const responses = await Promise.all(Array.from({ length: 20 }, () => chat(key, body)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    for (const r of responses.filter((r) => r.status === 429)) expect((await json(r)).error.code).toBe('insufficient_quota');
  });
});

