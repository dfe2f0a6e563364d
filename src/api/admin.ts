import { Hono } from 'hono';
import { z } from 'zod';
import { invalidRequest } from '../openai/errors';
import { listTraces } from '../telemetry/trace';
import { adminAuth } from './admin-auth';
import type { AppEnv } from './types';

/** `since`/`before`: ISO 8601 or Unix epoch milliseconds. */
const instant = z
  .string()
  .transform((v, ctx) => {
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: 'an ISO 8601 time or epoch milliseconds' });
    return n;
  })
  .optional();

const tracesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  since: instant,
  before: instant,
});

export function query<S extends z.ZodType>(schema: S, values: Record<string, string>): z.infer<S> {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw invalidRequest(`Invalid query parameter '${issue.path.join('.')}': ${issue.message}`, String(issue.path[0] ?? ''));
}

export const adminRoutes = new Hono<AppEnv>()
  .use('*', adminAuth)
  .get('/traces', async (c) => {
    const q = query(tracesQuery, c.req.query());
    return c.json({ data: await listTraces(c.env.DB, q) });
  });
