import { createHash } from 'node:crypto';
import { unauthorized } from '../openai/errors';
import { boundedMemo } from '../util/bounded-memo';
import type { GatewayEnv } from '../config/env';
import type { KeyInfo } from '../pipeline/state';

/**
 * Client keys. `GATEWAY_API_KEYS` holds comma-separated entries, each `secret` or `name=secret`.
 * Keys are compared as SHA-256 digests with a constant-time comparison against every configured
 * key (no early exit), so neither content nor position leaks through timing. The client's key
 * is never forwarded upstream: providers send their own.
 */
interface EnvKey {
  name: string;
  digest: Uint8Array;
}

const encoder = new TextEncoder();
export const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
/**
 * The same digest, synchronously (node:crypto, nodejs_compat): on every request's path an awaited
 * WebCrypto digest cost a round through the runtime's event loop, several times the hash itself.
 */
const sha256Now = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

/**
 * Digests of the tokens presented lately (up to 1,024 tokens of at most 256 characters). Hashing
 * through node:crypto in workerd costs more than the rest of authentication, and a gateway sees
 * the same few keys again and again. Matching still compares digests in constant time.
 */
const digestOf = boundedMemo(1024, sha256Now, (token) => token.length <= 256);

const parsed = new Map<string, Promise<EnvKey[]>>();

function envKeys(list: string | undefined): Promise<EnvKey[]> {
  const source = list ?? '';
  let keys = parsed.get(source);
  if (!keys) {
    const entries = source.split(',').map((s) => s.trim()).filter(Boolean);
    keys = Promise.all(
      entries.map(async (entry, i) => {
        const eq = entry.indexOf('=');
        const name = eq > 0 ? entry.slice(0, eq).trim() : `key${i + 1}`;
        return { name, digest: await sha256(eq > 0 ? entry.slice(eq + 1).trim() : entry) };
      }),
    );
    parsed.set(source, keys);
  }
  return keys;
}

/** Names of the GATEWAY_API_KEYS entries (never their secrets), for the admin keys list. */
export async function envKeyNames(list: string | undefined): Promise<string[]> {
  return (await envKeys(list)).map((k) => k.name);
}

export function bearerToken(header: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** Constant-time equality of two equal-length digests. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: BufferSource, b: BufferSource) => boolean };
  if (subtle.timingSafeEqual) return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Virtual keys (admin API, `keys.ts`): the token carries its key id, so a lookup is one row read. */
export type VirtualKeyLookup = (token: string) => Promise<KeyInfo | undefined>;

let warnedAnonymous = false;

export async function authenticate(header: string | null, env: GatewayEnv, lookupVirtual?: VirtualKeyLookup): Promise<KeyInfo> {
  const token = bearerToken(header);
  const keys = await envKeys(env.GATEWAY_API_KEYS);
  if (token) {
    const digest = digestOf(token);
    let match: EnvKey | undefined;
    for (const key of keys) if (digestsEqual(key.digest, digest)) match = key;
    if (match) return { id: `env:${match.name}`, name: match.name };
    const virtual = await lookupVirtual?.(token);
    if (virtual) return virtual;
  }
  // Local development with no keys configured: anyone on this machine may call (the openai SDK
  // insists on some key, so an unknown one is accepted too). Never in a deployed Worker.
  if (keys.length === 0 && env.TRIAGE_ENV === 'development') return anonymous();
  if (!token) {
    throw unauthorized(
      header
        ? 'The Authorization header must be "Bearer <gateway key>".'
        : 'You didn\'t provide an API key. Send your gateway key as "Authorization: Bearer <key>".',
    );
  }
  throw unauthorized(
    keys.length === 0
      ? 'This gateway has no client keys configured (GATEWAY_API_KEYS), and this is not one of its virtual keys.'
      : 'Incorrect API key provided. Use a key issued by this gateway (not your provider\'s key).',
  );
}

function anonymous(): KeyInfo {
  if (!warnedAnonymous) {
    warnedAnonymous = true;
    console.warn('[triage] no GATEWAY_API_KEYS configured: accepting anonymous requests because this is local development');
  }
  return { id: 'anonymous', name: 'anonymous', anonymous: true };
}
