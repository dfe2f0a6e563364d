import { createMiddleware } from 'hono/factory';
import { readEnv } from '../config/env';
import { digestsEqual, bearerToken, sha256 } from '../limits/auth';
import { GatewayError } from '../openai/errors';
import type { AppEnv } from './types';

/**
 * `/admin/*` and the dashboard: bearer ADMIN_TOKEN, compared as digests in constant time. Without
 * ADMIN_TOKEN the admin surface is closed, except in local development.
 */
export async function isAdmin(token: string | undefined, adminToken: string | undefined): Promise<boolean> {
  if (!token || !adminToken) return false;
  return digestsEqual(await sha256(token), await sha256(adminToken));
}

export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
  const config = readEnv(c.env);
  c.set('config', config);
  const open = !config.ADMIN_TOKEN && config.TRIAGE_ENV === 'development';
  if (!open && !(await isAdmin(bearerToken(c.req.header('authorization')), config.ADMIN_TOKEN))) {
    throw new GatewayError({
      status: 401,
      type: 'invalid_request_error',
      code: 'invalid_admin_token',
      message: config.ADMIN_TOKEN ? 'Admin endpoints need "Authorization: Bearer <ADMIN_TOKEN>".' : 'The admin API is disabled: set the ADMIN_TOKEN secret.',
    });
  }
  await next();
});
