import { unauthorized } from '../openai/errors';
import type { KeyInfo } from '../pipeline/state';
import { type KeyLimits, keyLimitsSchema } from '../policy/schema';
import { digestsEqual, sha256 } from './auth';

/**
 * Virtual keys: `sk-triage-<id>_<secret>`. The id (80 random bits) is public and locates the row in
 * O(1); the secret (256 random bits) is stored only as SHA-256(salt ‖ secret) with a per-key random
 * salt and compared in constant time. A fast hash is enough because the secret is random, not a
 * password: 256 bits cannot be brute-forced, and the salt rules out precomputed tables across keys.
 */
const KEY = /^sk-triage-([a-z2-7]{16})_([a-z2-7]{52})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lowercase, unpadded: copy-paste friendly (no `-` or `_` inside the parts). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((h) => parseInt(h, 16)));
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const secretHash = (salt: string, secret: string) => sha256(`${salt}:${secret}`);

export interface VirtualKey {
  id: string;
  name: string;
  policy: string | null;
  limits: KeyLimits;
  created_at: number;
  revoked_at: number | null;
}

interface Row {
  id: string;
  name: string;
  policy: string | null;
  limits: string;
  salt: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
}

function parseLimits(json: string): KeyLimits {
  try {
    const parsed = keyLimitsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const fromRow = (r: Row): VirtualKey => ({
  id: r.id,
  name: r.name,
  policy: r.policy,
  limits: parseLimits(r.limits),
  created_at: r.created_at,
  revoked_at: r.revoked_at,
});

/** What the admin UI shows instead of the key: its public part only. */
export const keyHint = (id: string) => `sk-triage-${id.slice(3)}_…`;

/** Creates a key; the returned `key` is the only time the secret exists outside the client. */
export async function createKey(db: D1Database, input: { name: string; policy?: string; limits?: KeyLimits }): Promise<{ key: string; record: VirtualKey }> {
  const idPart = base32(random(10));
  const secret = base32(random(32));
  const salt = hex(random(16));
  const record: VirtualKey = { id: `vk_${idPart}`, name: input.name, policy: input.policy ?? null, limits: input.limits ?? {}, created_at: Date.now(), revoked_at: null };
  await db
    .prepare('INSERT INTO virtual_keys (id, name, policy, limits, salt, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(record.id, record.name, record.policy, JSON.stringify(record.limits), salt, hex(await secretHash(salt, secret)), record.created_at)
    .run();
  return { key: `sk-triage-${idPart}_${secret}`, record };
}

const COLUMNS = 'id, name, policy, limits, created_at, revoked_at';

export async function listKeys(db: D1Database, limit = 1000): Promise<VirtualKey[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM virtual_keys ORDER BY created_at DESC, id LIMIT ?`).bind(limit).all<Row>();
  return results.map(fromRow);
}

export async function getKey(db: D1Database, id: string): Promise<VirtualKey | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM virtual_keys WHERE id = ?`).bind(id).first<Row>();
  return row ? fromRow(row) : undefined;
}

/** Marks a key revoked; the next request with it fails (lookups read D1 every time, no cache). */
export async function revokeKey(db: D1Database, id: string): Promise<VirtualKey | undefined> {
  await db.prepare('UPDATE virtual_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').bind(Date.now(), id).run();
  return getKey(db, id);
}

/**
 * Resolves a bearer token to a virtual key. Not our format, unknown id, or a wrong secret → undefined
 * (the caller answers 401 "incorrect key"); a revoked key → 401 saying so (only the holder of the
 * full key learns that). One primary-key read per request and no cache, so a revocation is seen by
 * the very next request.
 */
export async function lookupKey(db: D1Database, token: string): Promise<KeyInfo | undefined> {
  const m = KEY.exec(token);
  if (!m) return undefined;
  const row = await db.prepare('SELECT * FROM virtual_keys WHERE id = ?').bind(`vk_${m[1]}`).first<Row>();
  if (!row) return undefined;
  if (!digestsEqual(await secretHash(row.salt, m[2]!), fromHex(row.hash))) return undefined;
  if (row.revoked_at !== null) throw unauthorized('This API key has been revoked.');
  const key = fromRow(row);
  return { id: key.id, name: key.name, policy: key.policy ?? undefined, limits: key.limits };
}
