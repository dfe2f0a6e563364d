import type { Resolution } from '../routing/types';

/**
 * The cache key: a SHA-256 over the normalized request. It includes the policy (a hit must never
 * serve one policy's answer to another, whose guards or tiers differ), the resolved tier and target
 * chain (after routing and any guard's `route:` action), and every request field that can change
 * the answer, with object keys sorted so field order does not matter. Fields that only label a
 * request (end-user id, metadata, storage and prompt-cache hints) are left out.
 */
const LABELS = new Set(['user', 'metadata', 'store', 'safety_identifier', 'prompt_cache_key']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function cacheKey(policy: string, route: Resolution, body: Record<string, unknown>): Promise<string> {
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => !LABELS.has(k)));
  const text = `v1\n${policy}\n${route.tier}\n${route.targets.map((t) => t.label).join(',')}\n${canonical(fields)}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
