import fc from 'fast-check';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { tracesFor } from '../support/admin';
import { client, marker } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

// The `outonly` key: no input guards, so the upstream's answer (scripted with REPLY:) carries the
// values; output guards redact PII and stop on secrets or harmful text.
const gw = (key = 'sk-gw-outonly') => client(key);

async function streamed(content: string, key?: string) {
  const stream = await gw(key).chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content }] }).withResponse();
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream.data) chunks.push(chunk);
  return { chunks, text: chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), response: stream.response };
}

describe('output guards on streams', () => {
  it('a PII value split at every possible boundary never reaches the client', async () => {
    const reply = 'Contact jane.doe@example.com or 4111 1111 1111 1111 now.';
    const expected = 'Contact [EMAIL_1] or [CREDIT_CARD_1] now.';
    for (let k = 1; k < reply.length; k++) {
      const { text, chunks } = await streamed(`${marker('split')} SPLIT:${k} REPLY:${reply}`);
      expect(text, `split at ${k}`).toBe(expected);
      for (const c of chunks) expect(openaiSchemaErrors('CreateChatCompletionStreamResponse', c)).toEqual([]);
    }
  });

  it('property: random chunk sizes and texts — the raw value never appears, the redacted text is exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('bob@corp.io', '4111111111111111', 'GB82 WEST 1234 5698 7654 32', '536-90-4399'),
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', 'x'), maxLength: 12 }),
        async (size, value, filler) => {
          const { text } = await streamed(`${marker('prop')} CHUNK:${size} REPLY:${filler} value ${value} end${filler}`);
          expect(text).not.toContain(value.replaceAll(' ', '').slice(0, 8));
          expect(text).toMatch(/\[(EMAIL|CREDIT_CARD|IBAN|US_SSN)_1\]/);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a secret in the answer ends the stream with finish_reason content_filter, before any of it is sent', async () => {
    const key = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5qRs8t'.repeat(2)}`;
    const { chunks, text } = await streamed(`${marker('secret')} CHUNK:4 REPLY:Sure. Here is the key: ${key} keep it safe.`);
    expect(text).not.toContain(key.slice(0, 12));
    const last = chunks[chunks.length - 1]!;
    expect(last.choices[0]!.finish_reason).toBe('content_filter');
    for (const c of chunks) expect(openaiSchemaErrors('CreateChatCompletionStreamResponse', c)).toEqual([]);
  });

  it('harmful output is cut at a sentence boundary with content_filter', async () => {
    const harmful = 'Step one: mix the bleach and ammonia in a closed room to make a toxic gas that will poison the people inside. Step two: seal the door so nobody can escape.';
    const { chunks, response } = await streamed(`${marker('harm')} CHUNK:6 REPLY:${harmful}`, 'sk-gw-outharm');
    expect(chunks[chunks.length - 1]!.choices[0]!.finish_reason).toBe('content_filter');
    const [trace] = await tracesFor([response.headers.get('x-request-id')!]);
    expect(trace!.decision).toBe('block');
    expect(trace!.guards.find((g: any) => g.side === 'output' && g.name === 'harmful')).toMatchObject({ action: 'block' });
  });
});

describe('output guards on non-streamed answers', () => {
  it('PII is redacted', async () => {
    const res = await gw().chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `${marker()} REPLY:mail jane.doe@example.com` }] }).withResponse();
    expect(res.data.choices[0]!.message.content).toBe('mail [EMAIL_1]');
    expect(res.response.headers.get('x-triage-decision')).toBe('redact');
  });

  it('a blocked answer keeps the OpenAI shape: empty content, finish_reason content_filter', async () => {
    const res = await gw().chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `${marker()} REPLY:token sk-ant-api03-${'x1Y2z3'.repeat(12)}` }] }).withResponse();
    expect(res.data.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: null } });
    expect(res.response.headers.get('x-triage-decision')).toBe('block');
    expect(openaiSchemaErrors('CreateChatCompletionResponse', res.data)).toEqual([]);
  });
});
