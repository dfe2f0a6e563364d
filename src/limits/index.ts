import { GatewayError } from '../openai/errors';
import type { RequestState } from '../pipeline/state';
import type { KeyLimits } from '../policy/schema';
import { estimateUsd } from './estimate';
import { rateLimitHeaders, refusalError } from './headers';
import type { KeyLimiter } from './limiter';

/**
 * Per-key limits (requests and tokens per minute, spend per UTC day and month), enforced before the
 * upstream call by the key's Durable Object and reconciled with real usage afterwards (`settle`).
 *
 * Where limits come from: a virtual key's own `limits` (admin API), field by field over its policy's
 * `limits.per_key`; keys from GATEWAY_API_KEYS get their policy's `limits.per_key`. A key with no
 * limit at all never calls the Durable Object.
 */
type LimitsEnv = { KEY_LIMITER?: DurableObjectNamespace<KeyLimiter> };

interface Reservation {
  stub: DurableObjectStub<KeyLimiter>;
  tokens: number;
  /** Only tokens per minute and budgets depend on what the request really used. */
  reconcile: boolean;
}

const reservations = new WeakMap<RequestState, Reservation>();

/** The key's own limits, field by field over its policy's `limits.per_key`; undefined when none. */
export function effectiveLimitsOf(policyDefaults: KeyLimits | undefined, own: KeyLimits | undefined): KeyLimits | undefined {
  const merged: KeyLimits = {};
  for (const source of [policyDefaults, own]) {
    for (const [k, v] of Object.entries(source ?? {})) if (v !== undefined) merged[k as keyof KeyLimits] = v;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

const effectiveLimits = (state: RequestState) => effectiveLimitsOf(state.policy?.spec.limits.per_key, state.key?.limits);

export function limiterFor(env: object, keyId: string): DurableObjectStub<KeyLimiter> | undefined {
  const ns = (env as LimitsEnv).KEY_LIMITER;
  return ns?.get(ns.idFromName(keyId));
}

export async function admit(env: object, state: RequestState, estimatedTokens: number): Promise<void> {
  const limits = effectiveLimits(state);
  if (!limits || !state.key) return;
  state.timing.start('auth');
  try {
    const stub = limiterFor(env, state.key.id);
    // Limits configured but no Durable Object binding: refuse rather than serve unlimited.
    if (!stub) throw unavailable('the KEY_LIMITER Durable Object binding is missing');
    const budgeted = limits.daily_usd !== undefined || limits.monthly_usd !== undefined;
    const usd = budgeted ? estimateUsd(state.policy!, state.modelRequested, estimatedTokens) : 0;
    const result = await stub.admit({ requestId: state.id, limits, tokens: estimatedTokens, usd }).catch((err: unknown) => {
      console.error(`[triage] ${state.id} limiter unreachable: ${(err as Error)?.message ?? err}`);
      throw unavailable('the rate limiter could not be reached');
    });
    Object.assign(state.extraHeaders, rateLimitHeaders(result));
    if (!result.ok) throw refusalError(result, state.key);
    reservations.set(state, { stub, tokens: estimatedTokens, reconcile: limits.tpm !== undefined || budgeted });
  } finally {
    state.timing.end('auth');
  }
}

/** What the trace accounted for the request: its cost and, when known, its usage. */
interface Accounted {
  cost_usd: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/**
 * After the response: real usage and cost (as the trace accounts them, so limits and traces agree)
 * replace the estimate. A cache hit used no upstream tokens and cost nothing; without accounted
 * usage, an answered request keeps its estimate and an unanswered one counts none.
 */
export async function settle(_env: object, state: RequestState, cost: Accounted): Promise<void> {
  const reservation = reservations.get(state);
  reservations.delete(state);
  if (!reservation?.reconcile) return; // e.g. rpm only: nothing to reconcile, no second round trip
  const hit = state.cache === 'hit';
  const usage = cost.usage ?? state.usage;
  const tokens = hit ? 0 : usage ? usage.prompt_tokens + usage.completion_tokens : state.modelUsed ? reservation.tokens : 0;
  await reservation.stub.settle({ requestId: state.id, tokens, usd: hit ? 0 : cost.cost_usd });
}

/** Fail closed: a limit that cannot be checked is not waived. */
const unavailable = (why: string) =>
  new GatewayError({
    status: 503,
    type: 'api_error',
    code: 'rate_limiter_unavailable',
    message: `Limits for this key could not be checked (${why}); the request was not sent. Retry shortly.`,
    headers: { 'retry-after': '1' },
  });
