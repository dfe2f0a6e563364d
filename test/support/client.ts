import { exports } from 'cloudflare:workers';
import OpenAI from 'openai';
import { inject } from 'vitest';

export const GATEWAY = 'http://gateway.test';

/** Calls the Worker in-process, as a client would over HTTP. */
export const gatewayFetch = (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));

/** The official openai client, pointed at the gateway (the only change a user makes: baseURL). */
export function client(apiKey = 'sk-gw-test', extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) {
  return new OpenAI({ apiKey, baseURL: `${GATEWAY}/v1`, fetch: gatewayFetch as typeof fetch, maxRetries: 0, ...extra });
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return gatewayFetch(`${GATEWAY}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-gw-test', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A unique marker to find this test's requests in the upstream's log. */
export const marker = (label = 'm') => `${label}-${crypto.randomUUID().slice(0, 8)}`;

export interface Received {
  method: string;
  path: string;
  scenario: string | null;
  headers: Record<string, string>;
  body: any;
  raw: string;
}

/** What the upstream received for requests containing the marker. */
export async function upstreamReceived(m: string): Promise<Received[]> {
  const res = await fetch(`${inject('upstreamUrl')}/__log?contains=${encodeURIComponent(m)}`);
  return ((await res.json()) as { data: Received[] }).data;
}
