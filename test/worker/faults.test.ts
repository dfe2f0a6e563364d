import OpenAI, { type APIError } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { tracesFor } from '../support/admin';
import { client, marker, post, upstreamReceived } from '../support/client';
import { createKey } from '../support/keys';
import { openaiSchemaErrors } from '../support/schema-check';

// Every upstream fault ends cleanly for the client (an OpenAI error, or a stream that ends with an
// error event) and leaves exactly one trace saying what happened. test/policies/faults.yaml points
// each alias at the scripted upstream failing one way, with no fallback behind it.
// (resilience.test.ts covers the retry/fallback mechanics; this suite covers the ends and the traces.)

let key = '';
beforeAll(async () => {
  key = (await createKey({ name: 'faults', policy: 'faults' })).key;
});

const gw = () => client(key);
const ask = (model: string, content: string) => gw().chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();

async function failure(model: string, content: string): Promise<APIError> {
  const err = await ask(model, content).catch((e) => e);
  expect(err).toBeInstanceOf(OpenAI.APIError);
  expect(openaiSchemaErrors('ErrorResponse', { error: err.error })).toEqual([]);
  return err as APIError;
}

async function oneTrace(id: string | null | undefined) {
  expect(id).toMatch(/^req_/);
  // Generous: a request without upstream usage is counted with the tokenizer, whose first load
  // in a fresh isolate takes seconds on a busy machine (it runs after the response).
  const traces = await tracesFor([id!], 20_000);
  expect(traces).toHaveLength(1);
  return traces[0]!;
}

describe('upstream faults end cleanly and leave a trace', () => {
  it('5xx on every try: the upstream status as an OpenAI error; the trace lists both attempts', async () => {
    const m = marker('5xx');
    const err = await failure('down', m);
    expect(err.status).toBe(500);
    expect(err.error).toMatchObject({ message: expect.stringContaining('upstream is down') });
    expect(await upstreamReceived(m)).toHaveLength(2); // one try + one retry
    const trace = await oneTrace(err.headers?.get('x-request-id'));
    expect(trace).toMatchObject({ status: 500, retries: 1, error: { message: expect.stringContaining('upstream is down') } });
    expect(trace.attempts.map((a: any) => a.status)).toEqual([500, 500]);
  });

  it('a 503 then success: the client gets the answer; the trace shows the retry', async () => {
    const m = marker('503');
    const { data, response } = await ask('flaky', m);
    expect(data.choices[0]!.message.content).toBe(`Echo: ${m}`);
    const trace = await oneTrace(response.headers.get('x-request-id'));
    expect(trace).toMatchObject({ status: 200, retries: 1, error: null });
    expect(trace.attempts.map((a: any) => a.status)).toEqual([503, 200]);
  });

  it('429 with retry-after: waited for and retried; the trace keeps both attempts', async () => {
    const m = marker('429');
    const { data, response } = await ask('limited', m);
    expect(data.choices[0]!.message.content).toBe(`Echo: ${m}`);
    const trace = await oneTrace(response.headers.get('x-request-id'));
    expect(trace.attempts.map((a: any) => a.status)).toEqual([429, 200]);
  });

  it('slow past the timeout: 504 timeout_error, and the trace says so', async () => {
    const m = marker('slow');
    const err = await failure('slow', m);
    expect(err.status).toBe(504);
    expect(err.error).toMatchObject({ type: 'timeout_error', code: 'upstream_timeout' });
    const trace = await oneTrace(err.headers?.get('x-request-id'));
    expect(trace).toMatchObject({ status: 504, error: { code: 'upstream_timeout' } });
    expect(trace.attempts[0]).toMatchObject({ status: null, error: expect.stringContaining('no response within 400 ms') });
  });

  it("the upstream refuses the gateway's own key: a 502 naming the target, never the upstream's 401 message", async () => {
    const m = marker('badkey');
    const err = await failure('badkey', m);
    expect(err.status).toBe(502);
    expect(err.error).toMatchObject({ type: 'upstream_error', code: 'upstream_auth_failed' });
    expect(JSON.stringify(err.error)).not.toContain('scripted failure');
    expect(await upstreamReceived(m)).toHaveLength(1); // not retried: a bad key stays bad
    const trace = await oneTrace(err.headers?.get('x-request-id'));
    expect(trace.attempts[0]).toMatchObject({ status: 401 });
  });

  it('a target that refuses the credentials is skipped for the next one in the chain', async () => {
    const m = marker('badkey-chain');
    const { data } = await ask('badkey-then-ok', m);
    expect(data.choices[0]!.message.content).toBe(`Echo: ${m}`);
    expect((await upstreamReceived(m)).map((r) => r.scenario)).toEqual(['fail-401-1000000', null]);
  });

  it.each([
    ['broken', /stream broke/, 'upstream_error'],
    ['truncated', /ended before the response was complete/, 'truncated'],
    ['stalled', /sent nothing for 400 ms/, 'idle_timeout'],
  ])('stream %s mid-way: the client gets what arrived, then an error event; the trace records how it ended', async (model, message, code) => {
    const m = marker(`stream-${model}`);
    const { data: stream, response } = await gw()
      .chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: `${m} CHUNK:2 REPLY:abcdefghijklmnop` }] })
      .withResponse();
    let text = '';
    let error: unknown;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    } catch (e) {
      error = e;
    }
    expect(text).toBe('abcd');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toMatch(message);
    const trace = await oneTrace(response.headers.get('x-request-id'));
    expect(trace).toMatchObject({ stream: true, error: { code } });
    expect(trace.output).toBe('abcd');
  });

  it('the client hangs up mid-stream: the upstream call is abandoned and the trace still written', async () => {
    const m = marker('hangup');
    const res = await post('/v1/chat/completions', { model: 'stalled', stream: true, messages: [{ role: 'user', content: `${m} CHUNK:2 REPLY:abcdefghijklmnop` }] }, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: ');
    // The client goes away (the SDK's abort does not reach an in-process body, so cancel it directly).
    await reader.cancel();
    const trace = await oneTrace(res.headers.get('x-request-id'));
    expect(trace).toMatchObject({ stream: true, error: { code: 'client_cancelled' } });
  });
});

describe('guard backends that fail follow their on_error', () => {
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    for (const policy of ['faults-guards', 'faults-output-open']) keys[policy] = (await createKey({ name: policy, policy })).key;
  });

  it('input, on_error open: the request goes through; the guard is recorded as an error, not a pass', async () => {
    const m = marker('in-open');
    // The output rule of this policy fails closed, so the answer itself is filtered (next test).
    const { response } = await client(keys['faults-guards']).chat.completions.create({ model: 'small-model', messages: [{ role: 'user', content: m }] }).withResponse();
    expect(response.status).toBe(200);
    expect((await upstreamReceived(m)).filter((r) => r.body?.model === 'small-model')).toHaveLength(1);
    const trace = await oneTrace(response.headers.get('x-request-id'));
    const remote = trace.guards.find((g: any) => g.side === 'input' && g.name === 'remote:broken');
    expect(remote).toMatchObject({ action: 'none', error: expect.stringMatching(/HTTP 500/) });
  });

  it('output, on_error closed: the answer is withheld (finish_reason content_filter), streamed or not', async () => {
    const c = client(keys['faults-guards']);
    const { data, response } = await c.chat.completions.create({ model: 'small-model', messages: [{ role: 'user', content: `${marker('out-closed')} REPLY:hello there` }] }).withResponse();
    expect(data.choices[0]!.finish_reason).toBe('content_filter');
    expect(data.choices[0]!.message.content).toBeNull();
    expect(response.headers.get('x-triage-decision')).toBe('block');
    const trace = await oneTrace(response.headers.get('x-request-id'));
    expect(trace.guards.find((g: any) => g.side === 'output')).toMatchObject({ error: expect.stringMatching(/HTTP 500/) });

    const stream = await c.chat.completions.create({ model: 'small-model', stream: true, messages: [{ role: 'user', content: `${marker('out-closed-s')} REPLY:hello there. more text.` }] });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('content_filter');
    expect(chunks.map((ch) => ch.choices[0]?.delta.content ?? '').join('')).not.toContain('more text');
  });

  it('output, on_error open: the answer is delivered; the failure is recorded', async () => {
    const { data, response } = await client(keys['faults-output-open'])
      .chat.completions.create({ model: 'small-model', messages: [{ role: 'user', content: `${marker('out-open')} REPLY:hello there` }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('hello there');
    const trace = await oneTrace(response.headers.get('x-request-id'));
    expect(trace.guards.find((g: any) => g.side === 'output')).toMatchObject({ action: 'none', error: expect.stringMatching(/HTTP 500/) });
  });
});
