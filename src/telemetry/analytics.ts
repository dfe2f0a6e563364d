import type { Trace } from './trace';

/**
 * Workers Analytics Engine: an optional, high-volume sink for the numbers of every trace (README
 * "Analytics Engine"). Bind a dataset as TRACE_ANALYTICS to turn it on; without the binding (as
 * locally) this is a no-op. Writes are fire-and-forget by design of the API. The column order below
 * is the schema SQL queries rely on: append, never reorder.
 */
export interface AnalyticsEnv {
  TRACE_ANALYTICS?: AnalyticsEngineDataset;
}

export const ANALYTICS_BLOBS = ['model_used', 'tier', 'decision', 'status', 'key_id', 'policy', 'usage_source', 'model_requested', 'request_id'] as const;
export const ANALYTICS_DOUBLES = [
  'latency_total', 'latency_upstream', 'latency_overhead', 'latency_guard', 'latency_output_guard', 'ttft',
  'prompt_tokens', 'completion_tokens', 'cost_usd', 'saved_usd', 'retries', 'fallbacks',
] as const;

export function writeAnalytics(env: AnalyticsEnv, trace: Trace): void {
  const dataset = env.TRACE_ANALYTICS;
  if (!dataset || typeof dataset.writeDataPoint !== 'function') return;
  const l = trace.latency_ms;
  try {
    dataset.writeDataPoint({
      // The index is the sampling key: per model, so rare models are not sampled away by busy ones.
      indexes: [(trace.model_used ?? '-').slice(0, 96)],
      blobs: [trace.model_used ?? '', trace.tier ?? '', trace.decision, String(trace.status), trace.key_id ?? '', trace.policy ?? '', trace.usage.source ?? '', trace.model_requested ?? '', trace.id],
      doubles: [l.total, l.upstream, l.overhead, l.guard, l.output_guard, l.ttft ?? 0, trace.usage.prompt_tokens, trace.usage.completion_tokens, trace.cost_usd, trace.saved_usd, trace.retries, trace.fallbacks],
    });
  } catch (err) {
    console.warn(`[triage] Analytics Engine write failed: ${(err as Error)?.message ?? err}`);
  }
}
