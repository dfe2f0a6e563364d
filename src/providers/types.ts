/**
 * The provider interface: every upstream (an OpenAI-compatible API, the local demo, Workers AI)
 * answers OpenAI-protocol requests with an OpenAI-protocol HTTP response, so the rest of the
 * gateway (retries, streaming, output guards, usage accounting) has exactly one shape to handle.
 * This file imports nothing from any implementation.
 */
export type Endpoint = 'chat/completions' | 'completions' | 'embeddings' | 'models';

export interface UpstreamRequest {
  endpoint: Endpoint;
  /** JSON body with `model` already set to the target's model; absent for GET /models. */
  body?: Record<string, unknown>;
  signal: AbortSignal;
  requestId: string;
}

export interface Provider {
  /** The provider's name in the policy (e.g. `openai`). */
  readonly id: string;
  readonly kind: string;
  send(req: UpstreamRequest): Promise<Response>;
}

/** What a policy says about a provider, after secrets were resolved from the environment. */
export interface ProviderConfig {
  id: string;
  kind: string;
  baseUrl?: string;
  apiKey?: string;
  headers: Record<string, string>;
  /** Demo provider: simulated latency before the first byte, and between streamed chunks. */
  latencyMs?: number;
  chunkDelayMs?: number;
  /** Workers AI binding, when the provider runs on it. */
  binding?: unknown;
}

export type ProviderFactory = (config: ProviderConfig) => Provider;
