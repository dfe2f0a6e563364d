import OpenAI, { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { client, marker, upstreamReceived } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

// The `fallback` key uses test/policies/fallback.yaml: targets on the scripted upstream.
const gw = () => client('sk-gw-fallback');
const ask = (model: string, m: string, extra: Record<string, unknown> = {}) =>
  gw().chat.completions.create({ model, messages: [{ role: 'user', content: m }], ...extra } as never).withResponse();

describe('retries, timeouts and fallbacks', () => {
  it('retries a 500 and succeeds on the same target', async () => {
    const m = marker('retry');
    const { data, response } = await ask('retry-then-ok', m);
    expect((data as OpenAI.ChatCompletion).choices[0]!.message.content).toBe(`Echo: ${m}`);
    const received = await upstreamReceived(m);
    expect(received.map((r) => r.scenario)).toEqual(['fail-500-2', 'fail-500-2', 'fail-500-2']);
    expect(response.headers.get('x-triage-route')).toContain('model=m');
  });

  it('honours retry-after on a 429 and then succeeds', async () => {
    const m = marker('429');
    const { data } = await ask('limited-once', m);
    expect((data as OpenAI.ChatCompletion).choices[0]!.message.content).toBe(`Echo: ${m}`);
    expect(await upstreamReceived(m)).toHaveLength(2);
  });

  it('falls back to the next target when the first keeps failing', async () => {
    const m = marker('fallback');
    const { data, response } = await ask('auto', m);
    expect((data as OpenAI.ChatCompletion).choices[0]!.message.content).toBe(`Echo: ${m}`);
    const received = await upstreamReceived(m);
    // three tries on the failing target (1 + 2 retries), then the fallback answers
    expect(received.map((r) => `${r.scenario ?? 'ok'}:${r.body.model}`)).toEqual([
      'always-500:primary-model',
      'always-500:primary-model',
      'always-500:primary-model',
      'ok:fallback-model',
    ]);
    expect(response.headers.get('x-triage-route')).toBe('tier=small; model=fallback-model; provider=good');
  });

  it('a slow target past its timeout moves on to the fallback', async () => {
    const m = marker('slow');
    const { data } = await ask('slow-then-fallback', m);
    expect((data as OpenAI.ChatCompletion).model).toBe('after-timeout-upstream');
    const received = await upstreamReceived(m);
    expect(received.map((r) => r.body.model)).toEqual(['slow-model', 'after-timeout']);
  });

  it('when every target fails, the client gets the upstream status as an OpenAI error', async () => {
    const m = marker('down');
    const err = await ask('all-down', m).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(500);
    expect(err.error).toMatchObject({ type: expect.any(String), message: expect.stringContaining('upstream is down') });
    expect(openaiSchemaErrors('ErrorResponse', { error: err.error })).toEqual([]);
    expect(await upstreamReceived(m)).toHaveLength(6);
    expect(err.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('a 429 whose retry-after is too long is returned, with retry-after, without waiting', async () => {
    const err = await ask('always-limited', marker('limited')).catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.headers.get('retry-after')).toBe('120');
    expect(err.error.code).toBe('rate_limit_exceeded');
  });

  it('a non-JSON upstream answer is a 502, not a crash', async () => {
    const err = await ask('garbage', marker('garbage')).catch((e) => e);
    expect(err.status).toBe(502);
    expect(err.error.code).toBe('upstream_invalid_response');
  });
});

describe('streams that break upstream end cleanly', () => {
  const collect = async (model: string) => {
    const stream = await gw().chat.completions.create({ model, messages: [{ role: 'user', content: `${marker('s')} CHUNK:2 REPLY:abcdefghijklmnopqrstuvwxyz` }], stream: true });
    let text = '';
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return { text, error: null };
    } catch (error) {
      return { text, error: error as APIError };
    }
  };

  it('connection dropped mid-way: the client gets what arrived, then an error event', async () => {
    const { text, error } = await collect('broken-stream');
    expect(text).toBe('abcd');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error!.message).toMatch(/stream broke/);
  });

  it('upstream goes silent: the idle timeout ends the stream with an error event', async () => {
    const { text, error } = await collect('stalled-stream');
    expect(text).toBe('abcd');
    expect(error!.message).toMatch(/sent nothing for 800 ms/);
  });

  it('upstream ends without finishing: reported, not passed off as complete', async () => {
    const { error } = await collect('truncated-stream');
    expect(error!.message).toMatch(/ended before the response was complete/);
  });
});
