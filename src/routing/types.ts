import type { Provider } from '../providers/types';

/** A model on a provider: one link of a tier's fallback chain. */
export interface Target {
  provider: Provider;
  model: string;
  timeoutMs: number;
  /** `provider:model`, as traces and headers show it. */
  label: string;
}

export interface Resilience {
  timeoutMs: number;
  streamIdleTimeoutMs: number;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  maxRetryAfterMs: number;
}

/** One try against one target, for the trace. */
export interface Attempt {
  target: string;
  status: number | null;
  error?: string;
  latency_ms: number;
  retry: number;
}

/** Where a model name leads: a tier (with its chain) or a passthrough target. */
export interface Resolution {
  tier: string;
  targets: Target[];
  /** `model: "auto"`: the router picks the tier. */
  auto: boolean;
}
