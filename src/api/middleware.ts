import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { recordTrace } from '../telemetry';
import { readEnv } from '../config/env';
import { authenticate } from '../limits/auth';
import { lookupKey } from '../limits/keys';
import { RequestState } from '../pipeline/state';
import { getPolicy, policyNameForKey } from '../policy/registry';
import { boundedMemo } from '../util/bounded-memo';
import type { AppEnv } from './types';

/** Creates the request's state (id, timings) and stamps the gateway's headers on the response. */
export const requestState = createMiddleware<AppEnv>(async (c, next) => {
  const state = new RequestState();
  state.endpoint = c.req.path.slice(0, 100);
  c.set('state', state);
  await next();
  for (const [k, v] of Object.entries(state.headers())) c.res.headers.set(k, v);
  state.status = c.res.status;
  if (!c.req.path.startsWith('/v1/')) return;
  // Every API request leaves exactly one trace, blocked and failed ones included.
  if (!state.deferCompletion) state.complete();
  waitUntil(c, recordTrace(c.env, state));
});

function waitUntil(c: Context<AppEnv>, promise: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // no execution context (app.request() in unit tests): the promise still runs
  }
}

/** Authenticates the client key and picks its policy: the key's own, a policy listing it, or POLICY. */
export const clientAuth = createMiddleware<AppEnv>(async (c, next) => {
  const state = c.get('state');
  const config = readEnv(c.env);
  c.set('config', config);
  state.timing.start('auth');
  try {
    state.key = await authenticate(c.req.header('authorization') ?? null, config, (token) => lookupKey(c.env.DB, token));
    state.policy = getPolicy(c.env, state.key.policy ?? policyOfKeyName(state.key.name) ?? config.POLICY);
  } finally {
    state.timing.end('auth');
  }
  await next();
});

/** `policyNameForKey` scans every bundled policy's key list; the answer per key name never changes in an isolate. */
const policyOfKeyName = boundedMemo(10_000, policyNameForKey);
