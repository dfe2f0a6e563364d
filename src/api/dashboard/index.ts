import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { readEnv } from '../../config/env';
import { bearerToken } from '../../limits/auth';
import { GatewayError } from '../../openai/errors';
import { adminRoutes } from '../admin';
import { isAdmin } from '../admin-auth';
import { renderError, renderNotFound } from '../errors';
import type { AppEnv } from '../types';
import { ASSETS } from './assets.gen';
import { dashboardPage, loginPage } from './html';
import { createSession, SESSION_COOKIE, sessionCookie, verifySession } from './session';

/**
 * GET /dashboard — the latency and cost dashboard, admin-protected (DESIGN.md). A login form
 * trades the admin token for a signed session cookie (./session.ts). The page reads its data
 * through /dashboard/api/*, which forwards to the /admin/* routes with the admin token added
 * here on the server, so every admin route family (traces, metrics, keys, feedback…) is
 * available to dashboard panels without the browser ever holding the token.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

type Access = 'admin' | 'open' | 'none' | 'disabled';

const LOGIN_MAX_BYTES = 8 * 1024;

/** Bearer token or session cookie; without ADMIN_TOKEN only local development is open. */
async function access(c: Context<AppEnv>): Promise<Access> {
  const { ADMIN_TOKEN, TRIAGE_ENV } = readEnv(c.env);
  if (!ADMIN_TOKEN) return TRIAGE_ENV === 'development' ? 'open' : 'disabled';
  if (await isAdmin(bearerToken(c.req.header('authorization')), ADMIN_TOKEN)) return 'admin';
  return (await verifySession(getCookie(c, SESSION_COOKIE), ADMIN_TOKEN)) ? 'admin' : 'none';
}

const html = (c: Context<AppEnv>, body: string, status: 200 | 401 = 200) =>
  c.body(body, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });

/** The admin routes as their own app, so forwarded errors render as they do under /admin. */
const adminApi = new Hono<AppEnv>().route('/', adminRoutes);
adminApi.onError(renderError);
adminApi.notFound(renderNotFound);

export const dashboardRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const a = await access(c);
    if (a === 'admin' || a === 'open') return html(c, dashboardPage({ signOut: a === 'admin' }));
    return html(c, loginPage({ disabled: a === 'disabled' }), 401);
  })
  .post('/login', async (c) => {
    const { ADMIN_TOKEN } = readEnv(c.env);
    if (!ADMIN_TOKEN) return html(c, loginPage({ disabled: true }), 401);
    // Unauthenticated: read at most a small form (parseBody alone would buffer any size).
    const length = Number(c.req.header('content-length'));
    if (!Number.isInteger(length) || length > LOGIN_MAX_BYTES) {
      throw new GatewayError({ status: 413, type: 'invalid_request_error', code: 'request_too_large', message: `The login form is limited to ${LOGIN_MAX_BYTES} bytes.` });
    }
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : undefined;
    if (!(await isAdmin(token, ADMIN_TOKEN))) return html(c, loginPage({ error: 'That is not the admin token.' }), 401);
    return c.body(null, 303, { location: '/dashboard', 'set-cookie': sessionCookie(await createSession(ADMIN_TOKEN)), 'cache-control': 'no-store' });
  })
  .post('/logout', (c) => c.body(null, 303, { location: '/dashboard', 'set-cookie': sessionCookie('', 0), 'cache-control': 'no-store' }))
  .get('/assets/:name', (c) => {
    const file = Object.hasOwn(ASSETS, c.req.param('name')) ? ASSETS[c.req.param('name') as keyof typeof ASSETS] : undefined;
    if (!file) return renderNotFound(c);
    const etag = `"${file.etag}"`;
    const headers = { etag, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(file.body, 200, { ...headers, 'content-type': file.type });
  })
  .all('/api/*', async (c) => {
    const a = await access(c);
    if (a !== 'admin' && a !== 'open') return renderError(adminDenied(), c);
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.delete('cookie');
    const token = readEnv(c.env).ADMIN_TOKEN;
    if (token) headers.set('authorization', `Bearer ${token}`);
    const target = new URL(url.pathname.slice('/dashboard/api'.length) + url.search, url.origin);
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.raw.arrayBuffer();
    let ctx: Parameters<typeof adminApi.fetch>[2];
    try {
      ctx = c.executionCtx;
    } catch {
      // no execution context (app.request() in unit tests)
    }
    const res = await adminApi.fetch(new Request(target, { method: c.req.method, headers, body }), c.env, ctx);
    const out = new Response(res.body, res);
    out.headers.set('cache-control', 'no-store');
    return out;
  });

function adminDenied() {
  return new GatewayError({
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_admin_token',
    message: 'Sign in to the dashboard first, or send "Authorization: Bearer <ADMIN_TOKEN>".',
  });
}
