import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickChatRequest } from '../../src/openai/chat-fast-path';
import { chatCompletionRequest } from '../../src/openai/schemas';

// The hand-written check of common chat requests must never accept what the zod schema refuses,
// nor accept a body the schema would change: whenever it says yes, zod says yes with the same body.

const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.constantFrom(0, 1, 2, -2, 0.5, 2.0000001, -0, 1e21, 2 ** 53, 2 ** 53 + 2, 128, 129),
  fc.string({ maxLength: 5 }),
  fc.constant([]),
  fc.constant({}),
);

/** Mostly absent (JSON drops undefined), sometimes anything. */
const rarely = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const mostly = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: anyValue });

const role = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool') }, { weight: 1, arbitrary: fc.constantFrom('function', 'robot', '') });
const message = fc.record({
  role: mostly(role),
  content: mostly(fc.oneof(fc.string({ maxLength: 20 }), fc.constant([{ type: 'text', text: 'hi' }]))),
  name: rarely(fc.oneof(fc.string({ maxLength: 5 }), anyValue)),
  tool_call_id: rarely(fc.oneof(fc.string({ maxLength: 5 }), anyValue)),
  tool_calls: rarely(fc.oneof(fc.constant([]), anyValue)),
  refusal: rarely(anyValue),
  extra: rarely(anyValue),
  proto_key: rarely(anyValue),
});

const KEYS = ['stream', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'presence_penalty', 'frequency_penalty', 'seed', 'n', 'stop', 'user', 'metadata', 'tools', 'unknown_param', 'proto_key'];
const body = fc.record({
  model: mostly(fc.constantFrom('gpt-4.1-mini', 'auto', '')),
  messages: mostly(fc.array(message, { minLength: 1, maxLength: 3 })),
  ...Object.fromEntries(KEYS.map((k) => [k, rarely(anyValue)])),
});

/** As a client's JSON arrives (JSON.parse makes `__proto__` an own key): `proto_key` stands for it. */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll('"proto_key"', '"__proto__"'));

describe('chat request fast path', () => {
  it('accepts only what zod accepts, unchanged', () => {
    let taken = 0;
    fc.assert(
      fc.property(body, (raw) => {
        const b = asJson(raw);
        const quick = quickChatRequest(b);
        if (quick === undefined) return;
        taken++;
        const zod = chatCompletionRequest.safeParse(b);
        expect(zod.success).toBe(true);
        expect(zod.data).toEqual(b);
        expect(quick).toBe(b);
      }),
      { numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(200); // the property is not vacuous
  });

  it('takes the usual requests; leaves parts, tools, functions and bad values to zod', () => {
    const usual = { model: 'gpt-4.1-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 64, temperature: 0, stream: true };
    expect(quickChatRequest(usual)).toBe(usual);
    expect(quickChatRequest({ ...usual, messages: [{ role: 'assistant', content: null }, { role: 'tool', content: 'x', tool_call_id: 'c1' }] })).toBeDefined();
    for (const other of [
      { ...usual, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      { ...usual, tools: [] },
      { ...usual, messages: [{ role: 'function', content: 'x', name: 'f' }] },
      { ...usual, temperature: 2.5 },
      { ...usual, max_tokens: 1.5 },
      { ...usual, messages: [] },
      { ...usual, model: '' },
      JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"polluted":1}}'),
    ]) {
      expect(quickChatRequest(other)).toBeUndefined();
    }
  });
});
