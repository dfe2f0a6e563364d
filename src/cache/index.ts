import { DONE, type SseEvent, serializeEvent } from '../openai/sse';
import type { PipelineContext } from '../pipeline/chat';
import type { RequestState } from '../pipeline/state';
import type { StreamStage } from '../pipeline/stream';
import type { Resolution } from '../routing/types';
import { cacheKey } from './key';
import { type CachedAnswer, readAnswer, writeAnswer } from './store';

/** Records an answer for the cache: the JSON of a non-streamed one, or a stream's events. */
export interface CacheWriter {
  json(body: Record<string, unknown>): void;
  stage: StreamStage;
}

export interface CacheLookup {
  hit?: Response;
  store?: CacheWriter;
}

/** Larger answers are served but not cached (they are held in memory until the response ends). */
const MAX_CACHED_BYTES = 4 * 1024 * 1024;

type Mode = 'lookup' | 'store-only';

/**
 * Whether the cache applies: the policy enables it (`cache.enabled`) or the request asks for it
 * (`x-triage-cache: on`); `x-triage-cache: off` and `cache-control: no-store` turn it off;
 * `cache-control: no-cache` skips the lookup but stores the fresh answer. Only deterministic
 * requests (temperature 0) are cached unless the client opted in, accepting one sampled answer.
 * Redacted requests are never cached: with `restore_redacted` the answer carries the original
 * values, which must not be served to another client whose values redacted the same way.
 */
function modeOf(request: Request, state: RequestState, body: Record<string, unknown>): Mode | undefined {
  const ask = request.headers.get('x-triage-cache')?.trim().toLowerCase();
  const control = request.headers.get('cache-control')?.toLowerCase() ?? '';
  if (ask === 'off' || /(^|[\s,])no-store($|[\s,])/.test(control)) return undefined;
  const optedIn = ask === 'on';
  if (!optedIn && (!state.policy?.spec.cache.enabled || body.temperature !== 0)) return undefined;
  if (state.decision === 'redact' || state.decision === 'block') return undefined;
  return /(^|[\s,])no-cache($|[\s,])/.test(control) ? 'store-only' : 'lookup';
}

/**
 * Exact-match response cache, consulted after the input guards and routing (so a hit never skips
 * a guard, and the key holds the policy and the resolved route) and before the upstream.
 */
export async function fromCache(ctx: PipelineContext, body: Record<string, unknown>, route: Resolution): Promise<CacheLookup> {
  const { state, request } = ctx;
  const mode = modeOf(request, state, body);
  if (!mode || !state.policy) return {};
  const policy = state.policy.name;
  const origin = new URL(request.url).origin;
  const key = await cacheKey(policy, route, body);
  if (mode === 'lookup') {
    const answer = await readAnswer(origin, policy, key);
    if (answer && (answer.kind === 'sse') === state.stream) return { hit: replay(state, route, answer) };
  }
  state.cache = 'miss';
  state.extraHeaders['x-triage-cache'] = 'miss';
  return { store: recorder(ctx, origin, policy, key, state.policy.spec.cache.ttl_s) };
}

/** Serves a cached answer: the same JSON, or the same events followed by `[DONE]`. */
function replay(state: RequestState, route: Resolution, answer: CachedAnswer): Response {
  state.cache = 'hit';
  state.extraHeaders['x-triage-cache'] = 'hit';
  state.tier = route.tier;
  state.modelUsed = answer.model_used;
  state.provider = answer.provider;
  state.usage = answer.usage ?? undefined;
  state.finishReason = answer.finish_reason;
  state.completionText = answer.text;
  if (answer.kind === 'json') {
    return new Response(answer.body, { status: 200, headers: { 'content-type': 'application/json', ...state.headers() } });
  }
  state.streamOutcome = 'done';
  const encoder = new TextEncoder();
  const events = [...answer.events!, { data: DONE }];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const ev = events.shift();
      if (ev) controller.enqueue(encoder.encode(serializeEvent(ev)));
      else controller.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...state.headers() },
  });
}

/** Only clean, complete answers: status 200, no error, nothing blocked, redacted or acted on by an output guard. */
function storable(state: RequestState): boolean {
  if (state.status !== 200 || state.error || state.finishReason === 'content_filter') return false;
  if (state.decision !== 'allow' && state.decision !== 'flag') return false;
  return !state.guards.some((g) => g.side === 'output' && g.action !== 'none');
}

/** Collects what the client was sent; writes it once the response has completed cleanly. */
function recorder(ctx: PipelineContext, origin: string, policy: string, key: string, ttlS: number): CacheWriter {
  const { state } = ctx;
  let json: string | undefined;
  const events: SseEvent[] = [];
  let bytes = 0;
  let flushed = false;

  ctx.waitUntil(
    state.completed
      .then(async () => {
        if (!storable(state) || bytes > MAX_CACHED_BYTES) return;
        if (state.stream ? !flushed || state.streamOutcome !== 'done' || events.length === 0 : json === undefined) return;
        const now = Date.now();
        await writeAnswer(origin, policy, key, {
          v: 1,
          kind: state.stream ? 'sse' : 'json',
          created_at: now,
          expires_at: now + ttlS * 1000,
          ...(state.stream ? { events } : { body: json }),
          model_used: state.modelUsed,
          provider: state.provider,
          usage: state.usage ?? null,
          finish_reason: state.finishReason,
          text: state.completionText,
        });
      })
      .catch((err) => console.error(`[triage] ${state.id} cache write failed: ${(err as Error)?.message ?? err}`)),
  );

  return {
    json(body) {
      json = JSON.stringify(body);
      bytes = json.length;
    },
    stage: {
      event(ev) {
        if (ev.data !== DONE && bytes <= MAX_CACHED_BYTES) {
          events.push(ev);
          bytes += ev.data.length;
        }
        return [ev];
      },
      flush() {
        // Called only when the upstream finished normally; the outcome is re-checked at the end.
        flushed = true;
        return [];
      },
    },
  };
}
