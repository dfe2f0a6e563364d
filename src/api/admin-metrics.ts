import { Hono } from 'hono';
import { z } from 'zod';
import { parseWindow, queryMetrics } from '../telemetry/metrics';
import { query } from './query';
import type { AppEnv } from './types';

/** `window`: how far back, as `<n>m`, `<n>h` or `<n>d` (5 minutes to 400 days); default 1h. */
const metricsQuery = z.object({
  window: z
    .string()
    .default('1h')
    .transform((v, ctx) => {
      const ms = parseWindow(v);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'a duration such as 15m, 1h, 24h or 7d (5m to 400d)' });
      return ms ?? 0;
    }),
});

export const metricRoutes = new Hono<AppEnv>().get('/metrics', async (c) => {
  const q = query(metricsQuery, c.req.query());
  return c.json(await queryMetrics(c.env.DB, q.window));
});
