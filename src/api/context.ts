import type { Context } from 'hono';
import { DEFAULT_MAX_BODY_BYTES } from '../openai/parse';
import type { PipelineContext } from '../pipeline/chat';
import type { AppEnv } from './types';

/** What the pipeline needs from Hono's context, and nothing else. */
export function pipelineContext(c: Context<AppEnv>): PipelineContext {
  const state = c.get('state');
  const config = c.get('config');
  return {
    request: c.req.raw,
    env: c.env,
    state,
    maxBodyBytes: config.MAX_BODY_BYTES ?? state.policy?.spec.limits.max_body_bytes ?? DEFAULT_MAX_BODY_BYTES,
    waitUntil: waitUntilOf(c),
  };
}

// A module-level factory: a named closure built per request costs a defineProperty per request in
// the bundle (wrangler keeps function names), for nothing.
function waitUntilOf(c: Context<AppEnv>): (promise: Promise<unknown>) => void {
  return (promise) => {
    try {
      c.executionCtx.waitUntil(promise);
    } catch {
      // no execution context (app.request() in unit tests): the promise still runs
    }
  };
}
