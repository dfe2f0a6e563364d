import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { client, GATEWAY, gatewayFetch, marker, post, upstreamReceived } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

async function expectOpenAIError(res: Response, status: number, match?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  const body = (await res.json()) as { error: { message: string; code: string | null; param: string | null } };
  expect(openaiSchemaErrors('ErrorResponse', body)).toEqual([]);
  if (match) expect(body.error.message).toMatch(match);
  return body.error;
}

/** The same Worker, with a different configuration (as a differently configured deployment). */
async function withEnv(overrides: Record<string, unknown>, request: Request) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ...overrides } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const chat = (key?: string) =>
  new Request(`${GATEWAY}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('authentication', () => {
  it('no key → 401 invalid_api_key, and nothing reaches the upstream', async () => {
    const m = marker('noauth');
    const err = await client('', { apiKey: 'unused' })
      .chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: m }] }, { headers: { authorization: null } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.error.code).toBe('invalid_api_key');
    expect(await upstreamReceived(m)).toHaveLength(0);
  });

  it('a wrong key (e.g. the provider key) → 401', async () => {
    const err = await client('sk-upstream-secret').models.list().catch((e) => e);
    expect(err.status).toBe(401);
    expect(err.error.message).toMatch(/Incorrect API key/);
  });

  it('keys seen before decide exactly as new ones: near misses, a flushed memory, long keys', async () => {
    const long = `sk-gw-${'x'.repeat(300)}`;
    const models = (key: string) => withEnv({ GATEWAY_API_KEYS: `a=sk-gw-right,long=${long}` }, new Request(`${GATEWAY}/v1/models`, { headers: { authorization: `Bearer ${key}` } }));
    const statuses = async (keys: string[]) => Promise.all(keys.map(async (k) => (await models(k)).status));
    const nearMisses = ['sk-gw-righ', 'sk-gw-rightt', 'sk-gw-Right', 'sk-gw-rigth', `${long}x`, long.slice(0, -1)];
    expect(await statuses(['sk-gw-right', long, 'sk-gw-right', long])).toEqual([200, 200, 200, 200]);
    expect(await statuses(nearMisses)).toEqual(nearMisses.map(() => 401));
    // More distinct wrong keys than the gateway remembers digests for.
    for (let i = 0; i < 1100; i += 100) await statuses(Array.from({ length: 100 }, (_, j) => `sk-gw-wrong-${i + j}`));
    expect(await statuses(['sk-gw-right', long, ...nearMisses])).toEqual([200, 200, ...nearMisses.map(() => 401)]);
  });

  it('a malformed Authorization header → 401 saying what is expected', async () => {
    const res = await gatewayFetch(`${GATEWAY}/v1/models`, { headers: { authorization: 'Basic abc' } });
    await expectOpenAIError(res, 401, /Bearer/);
  });

  it('a deployment with no keys configured refuses to serve', async () => {
    const res = await withEnv({ GATEWAY_API_KEYS: '' }, chat('anything'));
    await expectOpenAIError(res, 401, /no client keys configured/);
  });

  it('local development with no keys accepts anonymous requests', async () => {
    const res = await withEnv({ GATEWAY_API_KEYS: '', TRIAGE_ENV: 'development' }, chat());
    expect(res.status).toBe(200);
  });

  it('without OPENAI_API_KEY the demo provider answers (no account needed)', async () => {
    const res = await withEnv({ OPENAI_API_KEY: '', GATEWAY_API_KEYS: '', TRIAGE_ENV: 'development' }, chat());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-triage-route')).toContain('provider=demo');
    const body = (await res.json()) as OpenAI.ChatCompletion;
    expect(body.choices[0]!.message.content).toMatch(/hi/);
    expect(body.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(openaiSchemaErrors('CreateChatCompletionResponse', body)).toEqual([]);
  });
});

describe('malformed requests get a 4xx OpenAI error saying what is wrong', () => {
  it('invalid JSON', async () => {
    await expectOpenAIError(await post('/v1/chat/completions', '{"model": "x", "messages": ['), 400, /could not parse the JSON body/);
  });

  it('a JSON value that is not an object', async () => {
    await expectOpenAIError(await post('/v1/chat/completions', '[1,2,3]'), 400, /must be a JSON object/);
  });

  it('missing required field', async () => {
    const err = await expectOpenAIError(await post('/v1/chat/completions', { model: 'gpt-4.1-mini' }), 400, /Missing required parameter: 'messages'/);
    expect(err.param).toBe('messages');
  });

  it('wrong types, named by their path', async () => {
    const err = await expectOpenAIError(await post('/v1/chat/completions', { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }), 400);
    expect(err.param).toBe('temperature');
    const err2 = await expectOpenAIError(await post('/v1/chat/completions', { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 42 }] }), 400);
    expect(err2.param).toBe('messages[0].content');
    const err3 = await expectOpenAIError(await post('/v1/chat/completions', { model: 'gpt-4.1-mini', messages: [{ role: 'wizard', content: 'x' }] }), 400);
    expect(err3.param).toBe('messages[0].role');
  });

  it('empty messages', async () => {
    await expectOpenAIError(await post('/v1/chat/completions', { model: 'gpt-4.1-mini', messages: [] }), 400);
  });

  it('empty body', async () => {
    await expectOpenAIError(await post('/v1/chat/completions', ''), 400, /empty/);
  });

  it('invalid UTF-8', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6d, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await gatewayFetch(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-gw-test', 'content-type': 'application/json' }, body: bytes });
    await expectOpenAIError(res, 400, /UTF-8/);
  });

  it('wrong content type → 415', async () => {
    const res = await post('/v1/chat/completions', 'model=x', { 'content-type': 'application/x-www-form-urlencoded' });
    await expectOpenAIError(res, 415, /application\/json/);
  });

  it('body over the size limit → 413, by content-length and by actual size', async () => {
    const big = JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] });
    await expectOpenAIError(await post('/v1/chat/completions', big), 413, /larger than/);
    // chunked upload without content-length
    const stream = new Blob([big]).stream();
    const res = await gatewayFetch(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-gw-test', 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    await expectOpenAIError(res, 413);
  });

  it('unknown routes → 404, wrong methods → 405', async () => {
    await expectOpenAIError(await gatewayFetch(`${GATEWAY}/v1/nope`, { headers: { authorization: 'Bearer sk-gw-test' } }), 404, /Unknown request URL/);
    const res = await gatewayFetch(`${GATEWAY}/v1/chat/completions`, { headers: { authorization: 'Bearer sk-gw-test' } });
    await expectOpenAIError(res, 405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('unknown model with passthrough off → 404 model_not_found', async () => {
    const err = await client('sk-gw-fallback').chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.error.code).toBe('model_not_found');
  });

  it('an upstream 4xx keeps its status and error', async () => {
    const err = await client().chat.completions.create({ model: 'nonexistent-model', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.error).toMatchObject({ code: 'model_not_found', message: expect.stringContaining('does not exist') });
  });
});
