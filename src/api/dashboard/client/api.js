// @ts-check
/**
 * The page's data, through /dashboard/api/* (the server forwards to /admin/* with the admin token;
 * the browser only holds its session cookie).
 * @param {string} path  e.g. "/metrics?window=1h"
 * @param {RequestInit} [init]
 */
export async function api(path, init = {}) {
  const res = await fetch(`/dashboard/api${path}`, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  if (res.status === 401) {
    location.reload();
    throw new Error('signed out');
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}
