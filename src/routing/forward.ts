import { GatewayError } from '../openai/errors';
import { upstreamErrorBody } from '../openai/schemas';
import type { Endpoint } from '../providers/types';
import type { Attempt, Resilience, Target } from './types';

export interface ForwardRequest {
  endpoint: Endpoint;
  /** The client's body; `model` is replaced with each target's model. */
  body?: Record<string, unknown>;
  requestId: string;
  /** Aborted when the client goes away: stop trying. */
  signal?: AbortSignal;
}

export interface Forwarded {
  response: Response;
  target: Target;
  attempts: Attempt[];
  /** Aborts the upstream call (client gone, stream idle too long). */
  abort: AbortController;
  /** The client's signal: aborted when it disconnects (also after the headers, while a body streams). */
  clientSignal?: AbortSignal;
}

/** A failure after every retry and fallback; carries what was tried, for the trace. */
export class UpstreamFailure extends GatewayError {
  constructor(
    init: ConstructorParameters<typeof GatewayError>[0],
    readonly attempts: Attempt[],
  ) {
    super({ ...init, isRetryable: init.isRetryable ?? true });
  }
}

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** `retry-after-ms` (OpenAI) or `retry-after` (RFC 9110 §10.2.3: seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/** A listener that aborts `to` with the client's reason (a factory: no named closure per attempt). */
const relayAbort = (to: AbortController, from: AbortSignal | undefined) => () => to.abort(from?.reason);

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
const backoff = (r: Resilience, retry: number) => Math.random() * Math.min(r.maxBackoffMs, r.backoffMs * 2 ** retry);

async function errorFrom(response: Response): Promise<{ message: string; type?: string; code?: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = upstreamErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const e = parsed.data.error;
      return { message: e.message, type: e.type ?? undefined, code: e.code == null ? undefined : String(e.code) };
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: text.slice(0, 300) || `HTTP ${response.status}` };
}

/**
 * Sends a request along a fallback chain: each target gets `retries` retries on 429, 5xx and
 * network errors (waiting for `retry-after` when the upstream asks and the wait is acceptable),
 * a timeout moves straight on to the next target, and a non-retryable answer (a 4xx about the
 * request itself) ends the chain at once. Only response headers are awaited here; the body is
 * streamed by the caller.
 */
export async function forward(targets: Target[], req: ForwardRequest, r: Resilience): Promise<Forwarded> {
  const attempts: Attempt[] = [];
  let last: { status: number; message: string; type?: string; code?: string; retryAfter?: string } | undefined;

  for (const target of targets) {
    for (let retry = 0; retry <= r.retries; retry++) {
      if (req.signal?.aborted) break;
      const abort = new AbortController();
      const onClientAbort = relayAbort(abort, req.signal);
      req.signal?.addEventListener('abort', onClientAbort);
      const timer = setTimeout(() => abort.abort(new Error('timeout')), target.timeoutMs);
      const t0 = performance.now();
      const body = req.body ? { ...req.body, model: target.model } : undefined;
      try {
        const response = await target.provider.send({ endpoint: req.endpoint, body, signal: abort.signal, requestId: req.requestId });
        clearTimeout(timer);
        const attempt: Attempt = { target: target.label, status: response.status, latency_ms: performance.now() - t0, retry };
        attempts.push(attempt);
        if (response.ok) return { response, target, attempts, abort, clientSignal: req.signal };

        const err = await errorFrom(response);
        attempt.error = err.message.slice(0, 200);
        if (response.status === 401) {
          // The upstream refused the gateway's own credentials. Passing the 401 on would tell the
          // client its key is wrong, and the upstream's message may echo part of the provider key
          // (OpenAI's does): the client gets a 502 saying only which target refused (SECURITY.md).
          last = { status: 502, type: 'upstream_error', code: 'upstream_auth_failed', message: `the upstream rejected the gateway's credentials for ${target.label}` };
          break; // a bad key stays bad: next target
        }
        last = { status: response.status, ...err, retryAfter: response.headers.get('retry-after') ?? undefined };
        if (!RETRYABLE(response.status)) {
          throw new UpstreamFailure(
            { status: response.status as 400, type: err.type ?? 'invalid_request_error', code: err.code ?? null, message: err.message, isRetryable: false },
            attempts,
          );
        }
        const wait = retryAfterMs(response.headers);
        if (wait !== undefined && wait > r.maxRetryAfterMs) break; // too long: next target
        if (retry < r.retries) await sleep(Math.max(wait ?? 0, backoff(r, retry)), req.signal);
      } catch (err) {
        clearTimeout(timer);
        if (err instanceof GatewayError) throw err;
        const timedOut = abort.signal.aborted && !req.signal?.aborted;
        const message = timedOut ? `no response within ${target.timeoutMs} ms` : `network error: ${(err as Error)?.message ?? String(err)}`;
        attempts.push({ target: target.label, status: null, error: message, latency_ms: performance.now() - t0, retry });
        last = { status: timedOut ? 504 : 502, message };
        if (timedOut) break; // a slow target stays slow: move on rather than wait again
        if (retry < r.retries) await sleep(backoff(r, retry), req.signal);
      } finally {
        req.signal?.removeEventListener('abort', onClientAbort);
      }
    }
  }

  if (req.signal?.aborted) {
    throw new UpstreamFailure({ status: 499 as 400, type: 'api_error', code: 'client_closed_request', message: 'The client closed the request.' }, attempts);
  }
  const status = last?.status ?? 502;
  const tried = attempts.map((a) => `${a.target}→${a.status ?? 'error'}`).join(', ');
  throw new UpstreamFailure(
    {
      status: status as 502,
      type: status === 429 ? 'rate_limit_error' : status === 504 ? 'timeout_error' : (last?.type ?? 'upstream_error'),
      code: last?.code ?? (status === 504 ? 'upstream_timeout' : status === 429 ? 'rate_limit_exceeded' : 'upstream_error'),
      message: `Upstream failed after ${attempts.length} attempt(s) [${tried}]: ${last?.message ?? 'no target available'}`,
      headers: last?.retryAfter ? { 'retry-after': last.retryAfter } : {},
    },
    attempts,
  );
}
