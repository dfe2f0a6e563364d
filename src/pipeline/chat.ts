import { readJsonBody, validate } from '../openai/parse';
import { type ChatCompletionRequest, chatCompletionRequest } from '../openai/schemas';
import type { RequestState } from './state';
import { callUpstream, readUpstreamJson, streamResponse, usageFrom } from './upstream';

export interface PipelineContext {
  request: Request;
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

  state.timing.start('route');
  const route = policy.resolveModel(body.model);
  state.timing.end('route');

  const fwd = await callUpstream(state, route, 'chat/completions', body, ctx.request.signal);

  if (state.stream) return streamResponse(state, fwd);

  const json = await readUpstreamJson(fwd);
  state.usage = usageFrom(json.usage);
  state.finishReason = json.choices?.[0]?.finish_reason ?? null;
  return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json', ...state.headers() } });
}
