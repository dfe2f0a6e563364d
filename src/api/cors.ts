import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import { readEnv } from '../config/env';
import type { AppEnv } from './types';

/**
 * CORS for the OpenAI-compatible API (/v1/*), off unless CORS_ALLOWED_ORIGINS lists origins.
 *
 * Off by default because the API is for servers: a browser page calling it must hold a gateway
 * key, which any visitor can then read. A deployment that accepts that (an internal tool, a key
 * with tight per-key limits) lists its exact origins, e.g. `https://app.example.com`; `*` allows
 * any origin. Credentials (cookies) are never allowed: the API authenticates with bearer keys. The
 * admin API and the dashboard never answer cross-origin.
 */
const EXPOSED = [
  'x-request-id',
  'x-triage-decision',
  'x-triage-route',
  'server-timing',
  'retry-after',
  'x-should-retry',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
];

const byList = new Map<string, ReturnType<typeof cors>>();

function middlewareFor(list: string): ReturnType<typeof cors> {
  let mw = byList.get(list);
  if (!mw) {
    const origins = new Set(list.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean));
    mw = cors({
      origin: origins.has('*') ? '*' : (origin) => (origins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      // The request's own headers are reflected on preflight (the openai SDK sends x-stainless-*).
      exposeHeaders: EXPOSED,
      maxAge: 600,
    });
    byList.set(list, mw);
  }
  return mw;
}

export const corsMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const list = readEnv(c.env).CORS_ALLOWED_ORIGINS;
  if (!list) return next();
  return middlewareFor(list)(c, next);
});
