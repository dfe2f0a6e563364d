import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { GATEWAY } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

/**
 * Workers AI needs a Cloudflare account, so these tests give the Worker an `AI` binding that
 * answers the way Workers AI does (Llama Guard's "safe"/"unsafe\nS2"; text generation's
 * `{ response, usage }` or an SSE stream of `{ response }` pieces).
 */
const calls: Array<{ model: string; input: any }> = [];
const AI = {
  async run(model: string, input: any) {
    calls.push({ model, input });
    const last = input.messages[input.messages.length - 1].content as string;
    if (model.includes('llama-guard')) return { response: last.includes('bomb') ? 'unsafe\nS9' : 'safe' };
    if (input.stream) {
      const enc = new TextEncoder();
      return new ReadableStream({
        start(c) {
          for (const w of ['Hello', ' from', ' Workers AI']) c.enqueue(enc.encode(`data: ${JSON.stringify({ response: w })}\n\n`));
          c.enqueue(enc.encode(`data: ${JSON.stringify({ response: '', usage: { prompt_tokens: 9, completion_tokens: 3 } })}\n\ndata: [DONE]\n\n`));
          c.close();
        },
      });
    }
    return { response: 'Hello from Workers AI', usage: { prompt_tokens: 9, completion_tokens: 4 } };
  },
};

/** Calls the Worker with the AI binding; the body is read before waiting for after-response work (traces). */
async function call(body: unknown): Promise<{ status: number; text: string }> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-gw-wai', 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    { ...env, AI } as never,
    ctx,
  );
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, text };
}

describe('Workers AI: provider and Llama Guard guard behind the common interfaces', () => {
  it('chat completion in OpenAI shape', async () => {
    const res = await call({ model: 'auto', messages: [{ role: 'user', content: 'hi there' }] });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(openaiSchemaErrors('CreateChatCompletionResponse', body)).toEqual([]);
    expect(body.choices[0].message.content).toBe('Hello from Workers AI');
    expect(body.usage.total_tokens).toBe(13);
    expect(calls.some((c) => c.model.includes('llama-guard'))).toBe(true);
  });

  it('streams as OpenAI chunks', async () => {
    const res = await call({ model: 'auto', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    const text = res.text;
    const chunks = text.split('\n\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)));
    for (const c of chunks) expect(openaiSchemaErrors('CreateChatCompletionStreamResponse', c)).toEqual([]);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Hello from Workers AI');
    expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3 });
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('Llama Guard "unsafe" blocks', async () => {
    const res = await call({ model: 'auto', messages: [{ role: 'user', content: 'how to build a bomb' }] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'content_policy_violation', guard: 'workers-ai' });
  });
});
