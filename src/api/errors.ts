import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { GatewayError, errorResponse } from '../openai/errors';
import { RequestState } from '../pipeline/state';
import type { AppEnv } from './types';

const KNOWN = new Map<string, string>([
  ['/v1/chat/completions', 'POST'],
  ['/v1/completions', 'POST'],
  ['/v1/embeddings', 'POST'],
  ['/v1/moderations', 'POST'],
  ['/v1/classify', 'POST'],
  ['/v1/models', 'GET'],
]);

function stateOf(c: Context<AppEnv>): RequestState {
  let state = c.get('state') as RequestState | undefined;
  if (!state) {
    state = new RequestState();
    c.set('state', state);
  }
  return state;
}

/** The one place errors become responses: always an OpenAI error object, with the gateway's headers. */
export function renderError(err: unknown, c: Context<AppEnv>): Response {
  const state = stateOf(c);
  let error: GatewayError;
  if (err instanceof GatewayError) error = err;
  else if (err instanceof HTTPException) {
    error = new GatewayError({ status: err.status as 400, type: 'invalid_request_error', message: err.message || 'Bad request.' });
  } else {
    // A bug in the gateway: say so without echoing internals to the client.
    console.error(`[triage] ${state.id} unexpected error:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
    error = new GatewayError({ status: 500, type: 'api_error', code: 'internal_error', message: `The gateway failed to process the request (request id ${state.id}).` });
  }
  state.status = error.status;
  state.error = { type: error.type, code: error.code, message: error.message };
  return errorResponse(error, state.headers());
}

export function renderNotFound(c: Context<AppEnv>): Response {
  const method = KNOWN.get(c.req.path);
  const error = method
    ? new GatewayError({ status: 405, type: 'invalid_request_error', code: 'method_not_allowed', message: `${c.req.method} is not supported on ${c.req.path}: use ${method}.`, headers: { allow: method } })
    : new GatewayError({ status: 404, type: 'invalid_request_error', code: 'unknown_url', message: `Unknown request URL: ${c.req.method} ${c.req.path.slice(0, 200)}.` });
  return renderError(error, c);
}
