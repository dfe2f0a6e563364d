import { shadowTiers } from '../flywheel/schema';
import type { Policy } from './schema';

const target = (t: { provider: string; model: string }) => `${t.provider}:${t.model}`;

/** A plain-language account of what a policy does, for `npm run policy -- check`. */
export function describePolicy(p: Policy): string {
  const out: string[] = [];
  out.push(`policy ${p.name ?? '(unnamed)'}${p.description ? ` — ${p.description.trim()}` : ''}`);
  out.push('', 'providers:');
  for (const [id, spec] of Object.entries(p.providers)) {
    if (spec.type === 'openai') {
      const base = spec.base_url_env ? `$${spec.base_url_env} or ${spec.base_url ?? '(none)'}` : (spec.base_url ?? '(none)');
      const key = spec.api_key_env ? `key from $${spec.api_key_env}, ${spec.when_key_missing === 'demo' ? 'demo provider when unset' : 'error when unset'}` : 'no key';
      out.push(`  ${id}: OpenAI-compatible at ${base}; ${key}`);
    } else out.push(`  ${id}: ${spec.type}`);
  }
  out.push('', 'models:');
  for (const [tier, spec] of Object.entries(p.models.tiers)) {
    out.push(`  tier ${tier}: ${spec.targets.map(target).join(' → fallback ')}`);
  }
  for (const [alias, to] of Object.entries(p.models.aliases)) {
    out.push(`  alias ${alias} → ${typeof to === 'string' ? `tier ${to}` : target(to)}`);
  }
  out.push(`  other model names: ${p.models.passthrough ? `passed through to ${p.models.passthrough.provider}` : 'refused'}`);
  if (p.routing?.enabled) {
    out.push(`  model "auto": router complexity ≥ ${p.routing.threshold} → ${p.routing.above}, else ${p.routing.below} (router error → ${p.routing.on_error})`);
  } else out.push(`  model "auto": tier ${p.models.default_tier}`);
  const r = p.resilience;
  out.push(`  resilience: timeout ${r.timeout_ms} ms, ${r.retries} retries per target (backoff ${r.backoff_ms}–${r.max_backoff_ms} ms), stream idle ${r.stream_idle_timeout_ms} ms`);
  for (const side of ['input', 'output'] as const) {
    out.push('', `${side} guards:`);
    if (p.guards[side].length === 0) out.push('  (none)');
    for (const g of p.guards[side]) {
      const at = g.threshold === undefined ? '' : ` at ${g.threshold}`;
      const reads = g.messages ? ` reading ${g.messages.join(', ')}` : '';
      out.push(`  ${g.guard}${at}: ${g.action}${g.mode === 'shadow' ? ' (shadow: recorded only)' : ''}${reads}; on error ${g.on_error === 'open' ? 'let through' : 'block'}; timeout ${g.timeout_ms} ms`);
    }
  }
  if (p.guards.restore_redacted) out.push('  redacted values are restored in the response the client sees');
  const shadow = p.flywheel?.shadow;
  if (shadow) {
    const { sampled, compareTo } = shadowTiers(p, shadow);
    const rate = `${Math.round(shadow.sample_rate * 1000) / 10}%${shadow.sample_rate_env ? ` (or $${shadow.sample_rate_env})` : ''}`;
    out.push('', `flywheel: ${rate} of ${sampled.join(', ')} requests also sent to ${compareTo} after the response; graded by ${shadow.grader.type}; stored as routing labels`);
  }
  const perKey = p.limits.per_key;
  if (perKey) out.push('', `limits per key: ${Object.entries(perKey).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('', `traces keep: ${p.capture.text} text; cache: ${p.cache.enabled ? `on, ttl ${p.cache.ttl_s} s` : 'off'}; body limit ${p.limits.max_body_bytes} bytes`);
  if (p.keys.length) out.push(`keys using this policy: ${p.keys.join(', ')}`);
  return out.join('\n');
}
