import { GatewayError } from '../openai/errors';
import type { KeyInfo } from '../pipeline/state';
import type { AdmitResult } from './limiter';

/**
 * OpenAI's rate-limit headers and 429 errors, in OpenAI's formats (platform.openai.com/docs/guides/
 * rate-limits: `x-ratelimit-reset-requests: 1s`, `x-ratelimit-reset-tokens: 6m0s`), so clients that
 * already read them from OpenAI read them from the gateway unchanged.
 */

/** A duration as OpenAI (Go's time.Duration) writes it: `12ms`, `1.5s`, `6m0s`, `1h2m3s`. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const trim = (s: number) => String(Number(s.toFixed(3)));
  const seconds = total / 1000;
  if (seconds < 60) return `${trim(seconds)}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds - h * 3600) / 60);
  return `${h > 0 ? `${h}h` : ''}${m}m${trim(seconds - h * 3600 - m * 60)}s`;
}

export function rateLimitHeaders(result: AdmitResult): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [kind, w] of [['requests', result.requests], ['tokens', result.tokens]] as const) {
    if (!w) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(w.limit);
    headers[`x-ratelimit-remaining-${kind}`] = String(w.remaining);
    headers[`x-ratelimit-reset-${kind}`] = duration(w.resetMs);
  }
  return headers;
}

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/** The 429 for a refused request: `rate_limit_exceeded` (requests, tokens) or `insufficient_quota` (budgets). */
export function refusalError(result: AdmitResult, key: KeyInfo): GatewayError {
  const r = result.refused!;
  const who = `key "${key.name}"`;
  const retry: Record<string, string> = {};
  if (r.retryAfterMs !== null) {
    // retry-after in whole seconds (RFC 9110); retry-after-ms too, which the openai SDKs prefer.
    retry['retry-after'] = String(Math.max(1, Math.ceil(r.retryAfterMs / 1000)));
    retry['retry-after-ms'] = String(Math.max(0, Math.ceil(r.retryAfterMs)));
  }
  if (r.reason === 'daily_usd' || r.reason === 'monthly_usd') {
    const period = r.reason === 'daily_usd' ? 'UTC day' : 'UTC month';
    return new GatewayError({
      status: 429,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
      message:
        `You exceeded the budget of ${who}: ${usd(r.limit)} per ${period}, ${usd(r.used)} spent or in flight` +
        `${r.requested > 0 ? `, this request may cost up to ${usd(r.requested)}` : ''}. It resets in ${duration(r.retryAfterMs ?? 0)}.`,
      // The openai SDKs retry every 429 unless told not to; a spent budget does not come back in seconds.
      headers: { ...retry, 'x-should-retry': 'false' },
    });
  }
  const unit = r.reason === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
  if (r.retryAfterMs === null) {
    return new GatewayError({
      status: 429,
      type: 'tokens',
      code: 'rate_limit_exceeded',
      message: `Request too large for ${who} on ${unit}: Limit ${r.limit}, Requested ${r.requested}. Reduce the input or max_tokens.`,
      headers: { 'x-should-retry': 'false' },
    });
  }
  return new GatewayError({
    status: 429,
    type: r.reason,
    code: 'rate_limit_exceeded',
    message: `Rate limit reached for ${who} on ${unit}: Limit ${r.limit}, Used ${r.used}, Requested ${r.requested}. Please try again in ${duration(r.retryAfterMs)}.`,
    headers: retry,
  });
}
