import { Hono } from 'hono';
import { adminAuth } from './admin-auth';
import { feedbackRoutes } from './admin-feedback';
import { keyRoutes } from './admin-keys';
import { metricRoutes } from './admin-metrics';
import { traceRoutes } from './admin-traces';
import type { AppEnv } from './types';

/** /admin/*: every admin route family behind the admin token. */
export const adminRoutes = new Hono<AppEnv>().use('*', adminAuth).route('/', traceRoutes).route('/', keyRoutes).route('/', metricRoutes).route('/', feedbackRoutes);
