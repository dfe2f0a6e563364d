/**
 * npm run bench -- --only shadow
 *
 * What shadow comparisons (policy `flywheel.shadow`) cost the client: the `flywheel` policy served
 * twice from one bundle (bundled, workerd via Miniflare, as production runs it), with
 * SHADOW_SAMPLE_RATE=1 (every small-tier request also goes to the large tier and a judge, in
 * waitUntil) and SHADOW_SAMPLE_RATE=0, measured interleaved (DESIGN.md "Benchmark rules"). The
 * shadow work runs after the response, so the 1-connection latency should not move; at 8
 * connections the machine is saturated and the extra upstream calls show up as lost throughput.
 *
 * `tsx bench/shadow.ts --upstream --port N` is this benchmark's upstream (its own process): an
 * OpenAI-protocol server that also answers the judge's questions.
 */
import { Agent, createServer, request } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Miniflare } from 'miniflare';
import { pullAll } from '../cli/flywheel/bundle';
import { bundle, serve } from '../cli/serve';
import { load, median, percentile } from './lib/load';
import { freePort, startScript } from './lib/processes';

export interface ShadowFigures {
  /** One request at a time, each PACE_MS after the previous answer: the previous comparison is over. */
  paced_p50: number;
  paced_p99: number;
  /** One connection, back to back: each request overlaps the previous one's comparison. */
  c1_p50: number;
  c1_p99: number;
  c8_p50: number;
  c8_rps: number;
  errors: number;
}

export interface ShadowReport {
  rounds: number;
  requests: { c1: number; c8: number };
  tier: string;
  contenders: Record<'shadow off' | 'shadow 100%', ShadowFigures>;
  /** 100% minus off, medians over rounds (ms). */
  added_paced_p50_ms: number;
  added_paced_p99_ms: number;
  added_c1_p50_ms: number;
  added_c1_p99_ms: number;
  c8_rps_ratio: number;
  /** Requests answered by the 100% instance, and routing rows it stored. */
  sampled_requests: number;
  comparisons_stored: number;
}

const ADMIN = 'bench-admin-token';
/** Longer than a comparison takes here (two local upstream calls and a batched D1 write). */
const PACE_MS = 150;
export const PROMPT = 'Summarise the plot of Hamlet in two sentences.';

function upstreamServer(port: number) {
  const answer = (model: string, content: string) =>
    JSON.stringify({
      id: 'chatcmpl-shadow-bench',
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1000, completion_tokens: 20, total_tokens: 1020 },
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body: any = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        // GET /models
      }
      const judge = body?.response_format?.json_schema?.name === 'triage_grade';
      const out = answer(String(body?.model ?? 'bench-model'), judge ? '{"reason":"both answers are fine","winner":"tie"}' : 'The team moved the launch to spring and is fixing invoices, exports and search.');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`ready ${typeof addr === 'object' && addr ? addr.port : ''}\n`);
  });
}

/**
 * Requests one at a time with a pause before each, alternating between the contenders (A B A B …)
 * so both see the same background load from the rest of the machine; performance.now() timing.
 */
async function paced(urls: string[], body: string, headers: Record<string, string>, n: number): Promise<Array<{ latencies: number[]; errors: number }>> {
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const out = urls.map(() => ({ latencies: [] as number[], errors: 0 }));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < urls.length; k++) {
      await new Promise((r) => setTimeout(r, PACE_MS));
      const t0 = performance.now();
      const status = await new Promise<number>((done) => {
        const req = request(urls[k]!, { method: 'POST', agent: agents[k], headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
        });
        req.on('error', () => done(0));
        req.end(body);
      });
      out[k]!.latencies.push(performance.now() - t0);
      if (status !== 200) out[k]!.errors++;
    }
  }
  for (const a of agents) a.destroy();
  return out;
}

export async function runShadowBench(opts: { rounds: number; paced: number; c1: number; c8: number; log?: (s: string) => void }): Promise<ShadowReport> {
  const up = await startScript('bench/shadow.ts', ['--upstream', '--port', '0']);
  const instances: Miniflare[] = [];
  try {
    const out = resolve('.wrangler/bench-shadow');
    bundle('wrangler.toml', out, true);
    const vars = {
      OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`,
      OPENAI_API_KEY: 'sk-bench',
      GATEWAY_API_KEYS: 'bench=sk-gw-bench',
      ADMIN_TOKEN: ADMIN,
      TRIAGE_ENV: 'production',
      POLICY: 'flywheel',
    };
    const urls: Record<string, string> = {};
    for (const [name, rate] of [['shadow off', '0'], ['shadow 100%', '1']] as const) {
      const t = await serve({ outdir: out, build: false, persist: false, port: await freePort(), vars: { ...vars, SHADOW_SAMPLE_RATE: rate }, quiet: true });
      instances.push(t.mf);
      urls[name] = t.url.origin;
    }
    const headers = { authorization: 'Bearer sk-gw-bench' };
    // A short everyday question: the router sends it to the small tier, the one that is sampled
    // (it sends the 1k-token summarising prompt of the gateway section to the large tier).
    const body = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: PROMPT }], max_tokens: 64 });
    const probe = await fetch(`${urls['shadow 100%']}/v1/chat/completions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const tier = /tier=([^;]+)/.exec(probe.headers.get('x-triage-route') ?? '')?.[1] ?? 'unknown';
    await probe.text();
    if (tier !== 'small') opts.log?.(`  warning: the router sends the benchmark prompt to tier ${tier}: nothing is sampled`);

    const names = Object.keys(urls) as Array<keyof ShadowReport['contenders']>;
    const acc = Object.fromEntries(names.map((n) => [n, { pp50: [] as number[], pp99: [] as number[], p50: [] as number[], p99: [] as number[], c8p50: [] as number[], rps: [] as number[], errors: 0 }]));
    let sampled = 1;
    for (const n of names) await load({ url: `${urls[n]}/v1/chat/completions`, body, headers, connections: 2, requests: 30 });
    sampled += 30;
    for (let round = 0; round < opts.rounds; round++) {
      opts.log?.(`  round ${round + 1}/${opts.rounds}`);
      const slow = await paced(names.map((n) => `${urls[n]}/v1/chat/completions`), body, headers, opts.paced);
      for (const [k, n] of names.entries()) {
        const url = `${urls[n]}/v1/chat/completions`;
        const one = await load({ url, body, headers, connections: 1, requests: opts.c1 });
        const eight = await load({ url, body, headers, connections: 8, requests: opts.c8 });
        const a = acc[n]!;
        a.pp50.push(median(slow[k]!.latencies));
        a.pp99.push(percentile(slow[k]!.latencies, 99));
        a.p50.push(median(one.latencies));
        a.p99.push(percentile(one.latencies, 99));
        a.c8p50.push(median(eight.latencies));
        a.rps.push((eight.latencies.length / eight.elapsedMs) * 1000);
        a.errors += slow[k]!.errors + one.errors + eight.errors;
      }
      sampled += opts.paced + opts.c1 + opts.c8;
    }
    const contenders = Object.fromEntries(
      names.map((n) => {
        const a = acc[n]!;
        return [n, { paced_p50: median(a.pp50), paced_p99: median(a.pp99), c1_p50: median(a.p50), c1_p99: median(a.p99), c8_p50: median(a.c8p50), c8_rps: median(a.rps), errors: a.errors }];
      }),
    ) as ShadowReport['contenders'];

    // The comparisons finish after their responses: wait until the count stops growing.
    let stored = -1;
    for (let i = 0; i < 60; i++) {
      const rows = await pullAll<{ id: string; created_at: string }>('/admin/routing-labels', { url: urls['shadow 100%']!, adminToken: ADMIN });
      if (rows.length === stored) break;
      stored = rows.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    const off = contenders['shadow off'];
    const on = contenders['shadow 100%'];
    return {
      rounds: opts.rounds,
      requests: { c1: opts.c1, c8: opts.c8 },
      tier,
      contenders,
      added_paced_p50_ms: on.paced_p50 - off.paced_p50,
      added_paced_p99_ms: on.paced_p99 - off.paced_p99,
      added_c1_p50_ms: on.c1_p50 - off.c1_p50,
      added_c1_p99_ms: on.c1_p99 - off.c1_p99,
      c8_rps_ratio: on.c8_rps / off.c8_rps,
      sampled_requests: sampled,
      comparisons_stored: stored,
    };
  } finally {
    await Promise.all(instances.map((m) => m.dispose()));
    up.child.kill();
  }
}

export function printShadow(r: ShadowReport) {
  const f = (n: number) => n.toFixed(2);
  const d = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
  console.log(`\nShadow comparisons (policy flywheel, "${PROMPT}" → tier ${r.tier}), medians of ${r.rounds} interleaved rounds (ms)`);
  console.log('contender'.padEnd(14) + `paced p50 paced p99 | c1 p50  c1 p99 | c8 p50   c8 rps | errors`);
  for (const [name, c] of Object.entries(r.contenders)) {
    console.log(`${name.padEnd(14)}${f(c.paced_p50).padStart(9)} ${f(c.paced_p99).padStart(9)} | ${f(c.c1_p50).padStart(6)}  ${f(c.c1_p99).padStart(6)} | ${f(c.c8_p50).padStart(6)}  ${c.c8_rps.toFixed(0).padStart(7)} | ${c.errors}`);
  }
  console.log(
    `client latency with every request compared, one request at a time (${PACE_MS} ms apart, alternating with the other instance): ${d(r.added_paced_p50_ms)} ms p50, ${d(r.added_paced_p99_ms)} ms p99. ` +
      `Back to back, each request shares the CPU with the previous one's comparison: ${d(r.added_c1_p50_ms)} ms p50; ` +
      `at 8 connections (CPU saturated, 3 upstream calls per request instead of 1) ${(100 * r.c8_rps_ratio).toFixed(0)}% of the throughput. ` +
      `${r.comparisons_stored} of ${r.sampled_requests} requests compared and stored.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { upstream: { type: 'boolean' }, port: { type: 'string' }, rounds: { type: 'string' } }, strict: false });
  if (values.upstream) upstreamServer(Number(values.port ?? 0));
  else {
    runShadowBench({ rounds: Number(values.rounds ?? 3), paced: 40, c1: 100, c8: 300, log: (s) => process.stderr.write(`${s}\n`) }).then(
      (r) => (printShadow(r), process.exit(0)),
      (err) => (console.error(err), process.exit(1)),
    );
  }
}
