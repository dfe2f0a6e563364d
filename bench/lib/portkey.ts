/**
 * The Portkey OSS gateway as a contender: installed in its own folder (bench/portkey, its own
 * package.json and lockfile, so its pinned hono never meets ours), run headless on node as its
 * README runs it, pointed at the same upstream through its own headers. No guardrails, no config:
 * the least it can do per request.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startScript } from './processes';

const DIR = resolve('bench/portkey');

/** `npm ci` in bench/portkey the first time (the registry is the only network the bench uses). */
export function ensurePortkey(log: (s: string) => void = () => {}): boolean {
  if (existsSync(resolve(DIR, 'node_modules/@portkey-ai/gateway/build/start-server.js'))) return true;
  log('installing the Portkey gateway in bench/portkey (npm ci)…');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: DIR, stdio: 'ignore' });
    return true;
  } catch (err) {
    log(`Portkey not installed (${(err as Error).message.split('\n')[0]}): it is left out of the report`);
    return false;
  }
}

export async function startPortkey(upstream: string) {
  const { child, port } = await startScript('bench/portkey/start.mjs', ['--port', '0']);
  return {
    child,
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    // The custom-host header is how Portkey reaches a self-hosted upstream (and is why it is an
    // SSRF door when exposed: SECURITY.md). Same provider key as every other contender.
    headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstream, authorization: 'Bearer sk-bench' },
  };
}
