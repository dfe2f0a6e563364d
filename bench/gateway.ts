/**
 * Gateway overhead, by the rules in DESIGN.md: everything compared runs in one process tree,
 * interleaved round by round (A B C A B C …), reporting medians over rounds. The floor is a
 * no-logic passthrough Worker served the same way as Triage (bundled, workerd via Miniflare).
 */
import { resolve } from 'node:path';
import type { Miniflare } from 'miniflare';
import { bundle, serve } from '../cli/serve';
import { distinct, load, median, percentile } from './lib/load';
import { ensurePortkey, startPortkey } from './lib/portkey';
import { descendants, freePort, startScript, usageOf } from './lib/processes';

export interface Contender {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** The process serving it (workerd for Workers, node for the upstream and Portkey): CPU and memory. */
  pid?: number;
}

export interface Figures {
  p50: number;
  p99: number;
  rps: number;
  ttft_p50?: number;
  errors: number;
  /** CPU time the serving process spent per request (user + system, /proc), median over rounds. */
  cpu_ms_per_request?: number;
}

export interface GatewayReport {
  prompt_tokens_approx: number;
  rounds: number;
  contenders: Record<string, { c1: Figures; c8: Figures; stream_c1: Figures; rss_bytes?: { start: number; end: number } }>;
}

/** ~1k tokens of ordinary prose (deterministic), the prompt the targets are stated for. */
export function ordinaryPrompt(tokens = 1000): string {
  const words = 'the team reviewed the quarterly plan and agreed to move the launch to spring so that support staff could finish training on the new billing system while engineering fixed the remaining issues with invoices exports and search'.split(' ');
  const out: string[] = [];
  let a = 7;
  while (out.join(' ').length < tokens * 4) {
    a = (a * 1103515245 + 12345) >>> 0;
    out.push(words[a % words.length]!);
    if (a % 13 === 0) out[out.length - 1] += '.';
  }
  return `Please summarise the following notes in three bullet points.\n\n${out.join(' ')}.`;
}

export interface Fleet {
  contenders: Contender[];
  stop(): Promise<void>;
}

/** Bundles once per run and config: every section serves the same build. */
const built = new Set<string>();
function bundleOnce(config: string, outdir: string) {
  if (built.has(outdir)) return;
  bundle(config, outdir, true);
  built.add(outdir);
}

/** The workerd a Miniflare instance just started: the one descendant that was not there before. */
function newWorkerd(before: Set<number>): number | undefined {
  return descendants().find((p) => p.name === 'workerd' && !before.has(p.pid))?.pid;
}
const workerds = () => new Set(descendants().filter((p) => p.name === 'workerd').map((p) => p.pid));

/** Upstream, floor, Triage under the given policies and (optionally) Portkey, all on loopback. */
export async function startFleet(
  /** Contender name → policy, or policy plus extra variables (e.g. `TRACES: 'off'` to see what tracing costs). */
  policies: Record<string, string | { policy: string; vars?: Record<string, string> }>,
  extra: Contender[] = [],
  opts: { portkey?: boolean; log?: (s: string) => void } = {},
): Promise<Fleet & { upstream: string }> {
  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const upstream = `http://127.0.0.1:${up.port}/v1`;
  const vars = { OPENAI_BASE_URL: upstream, OPENAI_API_KEY: 'sk-bench', GATEWAY_API_KEYS: 'bench=sk-gw-bench', TRIAGE_ENV: 'production' };
  const instances: Miniflare[] = [];
  const children = [up.child];
  // tsx runs the script in a child node process: that one serves.
  const upstreamPid = descendants(up.child.pid).find((p) => p.name === 'node')?.pid ?? up.child.pid;
  const contenders: Contender[] = [{ name: 'direct', url: `${upstream}/chat/completions`, pid: upstreamPid }];

  const floorOut = resolve('.wrangler/bench-floor');
  bundleOnce('bench/floor/wrangler.toml', floorOut);
  let before = workerds();
  const floor = await serve({ config: 'bench/floor/wrangler.toml', outdir: floorOut, build: false, persist: false, port: await freePort(), vars, quiet: true });
  instances.push(floor.mf);
  contenders.push({ name: 'floor', url: new URL('/v1/chat/completions', floor.url).href, pid: newWorkerd(before) });

  const triageOut = resolve('.wrangler/bench-triage');
  bundleOnce('wrangler.toml', triageOut);
  for (const [name, spec] of Object.entries(policies)) {
    const { policy, vars: extraVars } = typeof spec === 'string' ? { policy: spec, vars: {} } : spec;
    before = workerds();
    const t = await serve({ outdir: triageOut, build: false, persist: false, port: await freePort(), vars: { ...vars, ...extraVars, POLICY: policy }, quiet: true });
    instances.push(t.mf);
    contenders.push({ name, url: new URL('/v1/chat/completions', t.url).href, headers: { authorization: 'Bearer sk-gw-bench' }, pid: newWorkerd(before) });
  }
  if (opts.portkey && ensurePortkey(opts.log)) {
    const pk = await startPortkey(upstream);
    children.push(pk.child);
    contenders.push({ name: PORTKEY, url: pk.url, headers: pk.headers, pid: pk.child.pid });
  }
  contenders.push(...extra);
  return {
    upstream,
    contenders,
    async stop() {
      await Promise.all(instances.map((m) => m.dispose()));
      for (const c of children) c.kill();
    },
  };
}

export const PORTKEY = 'portkey (no guardrails)';

/** CPU ms the process spent while `work` ran, per request; undefined without a pid. */
async function cpuPer<T extends { latencies: number[] }>(pid: number | undefined, work: () => Promise<T>): Promise<[T, number | undefined]> {
  const before = pid ? usageOf(pid).cpuMs : 0;
  const r = await work();
  return [r, pid && r.latencies.length ? (usageOf(pid).cpuMs - before) / r.latencies.length : undefined];
}

const rss = (pid: number | undefined) => {
  try {
    return pid ? usageOf(pid).rssBytes : NaN;
  } catch {
    return NaN;
  }
};

const figures = (latencies: number[][], rps: number[], errors: number, ttft?: number[][], cpu?: number[]): Figures => ({
  p50: median(latencies.map((l) => median(l))),
  p99: median(latencies.map((l) => percentile(l, 99))),
  rps: median(rps),
  errors,
  ...(ttft ? { ttft_p50: median(ttft.map((t) => median(t))) } : {}),
  ...(cpu?.length ? { cpu_ms_per_request: median(cpu) } : {}),
});

export async function runGatewayBench(contenders: Contender[], opts: { rounds: number; c1: number; c8: number; stream: number; log?: (s: string) => void }): Promise<GatewayReport> {
  const prompt = ordinaryPrompt();
  // Each request its own text (`distinct`): what is timed is scoring, not the kept results of a repeated text.
  const body = distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], max_tokens: 64 }));
  const streamBody = distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], max_tokens: 64, stream: true }));
  type Acc = { l1: number[][]; r1: number[]; l8: number[][]; r8: number[]; ls: number[][]; ts: number[][]; rs: number[]; e1: number; e8: number; es: number; cpu1: number[]; cpu8: number[]; rss0: number };
  const acc = new Map<string, Acc>(contenders.map((c) => [c.name, { l1: [], r1: [], l8: [], r8: [], ls: [], ts: [], rs: [], e1: 0, e8: 0, es: 0, cpu1: [], cpu8: [], rss0: NaN }]));

  for (const c of contenders) {
    await load({ url: c.url, body, headers: c.headers, connections: 4, requests: 60 }); // warm-up
    acc.get(c.name)!.rss0 = rss(c.pid);
  }
  for (let round = 0; round < opts.rounds; round++) {
    opts.log?.(`  round ${round + 1}/${opts.rounds}`);
    for (const c of contenders) {
      const a = acc.get(c.name)!;
      const [one, cpu1] = await cpuPer(c.pid, () => load({ url: c.url, body, headers: c.headers, connections: 1, requests: opts.c1 }));
      if (cpu1 !== undefined) a.cpu1.push(cpu1);
      a.l1.push(one.latencies);
      a.r1.push((one.latencies.length / one.elapsedMs) * 1000);
      a.e1 += one.errors;
      const [eight, cpu8] = await cpuPer(c.pid, () => load({ url: c.url, body, headers: c.headers, connections: 8, requests: opts.c8 }));
      if (cpu8 !== undefined) a.cpu8.push(cpu8);
      a.l8.push(eight.latencies);
      a.r8.push((eight.latencies.length / eight.elapsedMs) * 1000);
      a.e8 += eight.errors;
      const s = await load({ url: c.url, body: streamBody, headers: c.headers, connections: 1, requests: opts.stream, stream: true });
      a.ls.push(s.latencies);
      a.ts.push(s.ttft);
      a.rs.push((s.latencies.length / s.elapsedMs) * 1000);
      a.es += s.errors;
    }
  }
  const report: GatewayReport = { prompt_tokens_approx: Math.round(prompt.length / 4), rounds: opts.rounds, contenders: {} };
  for (const [name, a] of acc) {
    const pid = contenders.find((c) => c.name === name)?.pid;
    report.contenders[name] = {
      c1: figures(a.l1, a.r1, a.e1, undefined, a.cpu1),
      c8: figures(a.l8, a.r8, a.e8, undefined, a.cpu8),
      stream_c1: figures(a.ls, a.rs, a.es, a.ts),
      rss_bytes: { start: a.rss0, end: rss(pid) },
    };
  }
  return report;
}
