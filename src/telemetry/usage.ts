import type { RequestState } from '../pipeline/state';

/**
 * Token usage for the trace. The upstream's own count wins (`source: "upstream"`); the gateway
 * always asks for it, streams included. When it is still missing — an upstream that ignores
 * `stream_options.include_usage`, a stream cut short, a blocked request that never left — the
 * gateway counts with the o200k_base BPE tokenizer (GPT-4o, 4.1, o-series, GPT-5), the same
 * encoding OpenAI bills with, and marks it `source: "estimated"`.
 *
 * The tokenizer (gpt-tokenizer, ~1 MB gzipped) is imported on first use, after the response, so
 * it costs nothing to requests whose upstream reports usage (nearly all of them). Its one-off
 * initialisation is measured by `npm run bench` (tracing section).
 */
export interface CountedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  source: 'upstream' | 'estimated' | null;
}

/** What the client sent, kept (by reference, in memory only) so a missing usage can be counted. */
export interface PromptBody {
  messages?: unknown;
  tools?: unknown;
  prompt?: unknown;
  input?: unknown;
}

const prompts = new WeakMap<RequestState, PromptBody>();

/** The pipeline calls this once the request body is valid; nothing of it is stored. */
export function notePrompt(state: RequestState, body: PromptBody): void {
  prompts.set(state, body);
}

// OpenAI's chat format overhead (openai-cookbook, "How to count tokens with tiktoken").
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
// Image inputs: a 1024×1024 image at high detail; 85 at low detail (OpenAI vision pricing).
const IMAGE_TOKENS = { high: 765, low: 85 };
// Longer texts are counted on a prefix and scaled: bounds the CPU a trace may spend.
const MAX_COUNTED_CHARS = 200_000;

type Counter = (text: string) => number;
let counter: Promise<Counter> | undefined;

const roughCount: Counter = (text) => Math.ceil(text.length / 4);

function tokenizer(): Promise<Counter> {
  counter ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (m): Counter => (text) => m.countTokens(text, { disallowedSpecial: new Set() }),
    (err) => {
      console.error(`[triage] tokenizer unavailable, counting ~4 characters per token: ${(err as Error)?.message ?? err}`);
      return roughCount;
    },
  );
  return counter;
}

function count(text: string, tokens: Counter): number {
  if (!text) return 0;
  try {
    if (text.length <= MAX_COUNTED_CHARS) return tokens(text);
    const head = text.slice(0, MAX_COUNTED_CHARS);
    return Math.round((tokens(head) * text.length) / head.length);
  } catch {
    return roughCount(text);
  }
}

function contentTokens(content: unknown, tokens: Counter): number {
  if (typeof content === 'string') return count(content, tokens);
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content as Array<Record<string, any>>) {
    if (part?.type === 'text' && typeof part.text === 'string') n += count(part.text, tokens);
    else if (part?.type === 'image_url') n += part.image_url?.detail === 'low' ? IMAGE_TOKENS.low : IMAGE_TOKENS.high;
  }
  return n;
}

export function promptTokens(body: PromptBody, tokens: Counter): number {
  if (Array.isArray(body.messages)) {
    let n = REPLY_PRIMING;
    for (const m of body.messages as Array<Record<string, any>>) {
      n += TOKENS_PER_MESSAGE + count(String(m?.role ?? ''), tokens) + contentTokens(m?.content, tokens);
      if (typeof m?.name === 'string') n += 1 + count(m.name, tokens);
      if (Array.isArray(m?.tool_calls)) n += count(JSON.stringify(m.tool_calls), tokens);
    }
    if (Array.isArray(body.tools)) n += count(JSON.stringify(body.tools), tokens);
    return n;
  }
  const text = body.prompt ?? body.input;
  if (typeof text === 'string') return count(text, tokens);
  if (Array.isArray(text)) return text.reduce((n: number, t) => n + (typeof t === 'string' ? count(t, tokens) : 0), 0);
  return 0;
}

/** The request's usage: reported, else counted from what the request carried and produced. */
export async function usageOf(state: RequestState): Promise<CountedUsage> {
  const u = state.usage;
  if (u) return { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, cached_tokens: u.cached_tokens ?? 0, source: u.source };
  const body = prompts.get(state);
  // Without the body, the captured input (the last user message, possibly redacted) is the best left.
  const promptText = body ? undefined : state.input;
  if (!body && !promptText && !state.completionText) return { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, source: null };
  const tokens = await tokenizer();
  const prompt = body ? promptTokens(body, tokens) : promptText ? TOKENS_PER_MESSAGE + REPLY_PRIMING + count(promptText, tokens) : 0;
  return { prompt_tokens: prompt, completion_tokens: count(state.completionText, tokens), cached_tokens: 0, source: 'estimated' };
}
