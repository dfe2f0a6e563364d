import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Every child the bench started: killed when the bench exits, however it exits. */
const started = new Set<ChildProcess>();
let hooked = false;
function track(child: ChildProcess) {
  started.add(child);
  child.on('exit', () => started.delete(child));
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of started) c.kill();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => process.exit(130));
}

/**
 * Starts a script that prints `ready <port>` when listening; resolves with the port. TypeScript
 * runs through tsx; `.mjs`/`.js` (the Portkey contender) runs on plain node, as its users run it.
 */
export function startScript(script: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePort, reject) => {
    const plain = /\.m?js$/.test(script);
    const argv = plain ? [resolve(script), ...args] : [resolve('node_modules/tsx/dist/cli.mjs'), script, ...args];
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    track(child);
    let out = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (ready) return; // later output (banners, spinners) is drained, not kept
      out += d.toString();
      const m = /(?:^|\n)ready (\d+)/.exec(out);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolvePort({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${script} exited with ${code}`));
    });
  });
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Descendant process ids of `root` (Linux /proc), e.g. the workerd a Miniflare instance spawned. */
export function descendants(root = process.pid): Array<{ pid: number; name: string }> {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(d), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(d), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const out: Array<{ pid: number; name: string }> = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) out.push({ pid: child, name: names.get(child)! }), walk(child);
  };
  walk(root);
  return out;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) and resident memory (bytes) of a process, from /proc. */
export function usageOf(pid: number): { cpuMs: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs, rssBytes: rss ? Number(rss[1]) * 1024 : NaN };
}

/**
 * Runs a benchmark script's `main` and exits: 0 when it resolves, 1 (after printing the error)
 * when it throws. Explicit, because servers and agents left open would keep node alive.
 */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
