import { Hono } from 'hono';
import { adminRoutes } from './api/admin';
import { chatRoutes } from './api/chat';
import { classifyRoutes } from './api/classify';
import { corsMiddleware } from './api/cors';
import { dashboardRoutes } from './api/dashboard';
import { renderError, renderNotFound } from './api/errors';
import { forwardedRoutes } from './api/forwarded';
import { clientAuth, requestState } from './api/middleware';
import { modelRoutes } from './api/models';
import { moderationRoutes } from './api/moderations';
import './guards/embedded/bundled';
import type { AppEnv } from './api/types';
import { scheduled } from './telemetry';

const app = new Hono<AppEnv>();

// First: a CORS preflight (when CORS_ALLOWED_ORIGINS is set) is answered before any gateway work.
app.use('/v1/*', corsMiddleware);
app.use('*', requestState);
app.get('/', (c) => c.json({ name: 'triage', docs: 'https://github.com/triage-gateway/triage#readme' }));
app.use('/v1/*', clientAuth);
app.route('/v1', chatRoutes);
app.route('/v1', forwardedRoutes);
app.route('/v1', modelRoutes);
app.route('/v1', moderationRoutes);
app.route('/v1', classifyRoutes);
app.route('/admin', adminRoutes);
app.route('/dashboard', dashboardRoutes);
app.notFound(renderNotFound);
app.onError(renderError);

// fetch: the Hono app; scheduled: the Cron Trigger (trace retention).
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<AppEnv['Bindings']>;
// Durable Object classes must be exported by the Worker's main module.
export { KeyLimiter } from './limits/limiter';
export { TraceSpool } from './telemetry/spool';
