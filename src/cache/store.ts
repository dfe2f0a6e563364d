import type { SseEvent } from '../openai/sse';
import type { TokenUsage } from '../pipeline/state';

/**
 * Where cached answers live: the Workers Cache API (`caches.default`), one entry per key in the
 * data centre that served the request. Chosen over a Durable Object or D1 because a cache needs no
 * global exactness: it is free, local to the colo (no network hop on a lookup, where a Durable Object
 * would add one to every eligible request), expires entries by itself (max-age) with no storage to
 * clean up, holds large streamed answers (D1 and Durable Object values stop at 2 MB), and answers
 * never leave the colo they were produced in.
 * Known limit (Cloudflare docs): on *.workers.dev and behind Cloudflare Access the Cache API does
 * nothing, so every lookup misses; serve the gateway on a custom domain to cache.
 */
export interface CachedAnswer {
  v: 1;
  kind: 'json' | 'sse';
  created_at: number;
  expires_at: number;
  /** The JSON body as sent to the client (kind json). */
  body?: string;
  /** The stream's events as sent to the client, `[DONE]` excluded (kind sse). */
  events?: SseEvent[];
  model_used: string | null;
  provider: string | null;
  usage: TokenUsage | null;
  finish_reason: string | null;
  text: string;
}

const cacheUrl = (origin: string, policy: string, key: string) => new URL(`/__triage-cache/v1/${encodeURIComponent(policy)}/${key}`, origin).href;

function isAnswer(v: unknown): v is CachedAnswer {
  const a = v as CachedAnswer;
  return !!a && a.v === 1 && (a.kind === 'json' ? typeof a.body === 'string' : a.kind === 'sse' && Array.isArray(a.events)) && typeof a.expires_at === 'number';
}

/** A cached, unexpired answer, or undefined (a broken or unavailable cache is a miss, never an error). */
export async function readAnswer(origin: string, policy: string, key: string): Promise<CachedAnswer | undefined> {
  try {
    const res = await caches.default.match(cacheUrl(origin, policy, key));
    if (!res) return undefined;
    const answer: unknown = await res.json();
    // The entry's own expiry is checked too: a cache may keep an entry past max-age.
    return isAnswer(answer) && answer.expires_at > Date.now() ? answer : undefined;
  } catch {
    return undefined;
  }
}

export async function writeAnswer(origin: string, policy: string, key: string, answer: CachedAnswer): Promise<void> {
  const ttl = Math.max(1, Math.round((answer.expires_at - answer.created_at) / 1000));
  const res = new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttl}` } });
  await caches.default.put(cacheUrl(origin, policy, key), res);
}
