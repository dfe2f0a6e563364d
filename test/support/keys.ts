import { admin } from './admin';
import { post } from './client';

export interface CreatedKey {
  id: string;
  key: string;
  [field: string]: unknown;
}

/** A fresh virtual key through the admin API (each test makes its own, so counters never collide). */
export async function createKey(body: Record<string, unknown>): Promise<CreatedKey> {
  const res = await admin('/admin/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /admin/keys → ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedKey;
}

/** A chat completion with this key, as raw HTTP (status and headers are what the tests read). */
export function chat(key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return post('/v1/chat/completions', { model: 'auto', ...body }, { authorization: `Bearer ${key}`, ...headers });
}
