import type { PipelineContext } from '../pipeline/chat';
import type { StreamStage } from '../pipeline/stream';
import type { Resolution } from '../routing/types';

/** Records an answer for the cache: the JSON of a non-streamed one, or a stream's events. */
export interface CacheWriter {
  json(body: Record<string, unknown>): void;
  stage: StreamStage;
}

export interface CacheLookup {
  hit?: Response;
  store?: CacheWriter;
}

/**
 * Exact-match response cache, consulted after the input guards and routing (so a hit never skips
 * a guard) and before the upstream.
 * (Placeholder until the cache module lands: never hits, never stores.)
 */
export async function fromCache(_ctx: PipelineContext, _body: Record<string, unknown>, _route: Resolution): Promise<CacheLookup> {
  return {};
}
