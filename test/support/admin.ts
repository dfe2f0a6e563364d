import { GATEWAY, gatewayFetch } from './client';

export const ADMIN = { authorization: 'Bearer admin-test-token' };

export async function admin(path: string, init: RequestInit = {}) {
  return gatewayFetch(`${GATEWAY}${path}`, { ...init, headers: { ...ADMIN, ...(init.headers as Record<string, string>) } });
}

/** Traces are written after the response (waitUntil): poll until those ids are there. */
export async function tracesFor(ids: string[], timeoutMs = 5_000): Promise<Record<string, any>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin('/admin/traces?limit=1000');
    const { data } = (await res.json()) as { data: Record<string, any>[] };
    const found = data.filter((t) => ids.includes(t.id));
    if (found.length >= ids.length || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
