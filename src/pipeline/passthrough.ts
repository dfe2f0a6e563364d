import { readJsonBody, validate } from '../openai/parse';
import { completionRequest, embeddingRequest } from '../openai/schemas';
import { admit } from '../limits';
import type { PipelineContext } from './chat';
import { estimateTextTokens } from './tokens';
import { callUpstream, readUpstreamJson, streamResponse, usageFrom } from './upstream';

/**
 * Endpoints the gateway forwards with routing, retries and accounting but without message
 * guards: legacy completions and embeddings.
 */
export async function completions(ctx: PipelineContext): Promise<Response> {
  const { state } = ctx;
  const body = validate(completionRequest, await readJsonBody(ctx.request, ctx.maxBodyBytes));
  state.modelRequested = body.model;
  state.stream = body.stream === true;
  await admit(ctx.env, state, estimateTextTokens(JSON.stringify(body.prompt)) + (body.max_tokens ?? 16));
  const route = state.timing.measure('route', () => state.policy!.resolveModel(body.model));
  const fwd = await callUpstream(state, await route, 'completions', body, ctx.request.signal);
  if (state.stream) return streamResponse(state, fwd);
  const { json, text } = await readUpstreamJson(fwd);
  state.usage = usageFrom(json.usage);
  return new Response(text, { headers: { 'content-type': 'application/json' } });
}

export async function embeddings(ctx: PipelineContext): Promise<Response> {
  const { state } = ctx;
  const body = validate(embeddingRequest, await readJsonBody(ctx.request, ctx.maxBodyBytes));
  state.modelRequested = body.model;
  await admit(ctx.env, state, estimateTextTokens(JSON.stringify(body.input)));
  const policy = state.policy!;
  const route = await state.timing.measure('route', () => {
    const configured = policy.spec.models.embeddings;
    const aliased = policy.spec.models.aliases[body.model] !== undefined;
    if (configured && !aliased && !policy.spec.models.passthrough) {
      const provider = policy.providers.get(configured.provider)!;
      return { tier: 'embeddings', auto: false, targets: [{ provider, model: configured.model, timeoutMs: configured.timeout_ms ?? policy.resilience.timeoutMs, label: `${configured.provider}:${configured.model}` }] };
    }
    return policy.resolveModel(body.model);
  });
  const fwd = await callUpstream(state, route, 'embeddings', body, ctx.request.signal);
  const { json, text } = await readUpstreamJson(fwd);
  state.usage = usageFrom(json.usage);
  return new Response(text, { headers: { 'content-type': 'application/json' } });
}
