import { Hono } from 'hono';
import { z } from 'zod';
import { embeddedGuardModel, embeddedRouter } from '../guards/embedded';
import { detectPii } from '../guards/pii';
import { GuardMemo } from '../guards/memo';
import type { GuardContext } from '../guards/types';
import { admit } from '../limits';
import { GatewayError } from '../openai/errors';
import { readJsonBody, validate } from '../openai/parse';
import type { ChatCompletionRequest } from '../openai/schemas';
import { guardInput } from '../pipeline/input-guards';
import { RequestState } from '../pipeline/state';
import { estimateTextTokens } from '../pipeline/tokens';
import { routeByComplexity } from '../routing/router';
import { pipelineContext } from './context';
import type { AppEnv } from './types';

const classifyRequest = z.looseObject({ input: z.union([z.string(), z.array(z.string()).min(1).max(256)]) });

/**
 * POST /v1/classify: per input, every guard head's score, the router's, the PII spans, and the
 * decision the caller's policy would take on it as a user message — without calling any model.
 */
export const classifyRoutes = new Hono<AppEnv>().post('/classify', async (c) => {
  const ctx = pipelineContext(c);
  const body = validate(classifyRequest, await readJsonBody(c.req.raw, ctx.maxBodyBytes));
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  await admit(c.env, ctx.state, inputs.reduce((n, t) => n + estimateTextTokens(t), 0));
  const policy = ctx.state.policy!;
  const model = embeddedGuardModel();
  const router = embeddedRouter();

  ctx.state.timing.start('guard');
  const data = [];
  for (const text of inputs) {
    // What the policy would do, worked out on a scratch state so this request's own trace stays clean.
    const scratch = new RequestState(ctx.state.id);
    const guardCtx: GuardContext = { signal: c.req.raw.signal, requestId: ctx.state.id, memo: new GuardMemo(ctx.state.key?.id ?? '') };
    const asRequest = { model: 'auto', messages: [{ role: 'user', content: text }] } as ChatCompletionRequest;
    let tier: string | null = null;
    try {
      const verdict = await guardInput(scratch, policy.inputRules, asRequest, guardCtx);
      tier = verdict.routeTier ?? (policy.routing ? routeByComplexity(policy.routing, text).tier : policy.spec.models.default_tier);
    } catch (err) {
      if (!(err instanceof GatewayError && err.code === 'content_policy_violation')) throw err;
    }
    data.push({
      scores: { ...model.score(text), complexity: router.score(text) },
      pii: detectPii(text).map(({ type, start, end }) => ({ type, start, end })),
      decision: { policy: policy.name, decision: scratch.decision, tier, guards: scratch.guards },
    });
  }
  ctx.state.timing.end('guard');
  return c.json({ object: 'list', model: { guard: model.info, router: router.info }, data });
});
