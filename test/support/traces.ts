import type { Trace } from '../../src/telemetry/trace';

/**
 * A complete trace row for storage and metrics tests: an allowed, non-streamed request of 100 ms
 * (90 upstream) on the small tier, with `over` replacing any field.
 */
export function traceRow(id: string, at: number, over: Partial<Trace> = {}): Trace {
  return {
    id,
    created_at: new Date(at).toISOString(),
    key_id: 'env:test',
    policy: 'default',
    endpoint: '/v1/chat/completions',
    stream: false,
    model_requested: 'auto',
    model_used: 'gpt-4.1-mini',
    provider: 'openai',
    tier: 'small',
    decision: 'allow',
    status: 200,
    guards: [],
    latency_ms: { total: 100, auth: 0.1, guard: 0.5, route: 0.05, upstream: 90, output_guard: 0, overhead: 10, ttft: null },
    usage: { prompt_tokens: 1000, completion_tokens: 100, cached_tokens: 0, source: 'upstream' },
    cost_usd: 0.00056,
    saved_usd: 0.00224,
    cost_flags: [],
    router_score: 0.2,
    finish_reason: 'stop',
    attempts: [{ target: 'openai:gpt-4.1-mini', status: 200, latency_ms: 90, retry: 0 }],
    retries: 0,
    fallbacks: 0,
    cache: null,
    error: null,
    input: null,
    output: null,
    ...over,
  };
}
