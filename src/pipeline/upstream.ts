import { GatewayError } from '../openai/errors';
import type { Endpoint } from '../providers/types';
import { type Forwarded, forward, UpstreamFailure } from '../routing/forward';
import type { Resolution } from '../routing/types';
import type { RequestState, TokenUsage } from './state';
import { proxyStream, type StreamStage, type StreamSummary } from './stream';

/** Calls the upstream for a resolved route, recording attempts and the model used. */
export async function callUpstream(
  state: RequestState,
  route: Resolution,
  endpoint: Endpoint,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Forwarded> {
  const policy = state.policy!;
  state.tier = route.tier;
  state.timing.start('upstream');
  try {
    const fwd = await forward(route.targets, { endpoint, body, requestId: state.id, signal }, policy.resilience);
    state.attempts = fwd.attempts;
    state.modelUsed = fwd.target.model;
    state.provider = fwd.target.provider.kind === 'demo' ? 'demo' : fwd.target.provider.id;
    return fwd;
  } catch (err) {
    if (err instanceof UpstreamFailure) state.attempts = err.attempts;
    throw err;
  } finally {
    state.timing.end('upstream');
  }
}

/**
 * Streams: the gateway always asks the upstream for usage (it needs it for cost and limits) and
 * removes it again when the client did not ask, so the client sees exactly what it requested.
 */
export function withStreamUsage(state: RequestState, body: Record<string, any>): Record<string, any> {
  state.clientWantsStreamUsage = body.stream_options?.include_usage === true;
  if (state.clientWantsStreamUsage) return body;
  return { ...body, stream_options: { ...(body.stream_options ?? {}), include_usage: true } };
}

export function stripUsageStage(): StreamStage {
  return {
    event(ev, json) {
      if (!json || !('usage' in json)) return [ev];
      if (Array.isArray(json.choices) && json.choices.length === 0) return [];
      const { usage: _dropped, ...rest } = json;
      return [{ ...ev, data: JSON.stringify(rest) }];
    },
  };
}

/** The text of a non-streamed answer (first choice). */
export function completionTextOf(json: Record<string, any>): string {
  const choice = json.choices?.[0];
  const m = choice?.message;
  if (typeof m?.content === 'string') return m.content;
  if (typeof choice?.text === 'string') return choice.text;
  if (Array.isArray(m?.tool_calls)) return m.tool_calls.map((t: any) => t?.function?.arguments ?? '').join('');
  return '';
}

export function usageFrom(raw: unknown): TokenUsage | undefined {
  const u = raw as Record<string, any> | undefined;
  if (!u || typeof u.prompt_tokens !== 'number') return undefined;
  return {
    prompt_tokens: u.prompt_tokens,
    completion_tokens: typeof u.completion_tokens === 'number' ? u.completion_tokens : 0,
    cached_tokens: u.prompt_tokens_details?.cached_tokens ?? undefined,
    source: 'upstream',
  };
}

/** Reads a non-streamed upstream answer (parsed, and its text); an upstream that sends something else is a 502. */
export async function readUpstreamJson(fwd: Forwarded): Promise<{ json: Record<string, any>; text: string }> {
  const text = await fwd.response.text();
  try {
    const json = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) return { json, text };
  } catch {
    // reported below
  }
  throw new GatewayError({
    status: 502,
    type: 'upstream_error',
    code: 'upstream_invalid_response',
    message: `The upstream (${fwd.target.label}) answered with something that is not a JSON object.`,
    isRetryable: true,
  });
}

/**
 * The streamed answer, with the gateway's headers. When the stream ends, what it revealed (usage,
 * finish reason, time to first token, how it ended) goes into the request state, which completes.
 */
export function streamResponse(state: RequestState, fwd: Forwarded, stages: StreamStage[] = [], onEnd?: (summary: StreamSummary) => void): Response {
  if (!isEventStream(fwd.response)) {
    fwd.abort.abort();
    throw new GatewayError({ status: 502, type: 'upstream_error', code: 'upstream_invalid_response', message: `The upstream (${fwd.target.label}) did not answer with an event stream.` });
  }
  state.deferCompletion = true;
  const stream = proxyStream(fwd.response, {
    idleTimeoutMs: state.policy!.resilience.streamIdleTimeoutMs,
    abort: fwd.abort,
    clientSignal: fwd.clientSignal,
    stages,
    onEnd: (summary) => {
      state.usage = usageFrom(summary.usage) ?? state.usage;
      state.finishReason = summary.finishReason;
      state.timeToFirstTokenMs = summary.firstTokenMs;
      state.streamOutcome = summary.outcome;
      state.completionText = summary.text;
      if (summary.outcome !== 'done' && summary.outcome !== 'filtered') {
        state.error = { type: 'upstream_error', code: summary.outcome, message: summary.error ?? summary.outcome };
      }
      onEnd?.(summary);
      state.complete();
    },
  });
  return new Response(stream, {
    status: 200,
    // The gateway's own headers are added by the requestState middleware, for every response.
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' },
  });
}

const isEventStream = (r: Response) => (r.headers.get('content-type') ?? '').includes('text/event-stream');
