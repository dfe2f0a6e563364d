/**
 * Dashboard sessions: after a login with the admin token, the browser holds a cookie
 * `v1.<expiry>.<signature>` — an HMAC-SHA-256 (RFC 2104) over the version and expiry, keyed by a
 * digest of ADMIN_TOKEN. The cookie never contains the token; it expires on its own; rotating
 * ADMIN_TOKEN invalidates every session. `Secure; HttpOnly; SameSite=Strict` keeps it out of
 * scripts and cross-site requests (RFC 6265bis).
 */
export const SESSION_COOKIE = 'triage_session';
export const SESSION_TTL_S = 12 * 3600;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(adminToken: string): Promise<CryptoKey> {
  let key = keys.get(adminToken);
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', encoder.encode(`triage-dashboard-session\0${adminToken}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
    keys.set(adminToken, key);
  }
  return key;
}

const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromB64url(text: string): Uint8Array | undefined {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export async function createSession(adminToken: string, now = Date.now()): Promise<string> {
  const payload = `v1.${Math.floor(now / 1000) + SESSION_TTL_S}`;
  const sig = await crypto.subtle.sign('HMAC', await keyFor(adminToken), encoder.encode(payload));
  return `${payload}.${b64url(sig)}`;
}

/** True for an unexpired session signed with this admin token; verification is constant-time. */
export async function verifySession(value: string | undefined, adminToken: string, now = Date.now()): Promise<boolean> {
  const m = /^(v1\.(\d{1,12}))\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m || Number(m[2]) * 1000 <= now) return false;
  const sig = fromB64url(m[3]!);
  return sig ? crypto.subtle.verify('HMAC', await keyFor(adminToken), sig, encoder.encode(m[1]!)) : false;
}

export function sessionCookie(value: string, maxAge = SESSION_TTL_S): string {
  return `${SESSION_COOKIE}=${value}; Path=/dashboard; Max-Age=${maxAge}; Secure; HttpOnly; SameSite=Strict`;
}
