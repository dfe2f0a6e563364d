import { Hono } from 'hono';
import { z } from 'zod';
import { listTraces } from '../telemetry/trace';
import { query } from './query';
import type { AppEnv } from './types';

/** `since`/`before`: ISO 8601 or Unix epoch milliseconds. */
export const instant = z
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

export const traceRoutes = new Hono<AppEnv>().get('/traces', async (c) => {
  const q = query(tracesQuery, c.req.query());
  return c.json({ data: await listTraces(c.env.DB, q) });
});
