import { type ChatCompletionRequest, chatCompletionRequest } from './schemas';

/**
 * The common chat request checked by hand: a model, text messages, and a few plain scalar
 * parameters. zod's generic walk over the schema (no code generation: a Worker may not eval) was
 * a measurable share of the gateway's CPU per request; this answers the usual case in a fraction of
 * it. It only ever says yes to bodies `chatCompletionRequest` accepts unchanged (no defaults or
 * transforms apply to them), and returns undefined for anything else — content parts, tools,
 * response formats, any value out of range — which then goes through zod, with zod's error
 * messages. test/node/chat-fast-path.test.ts checks the subset property on random bodies.
 */
const ROLES_WITH_CONTENT = new Set(['system', 'developer', 'user']);

/** The scalar parameters checked here, each with the exact test of its zod schema (null allowed: nullish). */
const SCALARS = new Map<string, (v: unknown) => boolean>([
  ['stream', (v) => typeof v === 'boolean'],
  ['temperature', (v) => typeof v === 'number' && v >= 0 && v <= 2],
  ['top_p', (v) => typeof v === 'number' && v >= 0 && v <= 1],
  ['max_tokens', (v) => Number.isSafeInteger(v) && (v as number) > 0],
  ['max_completion_tokens', (v) => Number.isSafeInteger(v) && (v as number) > 0],
  ['presence_penalty', (v) => typeof v === 'number' && v >= -2 && v <= 2],
  ['frequency_penalty', (v) => typeof v === 'number' && v >= -2 && v <= 2],
  ['seed', (v) => Number.isSafeInteger(v)],
]);

/** Every other parameter the schema names (read from it, so a new one is never skipped): zod decides. */
const OTHER_KNOWN = new Set(Object.keys(chatCompletionRequest.shape).filter((k) => k !== 'model' && k !== 'messages' && !SCALARS.has(k)));

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** An own `__proto__` key (JSON.parse makes one) is left to zod, which decides what becomes of it. */
const plainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.hasOwn(v, '__proto__');

function messageOk(m: unknown): boolean {
  if (!plainObject(m)) return false;
  const { role, content, name } = m;
  if (typeof role !== 'string') return false;
  if (ROLES_WITH_CONTENT.has(role)) return typeof content === 'string' && optionalString(name);
  if (role === 'assistant') {
    const { tool_calls, refusal } = m;
    return (content === undefined || content === null || typeof content === 'string') && optionalString(name) && tool_calls === undefined && (refusal == null || typeof refusal === 'string');
  }
  if (role === 'tool') return typeof content === 'string' && typeof m.tool_call_id === 'string';
  return false; // `function` and anything unknown: zod
}

export function quickChatRequest(body: unknown): ChatCompletionRequest | undefined {
  if (!plainObject(body)) return undefined;
  const b = body;
  if (typeof b.model !== 'string' || b.model.length === 0) return undefined;
  const messages = b.messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  for (const m of messages) if (!messageOk(m)) return undefined;
  for (const key of Object.keys(b)) {
    const check = SCALARS.get(key);
    if (check) {
      const v = b[key];
      if (v !== null && v !== undefined && !check(v)) return undefined;
    } else if (OTHER_KNOWN.has(key)) return undefined;
  }
  return b as ChatCompletionRequest;
}
