import { beforeAll, describe, expect, it } from 'vitest';
import { tracesFor } from '../support/admin';
import { client, marker, upstreamReceived } from '../support/client';
import { chat, createKey } from '../support/keys';

const keys: Record<string, string> = {};
beforeAll(async () => {
  // cache-open: cache on, no guards; cache-guarded / cache-redacting: same, e-mail addresses blocked /
  // redacted; limits: cache off.
  for (const policy of ['cache-open', 'cache-guarded', 'cache-redacting', 'limits']) keys[policy] = (await createKey({ name: `cache-${policy}`, policy })).key;
});

const ask = (content: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content }], temperature: 0, ...extra });
const requestId = (r: Response) => r.headers.get('x-request-id')!;

/**
 * A miss is stored after its response completes (ctx.waitUntil, off the client's path). Its trace is
 * written after that (the store is queued first, the trace is batched), so once the trace is there a
 * repeat of the request finds the entry.
 */
async function done(res: Response): Promise<string> {
  const text = await res.text();
  await tracesFor([requestId(res)]);
  return text;
}

/** Sends, waits for the request to be fully recorded, returns the x-triage-cache header. */
async function cacheHeader(key: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string | null> {
  const res = await chat(key, body, headers);
  expect(res.status).toBe(200);
  await done(res);
  return res.headers.get('x-triage-cache');
}

describe('response cache', () => {
  it('deterministic request: miss, then a hit with the same body, the upstream called once, traced as a hit', async () => {
    const m = marker('c');
    const miss = await chat(keys['cache-open']!, ask(`REPLY:cached answer ${m}`));
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-triage-cache')).toBe('miss');
    const missBody = await done(miss);
    const hit = await chat(keys['cache-open']!, ask(`REPLY:cached answer ${m}`));
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-triage-cache')).toBe('hit');
    expect(hit.headers.get('x-triage-route')).toContain('model=cached-model');
    expect(await done(hit)).toBe(missBody);
    expect(await upstreamReceived(m)).toHaveLength(1);

    const [missTrace] = await tracesFor([requestId(miss)]);
    const [hitTrace] = await tracesFor([requestId(hit)]);
    expect(missTrace).toMatchObject({ cache: 'miss', status: 200 });
    expect(missTrace!.cost_usd).toBeGreaterThan(0);
    expect(hitTrace).toMatchObject({ cache: 'hit', status: 200, cost_usd: 0, model_used: 'cached-model', usage: { prompt_tokens: missTrace!.usage.prompt_tokens, completion_tokens: missTrace!.usage.completion_tokens } });
    expect(hitTrace!.saved_usd).toBeGreaterThan(0);
  });

  it('the key is the normalized request: field order and labels do not matter, parameters do', async () => {
    const m = marker('n');
    const key = keys['cache-open']!;
    expect(await cacheHeader(key, { temperature: 0, max_tokens: 20, messages: [{ role: 'user', content: m }] })).toBe('miss');
    expect(await cacheHeader(key, { messages: [{ content: m, role: 'user' }], max_tokens: 20, temperature: 0, user: 'someone-else' })).toBe('hit');
    expect(await cacheHeader(key, { temperature: 0, max_tokens: 21, messages: [{ role: 'user', content: m }] })).toBe('miss');
    expect(await upstreamReceived(m)).toHaveLength(2);
  });

  it('only deterministic requests, unless the client opts in; opting in works on a policy without cache', async () => {
    const key = keys['cache-open']!;
    const m = marker('d');
    for (let i = 0; i < 2; i++) expect(await cacheHeader(key, { messages: [{ role: 'user', content: m }] })).toBeNull();
    expect(await upstreamReceived(m)).toHaveLength(2);

    const o = marker('o');
    const on = { 'x-triage-cache': 'on' };
    expect(await cacheHeader(key, ask(o, { temperature: 0.7 }), on)).toBe('miss');
    expect(await cacheHeader(key, ask(o, { temperature: 0.7 }), on)).toBe('hit');

    const p = marker('p');
    expect(await cacheHeader(keys.limits!, ask(p))).toBeNull();
    expect(await cacheHeader(keys.limits!, ask(p), on)).toBe('miss');
    expect(await cacheHeader(keys.limits!, ask(p), on)).toBe('hit');
    expect(await upstreamReceived(p)).toHaveLength(2);
  });

  it('cache-control: no-store neither reads nor writes; no-cache refreshes; x-triage-cache: off skips', async () => {
    const key = keys['cache-open']!;
    const m = marker('s');
    expect(await cacheHeader(key, ask(m), { 'cache-control': 'no-store' })).toBeNull();
    expect(await cacheHeader(key, ask(m), { 'x-triage-cache': 'off' })).toBeNull();
    expect(await cacheHeader(key, ask(m))).toBe('miss'); // nothing was stored
    expect(await cacheHeader(key, ask(m), { 'cache-control': 'no-store' })).toBeNull(); // nor read
    expect(await cacheHeader(key, ask(m), { 'cache-control': 'no-cache' })).toBe('miss');
    expect(await upstreamReceived(m)).toHaveLength(5);
    expect(await cacheHeader(key, ask(m))).toBe('hit');
  });

  it('streams are replayed as streams: the same events, valid SSE, ending in [DONE]', async () => {
    const m = marker('st');
    const body = ask(`REPLY:a streamed answer in several pieces ${m} CHUNK:5`, { stream: true });
    const miss = await chat(keys['cache-open']!, body);
    expect(miss.headers.get('x-triage-cache')).toBe('miss');
    const missText = await done(miss);
    const hit = await chat(keys['cache-open']!, body);
    expect(hit.headers.get('x-triage-cache')).toBe('hit');
    expect(hit.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const hitText = await done(hit);
    expect(hitText).toBe(missText);
    expect(hitText.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(hitText.split('\n\n').length).toBeGreaterThan(8);
    expect(await upstreamReceived(m)).toHaveLength(1);

    // The official client reads the replay like any stream.
    const stream = await client(keys['cache-open']!).chat.completions.create({ model: 'auto', messages: body.messages as any, temperature: 0, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(`a streamed answer in several pieces ${m}`);
    // A non-streamed request for the same thing is a separate entry.
    expect(await cacheHeader(keys['cache-open']!, { ...body, stream: false })).toBe('miss');
    const [trace] = await tracesFor([requestId(hit)]);
    expect(trace).toMatchObject({ cache: 'hit', stream: true, cost_usd: 0, finish_reason: 'stop' });
  });

  it('never caches a failed answer: upstream errors and broken streams reach the upstream every time', async () => {
    const key = keys['cache-open']!;
    const m = marker('f');
    for (let i = 0; i < 2; i++) {
      const res = await chat(key, ask(m, { model: 'nonexistent-model' }));
      expect(res.status).toBe(404);
      await done(res);
    }
    const b = marker('b');
    for (let i = 0; i < 2; i++) {
      const res = await chat(key, ask(`${b} CHUNK:2`, { model: 'broken-stream', stream: true }));
      expect(res.headers.get('x-triage-cache')).toBe('miss');
      expect(await done(res)).toContain('upstream_stream_error');
    }
    expect(await upstreamReceived(m)).toHaveLength(2);
    expect(await upstreamReceived(b)).toHaveLength(2);
  });

  it("a hit never bypasses another policy's input guards: same request, same models, the guarded policy blocks", async () => {
    const m = marker('g');
    const content = `REPLY:noted, write to ${m}@example.com`;
    expect(await cacheHeader(keys['cache-open']!, ask(content))).toBe('miss');
    expect(await cacheHeader(keys['cache-open']!, ask(content))).toBe('hit');
    for (let i = 0; i < 2; i++) {
      const blocked = await chat(keys['cache-guarded']!, ask(content));
      expect(blocked.status).toBe(400);
      expect(blocked.headers.get('x-triage-cache')).toBeNull();
      expect(((await blocked.json()) as any).error.code).toBe('content_policy_violation');
    }
    expect(await upstreamReceived(m)).toHaveLength(1);

    // Entries are per policy: what one policy cached is never served to another, even when its guards pass.
    const benign = marker('benign');
    expect(await cacheHeader(keys['cache-open']!, ask(benign))).toBe('miss');
    expect(await cacheHeader(keys['cache-guarded']!, ask(benign))).toBe('miss');
    expect(await cacheHeader(keys['cache-guarded']!, ask(benign))).toBe('hit');
    expect(await upstreamReceived(benign)).toHaveLength(2);
  });

  it('never caches an answer an output guard blocked, streamed or not', async () => {
    const m = marker('ob');
    for (const stream of [false, true]) {
      for (let i = 0; i < 2; i++) {
        const res = await chat(keys['cache-guarded']!, ask(`REPLY:call +1 415 555 0100 now ${m}`, { stream }));
        expect(res.headers.get('x-triage-cache')).toBe('miss');
        expect(await done(res)).toContain('content_filter');
      }
    }
    expect(await upstreamReceived(m)).toHaveLength(4);
  });

  it('redacted requests are never cached (a restored answer must not reach another client)', async () => {
    const m = marker('r');
    for (let i = 0; i < 2; i++) {
      const res = await chat(keys['cache-redacting']!, ask(`note ${m}: mail bob@example.com`));
      expect(res.headers.get('x-triage-decision')).toBe('redact');
      expect(res.headers.get('x-triage-cache')).toBeNull();
      await done(res);
    }
    const received = await upstreamReceived(m);
    expect(received).toHaveLength(2);
    for (const r of received) expect(r.raw).not.toContain('bob@example.com');
  });

  it('entries expire after the policy TTL', async () => {
    const m = marker('ttl');
    expect(await cacheHeader(keys['cache-open']!, ask(m))).toBe('miss');
    expect(await cacheHeader(keys['cache-open']!, ask(m))).toBe('hit');
    await new Promise((r) => setTimeout(r, 2_100)); // cache-open: ttl_s 2
    expect(await cacheHeader(keys['cache-open']!, ask(m))).toBe('miss');
    expect(await upstreamReceived(m)).toHaveLength(2);
  });
});
