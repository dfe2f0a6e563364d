/**
 * Gateway overhead, by the rules in DESIGN.md: everything compared runs in one process tree,
 * interleaved round by round (A B C A B C …), reporting medians over rounds. The floor is a
 * no-logic passthrough Worker served the same way as Triage (bundled, workerd via Miniflare).
 */
import { resolve } from 'node:path';
import type { Miniflare } from 'miniflare';
import { bundle, serve } from '../cli/serve';
import { load, median, percentile } from './lib/load';
import { freePort, startScript } from './lib/processes';

export interface Contender {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

export interface Figures {
  p50: number;
  p99: number;
  rps: number;
  ttft_p50?: number;
  errors: number;
}

export interface GatewayReport {
  prompt_tokens_approx: number;
  rounds: number;
  contenders: Record<string, { c1: Figures; c8: Figures; stream_c1: Figures }>;
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

/** Upstream, floor and Triage under the given policies, all on loopback. */
export async function startFleet(policies: Record<string, string>, extra: Contender[] = []): Promise<Fleet & { upstream: string }> {
  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const upstream = `http://127.0.0.1:${up.port}/v1`;
  const vars = { OPENAI_BASE_URL: upstream, OPENAI_API_KEY: 'sk-bench', GATEWAY_API_KEYS: 'bench=sk-gw-bench', TRIAGE_ENV: 'production' };
  const instances: Miniflare[] = [];
  const contenders: Contender[] = [{ name: 'direct', url: `${upstream}/chat/completions` }];

  const floorOut = resolve('.wrangler/bench-floor');
  bundle('bench/floor/wrangler.toml', floorOut, true);
  const floor = await serve({ config: 'bench/floor/wrangler.toml', outdir: floorOut, build: false, persist: false, port: await freePort(), vars, quiet: true });
  instances.push(floor.mf);
  contenders.push({ name: 'floor', url: new URL('/v1/chat/completions', floor.url).href });

  const triageOut = resolve('.wrangler/bench-triage');
  bundle('wrangler.toml', triageOut, true);
  for (const [name, policy] of Object.entries(policies)) {
    const t = await serve({ outdir: triageOut, build: false, persist: false, port: await freePort(), vars: { ...vars, POLICY: policy }, quiet: true });
    instances.push(t.mf);
    contenders.push({ name, url: new URL('/v1/chat/completions', t.url).href, headers: { authorization: 'Bearer sk-gw-bench' } });
  }
  contenders.push(...extra);
  return {
    upstream,
    contenders,
    async stop() {
      await Promise.all(instances.map((m) => m.dispose()));
      up.child.kill();
    },
  };
}

const figures = (latencies: number[][], rps: number[], errors: number, ttft?: number[][]): Figures => ({
  p50: median(latencies.map((l) => median(l))),
  p99: median(latencies.map((l) => percentile(l, 99))),
  rps: median(rps),
  errors,
  ...(ttft ? { ttft_p50: median(ttft.map((t) => median(t))) } : {}),
});

export async function runGatewayBench(contenders: Contender[], opts: { rounds: number; c1: number; c8: number; stream: number; log?: (s: string) => void }): Promise<GatewayReport> {
  const prompt = ordinaryPrompt();
  const body = JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], max_tokens: 64 });
  const streamBody = JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], max_tokens: 64, stream: true });
  type Acc = { l1: number[][]; r1: number[]; l8: number[][]; r8: number[]; ls: number[][]; ts: number[][]; rs: number[]; e1: number; e8: number; es: number };
  const acc = new Map<string, Acc>(contenders.map((c) => [c.name, { l1: [], r1: [], l8: [], r8: [], ls: [], ts: [], rs: [], e1: 0, e8: 0, es: 0 }]));

  for (const c of contenders) {
    await load({ url: c.url, body, headers: c.headers, connections: 4, requests: 60 }); // warm-up
  }
  for (let round = 0; round < opts.rounds; round++) {
    opts.log?.(`  round ${round + 1}/${opts.rounds}`);
    for (const c of contenders) {
      const a = acc.get(c.name)!;
      const one = await load({ url: c.url, body, headers: c.headers, connections: 1, requests: opts.c1 });
      a.l1.push(one.latencies);
      a.r1.push((one.latencies.length / one.elapsedMs) * 1000);
      a.e1 += one.errors;
      const eight = await load({ url: c.url, body, headers: c.headers, connections: 8, requests: opts.c8 });
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
    report.contenders[name] = { c1: figures(a.l1, a.r1, a.e1), c8: figures(a.l8, a.r8, a.e8), stream_c1: figures(a.ls, a.rs, a.es, a.ts) };
  }
  return report;
}
