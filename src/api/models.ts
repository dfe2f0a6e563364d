import { Hono } from 'hono';
import type { CompiledPolicy } from '../policy/compile';
import type { AppEnv } from './types';

interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** Models the upstream lists, when it can (short deadline: this must never hang `/v1/models`). */
async function upstreamModels(policy: CompiledPolicy, requestId: string): Promise<ModelEntry[]> {
  const passthrough = policy.spec.models.passthrough;
  const provider = passthrough ? policy.providers.get(passthrough.provider) : undefined;
  if (!provider || provider.kind !== 'openai') return [];
  try {
    const res = await provider.send({ endpoint: 'models', signal: AbortSignal.timeout(2_000), requestId });
    if (!res.ok) return [];
    const body = (await res.json()) as { data?: Array<Partial<ModelEntry>> };
    return (body.data ?? [])
      .filter((m): m is ModelEntry => typeof m?.id === 'string')
      .map((m) => ({ id: m.id, object: 'model', created: Number(m.created) || 0, owned_by: String(m.owned_by ?? provider.id) }));
  } catch {
    return [];
  }
}

/** GET /v1/models: `auto`, the policy's aliases and tier models, then what the upstream offers. */
export const modelRoutes = new Hono<AppEnv>().get('/models', async (c) => {
  const state = c.get('state');
  const policy = state.policy!;
  const seen = new Map<string, ModelEntry>();
  const add = (id: string, owned_by: string) => {
    if (!seen.has(id)) seen.set(id, { id, object: 'model', created: 0, owned_by });
  };
  add('auto', 'triage');
  for (const alias of Object.keys(policy.spec.models.aliases)) add(alias, 'triage');
  for (const targets of policy.tiers.values()) for (const t of targets) add(t.model, t.provider.id);
  for (const m of await upstreamModels(policy, state.id)) if (!seen.has(m.id)) seen.set(m.id, m);
  return c.json({ object: 'list', data: [...seen.values()] });
});
