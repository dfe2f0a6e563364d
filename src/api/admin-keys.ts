import { Hono } from 'hono';
import { z } from 'zod';
import { readEnv } from '../config/env';
import { effectiveLimitsOf, limiterFor } from '../limits';
import { envKeyNames } from '../limits/auth';
import { createKey, getKey, keyHint, listKeys, revokeKey, type VirtualKey } from '../limits/keys';
import { type KeySpend, spendByKey } from '../limits/spend';
import { GatewayError, invalidRequest, notFound } from '../openai/errors';
import { readJsonBody, validate } from '../openai/parse';
import { getPolicy, policyNameForKey, policyNames } from '../policy/registry';
import { keyLimitsSchema } from '../policy/schema';
import type { AppEnv } from './types';

/**
 * /admin/keys (DESIGN.md "HTTP"): virtual keys are created (the key is in the 201 answer and
 * nowhere else, ever), listed and revoked. The list also shows the GATEWAY_API_KEYS entries by name,
 * so spend can be read for every key; their secrets and hashes are never returned.
 */
const createKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  policy: z.string().min(1).max(100).optional(),
  limits: keyLimitsSchema.optional(),
});

const NO_SPEND: KeySpend = { day_usd: 0, month_usd: 0, requests_today: 0 };
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function describe(env: Record<string, unknown>, k: { id: string; name: string; policy: string | null; limits: VirtualKey['limits'] }) {
  const policy = k.policy ?? policyNameForKey(k.name) ?? readEnv(env).POLICY;
  let defaults: VirtualKey['limits'] | undefined;
  try {
    defaults = getPolicy(env, policy).spec.limits.per_key;
  } catch {
    defaults = undefined; // a policy no longer bundled: the key fails at request time, and says why
  }
  return { policy, effective_limits: effectiveLimitsOf(defaults, k.limits) ?? {} };
}

function virtualView(env: Record<string, unknown>, k: VirtualKey, spend = NO_SPEND) {
  const { policy, effective_limits } = describe(env, k);
  return {
    id: k.id,
    object: 'gateway.key',
    source: 'virtual',
    name: k.name,
    key_hint: keyHint(k.id),
    policy,
    limits: k.limits,
    effective_limits,
    created_at: iso(k.created_at),
    revoked_at: iso(k.revoked_at),
    spend,
  };
}

export const keyRoutes = new Hono<AppEnv>()
  .post('/keys', async (c) => {
    const body = validate(createKeyBody, await readJsonBody(c.req.raw, 64 * 1024));
    if (body.policy !== undefined && !policyNames().includes(body.policy)) {
      throw invalidRequest(`Unknown policy "${body.policy.slice(0, 100)}" (policies: ${policyNames().join(', ')}).`, 'policy');
    }
    const { key, record } = await createKey(c.env.DB, body);
    return c.json({ ...virtualView(c.env, record), key }, 201);
  })
  .get('/keys', async (c) => {
    const [keys, spend, envNames] = await Promise.all([listKeys(c.env.DB), spendByKey(c.env.DB), envKeyNames(readEnv(c.env).GATEWAY_API_KEYS)]);
    const env = envNames.map((name) => {
      const id = `env:${name}`;
      return { id, object: 'gateway.key', source: 'env', name, key_hint: null, ...describe(c.env, { id, name, policy: null, limits: {} }), limits: {}, created_at: null, revoked_at: null, spend: spend.get(id) ?? NO_SPEND };
    });
    return c.json({ object: 'list', data: [...keys.map((k) => virtualView(c.env, k, spend.get(k.id))), ...env] });
  })
  .get('/keys/:id', async (c) => {
    const key = await getKey(c.env.DB, c.req.param('id'));
    if (!key) throw notFound(`No virtual key with id "${c.req.param('id').slice(0, 100)}".`);
    const view = virtualView(c.env, key, (await spendByKey(c.env.DB)).get(key.id));
    // The exact counters, as enforced, from the key's Durable Object (only keys with limits have one).
    const usage = Object.keys(view.effective_limits).length > 0 && key.revoked_at === null ? await limiterFor(c.env, key.id)?.usage() : undefined;
    return c.json({ ...view, usage: usage ?? null });
  })
  .delete('/keys/:id', async (c) => {
    const id = c.req.param('id');
    if (id.startsWith('env:')) {
      throw new GatewayError({ status: 400, type: 'invalid_request_error', code: 'env_key', message: 'Keys from GATEWAY_API_KEYS are removed by changing that secret, not through the admin API.' });
    }
    const key = await revokeKey(c.env.DB, id);
    if (!key) throw notFound(`No virtual key with id "${id.slice(0, 100)}".`);
    // Its counters are of no further use; clearing them must not delay or fail the revocation.
    const limited = Object.keys(describe(c.env, key).effective_limits).length > 0;
    const cleared = limited ? limiterFor(c.env, key.id)?.clear().catch(() => {}) : undefined;
    if (cleared) {
      try {
        c.executionCtx.waitUntil(cleared);
      } catch {
        // no execution context (app.request() in unit tests): the promise still runs
      }
    }
    return c.json({ id: key.id, object: 'gateway.key', deleted: true, revoked_at: iso(key.revoked_at) });
  });
