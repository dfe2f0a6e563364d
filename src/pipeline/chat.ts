import { fromCache } from '../cache';
import { shadowCompare } from '../flywheel';
import { GuardMemo } from '../guards/memo';
import type { GuardContext } from '../guards/types';
import { admit } from '../limits';
import { notePrompt } from '../telemetry';
import { quickChatRequest } from '../openai/chat-fast-path';
import { readJsonBody, validate } from '../openai/parse';
import { type ChatCompletionRequest, chatCompletionRequest } from '../openai/schemas';
import type { CompiledPolicy } from '../policy/compile';
import { routeByComplexity } from '../routing/router';
import type { Resolution } from '../routing/types';
import { captureLaterOf } from './capture';
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
  const raw = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  const body: ChatCompletionRequest = quickChatRequest(raw) ?? validate(chatCompletionRequest, raw);
  state.modelRequested = body.model;
  state.stream = body.stream === true;
  notePrompt(state, body);
  const capture = policy.spec.capture.text;
  // Long texts' results are shared with this key's later requests (a conversation's history, a system prompt).
  const guardCtx: GuardContext = { signal: ctx.request.signal, requestId: state.id, memo: new GuardMemo(state.key?.id ?? '') };
  const segments = segmentsOf(body);
  const userText = lastUserText(segments);
  state.captureLater('input', captureLaterOf(userText, capture, guardCtx.memo));

  await admit(ctx.env, state, estimateRequestTokens(body));

  const verdict = await guardInput(state, policy.inputRules, body, guardCtx, segments);

  state.timing.start('route');
  // Redaction rewrites the segments; otherwise the router reads the text already taken for the capture.
  const route = chooseRoute(state, policy, body.model, verdict.routeTier, verdict.segments === segments ? userText : lastUserText(verdict.segments));
  state.timing.end('route');

  const cache = await fromCache(ctx, verdict.body, route);
  if (cache.hit) return cache.hit;

  const upstreamBody = state.stream ? withStreamUsage(state, verdict.body) : verdict.body;
  const fwd = await callUpstream(state, route, 'chat/completions', upstreamBody, ctx.request.signal);
  // The answer's texts are new every time (and a stream's windows at every check): nothing to share.
  const outputMemo = guardCtx.memo.requestOnly();
  const og = new OutputGuards(policy.outputRules, verdict.redaction, policy.restoreRedacted, { ...guardCtx, memo: outputMemo });

  if (state.stream) {
    const guardStage = og.active ? outputGuardStage(og) : undefined;
    const stages: Array<StreamStage | undefined> = [guardStage, state.clientWantsStreamUsage ? undefined : stripUsageStage(), cache.store?.stage];
    return streamResponse(state, fwd, stages.filter((s) => s !== undefined), (summary) => {
      og.record(state, summary.text);
      state.captureLater('output', captureLaterOf(summary.text, capture, outputMemo));
      if (summary.outcome === 'done') shadowCompare(ctx, verdict.body, summary.text);
    });
  }

  const { json, text } = await readUpstreamJson(fwd);
  state.completionText = completionTextOf(json);
  state.usage = usageFrom(json.usage);
  state.finishReason = json.choices?.[0]?.finish_reason ?? null;
  let changed = false;
  if (og.active) {
    state.timing.start('output-guard');
    changed = await guardChoices(og, json);
    og.record(state, state.completionText);
    state.timing.end('output-guard');
  }
  state.captureLater('output', captureLaterOf(state.completionText, capture, outputMemo));
  if (!og.blockedBy) {
    cache.store?.json(json);
    shadowCompare(ctx, verdict.body, state.completionText);
  }
  // The upstream's own bytes when no output guard changed anything (as a plain proxy would send
  // them): serializing the answer again cost more than the rest of the response path. The gateway's
  // headers are added by the requestState middleware, for every response.
  return new Response(changed ? JSON.stringify(json) : text, { status: 200, headers: JSON_CONTENT });
}

const JSON_CONTENT = { 'content-type': 'application/json' };

/** Non-streamed output: each choice redacted and checked; a block empties every choice. Whether anything changed. */
async function guardChoices(og: OutputGuards, json: Record<string, any>): Promise<boolean> {
  const choices: Array<Record<string, any>> = Array.isArray(json.choices) ? json.choices : [];
  let changed = false;
  for (const choice of choices) {
    const message = choice.message;
    if (typeof message?.content !== 'string') continue;
    const { text, blocked } = await og.guardText(message.content);
    if (text !== message.content) {
      message.content = text;
      changed = true;
    }
    if (blocked) break;
  }
  if (og.blockedBy) {
    for (const choice of choices) {
      if (choice.message) choice.message = { ...choice.message, content: null, tool_calls: undefined };
      choice.finish_reason = 'content_filter';
    }
    return true;
  }
  return changed;
}
