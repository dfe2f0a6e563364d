import { fromCache } from '../cache';
import { shadowCompare } from '../flywheel';
import type { GuardContext } from '../guards/types';
import { admit } from '../limits';
import { notePrompt } from '../telemetry';
import { readJsonBody, validate } from '../openai/parse';
import { type ChatCompletionRequest, chatCompletionRequest } from '../openai/schemas';
import type { CompiledPolicy } from '../policy/compile';
import { routeByComplexity } from '../routing/router';
import type { Resolution } from '../routing/types';
import { captureText } from './capture';
import { guardInput } from './input-guards';
import { lastUserText, segmentsOf } from './messages';
import { OutputGuards } from './output-guards';
import { outputGuardStage } from './output-stream';
import type { RequestState } from './state';
import type { StreamStage } from './stream';
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

/** Which tier serves: a guard's `route:<tier>`, else the router for `auto`, else the model's alias. */
function chooseRoute(state: RequestState, policy: CompiledPolicy, model: string, routeTier: string | undefined, text: string): Resolution {
  if (routeTier) return policy.tier(routeTier);
  if (model === 'auto' && policy.routing) {
    const routed = routeByComplexity(policy.routing, text);
    state.routerScore = routed.score === null ? null : Math.round(routed.score * 10_000) / 10_000;
    return policy.tier(routed.tier);
  }
  return policy.resolveModel(model);
}

/**
 * POST /v1/chat/completions: parse → limits → input guards → route → cache → upstream →
 * output guards → respond. Blocked requests end at the input guards: nothing goes upstream.
 */
export async function chatCompletions(ctx: PipelineContext): Promise<Response> {
  const { state } = ctx;
  const policy = state.policy!;
  const body: ChatCompletionRequest = validate(chatCompletionRequest, await readJsonBody(ctx.request, ctx.maxBodyBytes));
  state.modelRequested = body.model;
  state.stream = body.stream === true;
  notePrompt(state, body);
  const capture = policy.spec.capture.text;
  const guardCtx: GuardContext = { signal: ctx.request.signal, requestId: state.id, memo: new Map() };
  state.input = captureText(lastUserText(segmentsOf(body)), capture, guardCtx.memo);

  await admit(ctx.env, state, estimateRequestTokens(body));

  const verdict = await guardInput(state, policy.inputRules, body, guardCtx);

  state.timing.start('route');
  const route = chooseRoute(state, policy, body.model, verdict.routeTier, lastUserText(verdict.segments));
  state.timing.end('route');

  const cache = await fromCache(ctx, verdict.body, route);
  if (cache.hit) return cache.hit;

  const upstreamBody = state.stream ? withStreamUsage(state, verdict.body) : verdict.body;
  const fwd = await callUpstream(state, route, 'chat/completions', upstreamBody, ctx.request.signal);
  const og = new OutputGuards(policy.outputRules, verdict.redaction, policy.restoreRedacted, guardCtx);

  if (state.stream) {
    const guardStage = og.active ? outputGuardStage(og) : undefined;
    const stages: Array<StreamStage | undefined> = [guardStage, state.clientWantsStreamUsage ? undefined : stripUsageStage(), cache.store?.stage];
    return streamResponse(state, fwd, stages.filter((s) => s !== undefined), (summary) => {
      og.record(state, summary.text);
      state.output = captureText(summary.text, capture, guardCtx.memo);
      if (summary.outcome === 'done') shadowCompare(ctx, verdict.body, summary.text);
    });
  }

  const json = await readUpstreamJson(fwd);
  state.completionText = completionTextOf(json);
  state.usage = usageFrom(json.usage);
  state.finishReason = json.choices?.[0]?.finish_reason ?? null;
  if (og.active) {
    state.timing.start('output-guard');
    await guardChoices(og, json);
    og.record(state, state.completionText);
    state.timing.end('output-guard');
  }
  state.output = captureText(state.completionText, capture, guardCtx.memo);
  if (!og.blockedBy) {
    cache.store?.json(json);
    shadowCompare(ctx, verdict.body, state.completionText);
  }
  return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json', ...state.headers() } });
}

/** Non-streamed output: each choice redacted and checked; a block empties every choice. */
async function guardChoices(og: OutputGuards, json: Record<string, any>) {
  const choices: Array<Record<string, any>> = Array.isArray(json.choices) ? json.choices : [];
  for (const choice of choices) {
    const message = choice.message;
    if (typeof message?.content !== 'string') continue;
    const { text, blocked } = await og.guardText(message.content);
    message.content = text;
    if (blocked) break;
  }
  if (og.blockedBy) {
    for (const choice of choices) {
      if (choice.message) choice.message = { ...choice.message, content: null, tool_calls: undefined };
      choice.finish_reason = 'content_filter';
    }
  }
}
