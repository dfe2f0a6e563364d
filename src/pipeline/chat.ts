import { readJsonBody, validate } from '../openai/parse';
import { type ChatCompletionRequest, chatCompletionRequest } from '../openai/schemas';
import { fromCache } from '../cache';
import { admit } from '../limits';
import type { RequestState } from './state';
import { estimateRequestTokens } from './tokens';
import { callUpstream, completionTextOf, readUpstreamJson, streamResponse, stripUsageStage, usageFrom, withStreamUsage } from './upstream';

export interface PipelineContext {
  request: Request;
  /** The Worker's bindings and variables. */
  env: Env & Record<string, unknown>;
  state: RequestState;
  maxBodyBytes: number;
  /** Work that may finish after the response (trace writes): `ctx.waitUntil`. */
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * POST /v1/chat/completions: parse → input guards → route → upstream → output guards → respond.
 */
export async function chatCompletions(ctx: PipelineContext): Promise<Response> {
  const { state } = ctx;
  const policy = state.policy!;
  const body: ChatCompletionRequest = validate(chatCompletionRequest, await readJsonBody(ctx.request, ctx.maxBodyBytes));
  state.modelRequested = body.model;
  state.stream = body.stream === true;

  await admit(ctx.env, state, estimateRequestTokens(body));

  state.timing.start('route');
  const route = policy.resolveModel(body.model);
  state.timing.end('route');

  const cache = await fromCache(ctx, body, route);
  if (cache.hit) return cache.hit;

  const upstreamBody = state.stream ? withStreamUsage(state, body) : body;
  const fwd = await callUpstream(state, route, 'chat/completions', upstreamBody, ctx.request.signal);

  if (state.stream) {
    const stages = [state.clientWantsStreamUsage ? undefined : stripUsageStage(), cache.store?.stage];
    return streamResponse(state, fwd, stages.filter((s) => s !== undefined));
  }

  const json = await readUpstreamJson(fwd);
  state.completionText = completionTextOf(json);
  cache.store?.json(json);
  state.usage = usageFrom(json.usage);
  state.finishReason = json.choices?.[0]?.finish_reason ?? null;
  return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json', ...state.headers() } });
}
