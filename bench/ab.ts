/**
 * A/B of the gateway's CPU per request: the working tree against a git revision (default HEAD),
 * each bundled as a deploy would and served as production runs it (npm run serve), interleaved
 * round by round on one upstream. Made for checking that a hot-path change helps: this machine's
 * noise is ±10% per round, so compare medians of several rounds, and trust the V8 profile
 * (bench/lib/profile-worker.ts) only as a guide — it over-attributes calls into the runtime.
 *
 *   npx tsx bench/ab.ts [--base HEAD] [--rounds 6] [--policy default] [--var TRACES:off]... [--tokens 32000]
 *
 * The base revision is exported with `git archive` into a temporary folder (node_modules linked),
 * so uncommitted changes of other people in this checkout are in B only if they are in the tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, serve } from '../cli/serve';
import { promptOfTokens } from './classifier';
import { ordinaryPrompt } from './gateway';
import { distinct, load, median, percentile } from './lib/load';
import { descendants, freePort, runMain, startScript, usageOf } from './lib/processes';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'HEAD' },
    rounds: { type: 'string', default: '6' },
    policy: { type: 'string', default: 'default' },
    c8: { type: 'string', default: '800' },
    c1: { type: 'string', default: '300' },
    var: { type: 'string', multiple: true },
    /** The prompt's length; default: the ~1k-token ordinary prompt of the gateway section. */
    tokens: { type: 'string' },
    /** Send one text over and over instead of a new one per request (what kept results save). */
    same: { type: 'boolean', default: false },
  },
});

function bundleRevision(rev: string, outdir: string) {
  const tree = mkdtempSync(join(tmpdir(), 'triage-ab-'));
  try {
    execFileSync('sh', ['-c', `git archive "${rev}" | tar -x -C "${tree}"`], { stdio: ['ignore', 'ignore', 'inherit'] });
    symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
    execFileSync(process.execPath, [resolve('node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir, '--config', 'wrangler.toml'], { cwd: tree, stdio: 'ignore' });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

const workerds = () => new Set(descendants().filter((p) => p.name === 'workerd').map((p) => p.pid));

async function main() {
  const builds = { [`A (${values.base})`]: resolve('.wrangler/ab-base'), 'B (working tree)': resolve('.wrangler/ab-tree') };
  bundleRevision(values.base!, builds[`A (${values.base})`]!);
  bundle('wrangler.toml', builds['B (working tree)'], true);

  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const vars: Record<string, string> = { OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`, OPENAI_API_KEY: 'sk-bench', GATEWAY_API_KEYS: 'bench=sk-gw-bench', TRIAGE_ENV: 'production', POLICY: values.policy! };
  for (const kv of values.var ?? []) vars[kv.slice(0, kv.indexOf(':'))] = kv.slice(kv.indexOf(':') + 1);
  const served: Array<{ name: string; url: string; pid: number; dispose: () => Promise<void> }> = [];
  try {
    for (const [name, outdir] of Object.entries(builds)) {
      const before = workerds();
      const { mf, url } = await serve({ outdir, build: false, persist: false, port: await freePort(), vars, quiet: true });
      served.push({ name, url: new URL('/v1/chat/completions', url).href, pid: [...workerds()].find((p) => !before.has(p))!, dispose: () => mf.dispose() });
    }
    const json = JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: values.tokens ? promptOfTokens(Number(values.tokens)) : ordinaryPrompt() }], max_tokens: 64 });
    const body = values.same ? json : distinct(json);
    const headers = { authorization: 'Bearer sk-gw-bench' };
    const acc = new Map(served.map((s) => [s.name, { cpu: [] as number[], rps: [] as number[], p50: [] as number[], p99: [] as number[], p99c8: [] as number[], errors: 0 }]));
    for (const s of served) await load({ url: s.url, body, headers, connections: 4, requests: 300 });
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const s of served) {
        const a = acc.get(s.name)!;
        const cpu0 = usageOf(s.pid).cpuMs;
        const eight = await load({ url: s.url, body, headers, connections: 8, requests: Number(values.c8) });
        a.cpu.push((usageOf(s.pid).cpuMs - cpu0) / eight.latencies.length);
        a.rps.push((eight.latencies.length / eight.elapsedMs) * 1000);
        a.p99c8.push(percentile(eight.latencies, 99));
        const one = await load({ url: s.url, body, headers, connections: 1, requests: Number(values.c1) });
        a.p50.push(median(one.latencies));
        a.p99.push(percentile(one.latencies, 99));
        a.errors += eight.errors + one.errors;
      }
    }
    console.log(`policy ${values.policy}${values.tokens ? `, ${values.tokens}-token prompt` : ''}${values.same ? ', one text repeated' : ', a new text per request'}${values.var?.length ? `, ${values.var.join(' ')}` : ''}; medians of ${values.rounds} interleaved rounds`);
    for (const [name, a] of acc) {
      console.log(
        `${name.padEnd(24)} workerd CPU ${median(a.cpu).toFixed(3)} ms/request (rounds: ${a.cpu.map((c) => c.toFixed(2)).join(' ')})  ` +
          `c8 ${median(a.rps).toFixed(0)} rps, p99 ${median(a.p99c8).toFixed(1)} ms  c1 p50 ${median(a.p50).toFixed(2)} ms  p99 ${median(a.p99).toFixed(2)} ms  errors ${a.errors}`,
      );
    }
  } finally {
    for (const s of served) await s.dispose();
    up.child.kill();
  }
}

runMain(main);
