/**
 * The gateway served as production runs it (cli/serve.ts: bundled, workerd via Miniflare, in-memory
 * D1) on 127.0.0.1, in front of the scripted local upstream — for node tests that need a real HTTP
 * gateway (a browser, an OTLP collector).
 */
import { resolve } from 'node:path';
import { serve } from '../../cli/serve';
import { startUpstream } from './upstream-server';

export interface ServedGateway {
  url: string;
  upstream: string;
  stop(): Promise<void>;
}

export async function startGateway(name: string, vars: Record<string, string> = {}): Promise<ServedGateway> {
  const up = await startUpstream(0);
  const { mf, url } = await serve({
    ip: '127.0.0.1',
    port: 0,
    persist: false,
    outdir: resolve(`.wrangler/test-${name}`),
    quiet: true,
    vars: {
      OPENAI_BASE_URL: `${up.url}/v1`,
      OPENAI_API_KEY: 'sk-upstream-secret',
      TEST_UPSTREAM: up.url,
      GATEWAY_API_KEYS: 'test=sk-gw-test',
      POLICY: 'default',
      ...vars,
    },
  });
  return {
    url: url.origin,
    upstream: up.url,
    async stop() {
      await mf.dispose();
      up.server.closeAllConnections();
      await new Promise((r) => up.server.close(r));
    },
  };
}

/** POST /v1/chat/completions; resolves once the whole answer (streams included) has arrived. */
export async function chat(gateway: string, body: Record<string, unknown>, key = 'sk-gw-test'): Promise<{ status: number; id: string | null; text: string }> {
  const res = await fetch(`${gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, id: res.headers.get('x-request-id'), text: await res.text() };
}
