import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, OUT } from '../../src/api/dashboard/build';
import { createSession, SESSION_TTL_S, sessionCookie, verifySession } from '../../src/api/dashboard/session';

describe('dashboard assets', () => {
  it('assets.gen.ts is what `npm run build:dashboard` makes of the client sources', async () => {
    const fresh = await generate();
    const committed = readFileSync(OUT, 'utf8');
    expect(committed === fresh, 'src/api/dashboard/assets.gen.ts is stale: run `npm run build:dashboard`').toBe(true);
    // Everything is bundled: no script, style or font from anywhere else.
    expect(fresh).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)\./);
  });

  it('the browser code type-checks against the DOM', () => {
    const tsc = resolve('node_modules/typescript/bin/tsc');
    const out = (() => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', 'src/api/dashboard/client/jsconfig.json'], { encoding: 'utf8' });
      } catch (err) {
        return String((err as { stdout?: string }).stdout ?? err);
      }
    })();
    expect(out).toBe('');
  }, 60_000);
});

describe('dashboard sessions', () => {
  const token = 'admin-token-for-sessions';

  it('a session is signed, expires, and is bound to the admin token', async () => {
    const now = Date.UTC(2026, 0, 1);
    const s = await createSession(token, now);
    expect(s).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(s).not.toContain(token);
    expect(await verifySession(s, token, now + 1000)).toBe(true);
    expect(await verifySession(s, token, now + SESSION_TTL_S * 1000 + 1)).toBe(false);
    expect(await verifySession(s, 'rotated-admin-token', now + 1000)).toBe(false);
  });

  it('a tampered or malformed session is refused', async () => {
    const now = Date.UTC(2026, 0, 1);
    const s = await createSession(token, now);
    const [v, exp, sig] = s.split('.');
    expect(await verifySession(`${v}.${Number(exp) + 86400}.${sig}`, token, now)).toBe(false);
    expect(await verifySession(`${v}.${exp}.${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`, token, now)).toBe(false);
    for (const bad of [undefined, '', 'v1', `v2.${exp}.${sig}`, token]) expect(await verifySession(bad, token, now)).toBe(false);
  });

  it('the cookie is Secure, HttpOnly, SameSite=Strict and scoped to the dashboard', () => {
    expect(sessionCookie('v')).toBe(`triage_session=v; Path=/dashboard; Max-Age=${SESSION_TTL_S}; Secure; HttpOnly; SameSite=Strict`);
  });
});
