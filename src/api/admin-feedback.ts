import { Hono } from 'hono';
import { z } from 'zod';
import { FEEDBACK_LABELS, GUARD_LABELS, kindOf, ROUTE_LABELS } from '../flywheel/labels';
import { insertFeedback, listFeedback, listRoutingLabels } from '../flywheel/store';
import { notFound } from '../openai/errors';
import { readJsonBody, validate } from '../openai/parse';
import { getPolicy } from '../policy/registry';
import { instant } from './admin-traces';
import { query } from './query';
import type { AppEnv } from './types';

/**
 * The flywheel's admin surface (DESIGN.md "HTTP", README "The flywheel"):
 *   POST /admin/feedback {"request_id","label","note"?,"side"?,"source"?} → 201, the stored label
 *   GET  /admin/feedback?limit=&since=&before=&request_id=      → {"data":[label…]}, newest first
 *   GET  /admin/routing-labels?limit=&since=&before=&request_id= → {"data":[routing row…]}
 */
const feedbackBody = z.strictObject({
  request_id: z.string().min(1).max(200),
  label: z.enum(FEEDBACK_LABELS, {
    message: `a guard label (${GUARD_LABELS.join(', ')}) or a route label (${ROUTE_LABELS.join(', ')})`,
  }),
  note: z.string().max(2000).optional(),
  side: z.enum(['input', 'output']).default('input').describe('Guard labels: the request (its last user message) or the answer.'),
  source: z
    .string()
    .regex(/^(human|grader:[\w.:/-]{1,100})$/, '"human" or "grader:<name>"')
    .default('human'),
});

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  since: instant,
  before: instant,
  request_id: z.string().min(1).max(200).optional(),
});

interface TraceRow {
  policy: string | null;
  tier: string | null;
  model_used: string | null;
  input: string | null;
  output: string | null;
}

/** A route label's model pair: the trace's policy's small and large tiers (the model that served, where it was one of them). */
function modelPair(env: Record<string, unknown>, t: TraceRow): { weak: string | null; strong: string | null } {
  let policy;
  try {
    policy = t.policy ? getPolicy(env, t.policy) : undefined;
  } catch {
    policy = undefined; // a policy no longer bundled: the pair stays unknown
  }
  if (!policy) return { weak: t.model_used, strong: null };
  const small = policy.spec.routing?.below ?? policy.spec.models.default_tier;
  const large = policy.spec.routing?.above ?? policy.spec.flywheel?.shadow?.compare_to ?? 'large';
  const pick = (tier: string) => (t.tier === tier && t.model_used ? t.model_used : (policy.tiers.get(tier)?.[0]?.model ?? null));
  return { weak: pick(small), strong: pick(large) };
}

export const feedbackRoutes = new Hono<AppEnv>()
  .post('/feedback', async (c) => {
    const body = validate(feedbackBody, await readJsonBody(c.req.raw, 64 * 1024));
    const trace = await c.env.DB.prepare('SELECT policy, tier, model_used, input, output FROM traces WHERE id = ?').bind(body.request_id).first<TraceRow>();
    // Traces are written just after the response: a label sent at once may have to retry.
    if (!trace) throw notFound(`No trace with id "${body.request_id.slice(0, 200)}" (traces are written shortly after the response, and kept for TRACE_RETENTION_DAYS).`);
    const kind = kindOf(body.label);
    const pair = kind === 'route' ? modelPair(c.env, trace) : { weak: null, strong: null };
    const side = kind === 'route' ? 'input' : body.side;
    const stored = await insertFeedback(c.env.DB, {
      request_id: body.request_id,
      kind,
      label: body.label,
      side,
      note: body.note ?? null,
      source: body.source,
      text: side === 'output' ? trace.output : trace.input,
      ...pair,
    });
    return c.json({ object: 'gateway.feedback', ...stored }, 201);
  })
  .get('/feedback', async (c) => c.json({ data: await listFeedback(c.env.DB, query(pageQuery, c.req.query())) }))
  .get('/routing-labels', async (c) => c.json({ data: await listRoutingLabels(c.env.DB, query(pageQuery, c.req.query())) }));
