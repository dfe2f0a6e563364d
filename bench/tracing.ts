/**
 * The cost of tracing (issue 5), three ways:
 *
 * 1. Added latency. Two Triage instances from one bundle, served as production runs them (workerd
 *    via Miniflare, in-memory D1), passthrough policy, one with TRACES=off; called at 1 connection
 *    (and 8), interleaved round by round. Reported: client-side p50/p99 (performance.now), medians
 *    over rounds, and on − off. Afterwards the traced instance's metrics must count every request
 *    it answered (no trace lost under load).
 * 2. Metrics at scale. N traces (default 1,000,000) over the last 7 days, seeded into a local D1
 *    with the rollups the trace writer maintains, then GET /admin/metrics timed through the Worker
 *    for several windows — next to the naive alternative (a percentile straight from the traces
 *    table) to show what the rollups buy.
 * 3. The usage tokenizer (o200k_base): its share of the bundle and its one-off initialisation.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Miniflare } from 'miniflare';
import { bundle, serve } from '../cli/serve';
import { BINS } from '../src/telemetry/histogram';
import { aggregate, COUNTERS } from '../src/telemetry/rollup';
import { type Trace, traceRowValues } from '../src/telemetry/trace';
import { ordinaryPrompt } from './gateway';
import { distinct, load, median, percentile } from './lib/load';
import { freePort, startScript } from './lib/processes';

const ADMIN = 'bench-admin-token';
const COLUMNS =
  'id, created_at, key_id, policy, endpoint, stream, model_requested, model_used, provider, tier, decision, status, latency_total, latency_auth, latency_guard, latency_route, latency_upstream, latency_output_guard, ttft_ms, prompt_tokens, completion_tokens, cached_tokens, usage_source, cost_usd, saved_usd, router_score, finish_reason, guards, attempts, error, input, output, latency_overhead, cost_flags, cache';

export interface TracingReport {
  overhead: {
    rounds: number;
    requests_per_round: number;
    contenders: Record<string, { c1_p50: number; c1_p99: number; c8_p50: number; c8_rps: number; errors: number }>;
    added_p50_ms: number;
    added_p99_ms: number;
    added_c8_p50_ms: number;
    traced_requests: number;
    sent_requests: number;
  };
  metrics: {
    traces: number;
    seed_seconds: number;
    rollup_rows: Record<string, number>;
    query_ms: Record<string, number>;
    naive_p99_24h_ms: number;
    traces_list_ms: number;
  };
  tokenizer: { gzip_bytes: number; cold_init_ms: number; warm_count_1k_tokens_ms: number };
}

type Log = (s: string) => void;

async function overhead(opts: { rounds: number; requests: number; log?: Log }): Promise<TracingReport['overhead']> {
  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const outdir = resolve('.wrangler/bench-tracing');
  bundle('wrangler.toml', outdir, true);
  const vars = { OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`, OPENAI_API_KEY: 'sk-bench', GATEWAY_API_KEYS: 'bench=sk-gw-bench', ADMIN_TOKEN: ADMIN, POLICY: 'passthrough', TRIAGE_ENV: 'production' };
  const instances: Miniflare[] = [];
  try {
    const on = await serve({ outdir, build: false, persist: false, port: await freePort(), vars, quiet: true });
    const off = await serve({ outdir, build: false, persist: false, port: await freePort(), vars: { ...vars, TRACES: 'off' }, quiet: true });
    instances.push(on.mf, off.mf);
    const contenders: Array<[string, URL]> = [['tracing on', on.url], ['tracing off', off.url]];
    const body = distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: ordinaryPrompt() }], max_tokens: 64 }));
    const headers = { authorization: 'Bearer sk-gw-bench' };
    const acc = new Map(contenders.map(([name]) => [name, { p50: [] as number[], p99: [] as number[], c8p50: [] as number[], rps: [] as number[], errors: 0 }]));
    let sentToTraced = 0;
    for (const [name, url] of contenders) {
      const r = await load({ url: new URL('/v1/chat/completions', url).href, body, headers, connections: 4, requests: 100 }); // warm-up
      if (name === 'tracing on') sentToTraced += r.latencies.length;
    }
    for (let round = 0; round < opts.rounds; round++) {
      opts.log?.(`  tracing round ${round + 1}/${opts.rounds}`);
      for (const [name, url] of contenders) {
        const a = acc.get(name)!;
        const chat = new URL('/v1/chat/completions', url).href;
        const one = await load({ url: chat, body, headers, connections: 1, requests: opts.requests });
        a.p50.push(median(one.latencies));
        a.p99.push(percentile(one.latencies, 99));
        const eight = await load({ url: chat, body, headers, connections: 8, requests: opts.requests * 2 });
        a.c8p50.push(median(eight.latencies));
        a.rps.push((eight.latencies.length / eight.elapsedMs) * 1000);
        a.errors += one.errors + eight.errors;
        if (name === 'tracing on') sentToTraced += one.latencies.length + eight.latencies.length;
      }
    }
    // Every answered request must be counted: give the last batch time to land, then ask.
    await new Promise((r) => setTimeout(r, 1_000));
    const m = (await (await fetch(new URL('/admin/metrics?window=1h', on.url), { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { totals: { requests: number } };
    const contendersOut: TracingReport['overhead']['contenders'] = {};
    for (const [name, a] of acc) contendersOut[name] = { c1_p50: median(a.p50), c1_p99: median(a.p99), c8_p50: median(a.c8p50), c8_rps: median(a.rps), errors: a.errors };
    const c = contendersOut;
    return {
      rounds: opts.rounds,
      requests_per_round: opts.requests,
      contenders: contendersOut,
      added_p50_ms: c['tracing on']!.c1_p50 - c['tracing off']!.c1_p50,
      added_p99_ms: c['tracing on']!.c1_p99 - c['tracing off']!.c1_p99,
      added_c8_p50_ms: c['tracing on']!.c8_p50 - c['tracing off']!.c8_p50,
      traced_requests: m.totals.requests,
      sent_requests: sentToTraced,
    };
  } finally {
    await Promise.all(instances.map((i) => i.dispose()));
    up.child.kill();
  }
}

/** A deterministic stream of plausible traces, oldest first. */
function* syntheticTraces(n: number, from: number, to: number): Generator<Trace> {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lognormal = (median: number, spread: number) => median * Math.exp(spread * Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand()));
  for (let i = 0; i < n; i++) {
    const at = from + Math.floor(((to - from) * i) / n);
    const roll = rand();
    const blocked = roll < 0.05;
    const model = blocked ? null : roll < 0.75 ? 'gpt-4.1-mini' : roll < 0.95 ? 'gpt-4.1' : 'gpt-5.4-mini';
    const upstream = blocked ? 0 : lognormal(model === 'gpt-4.1' ? 900 : 450, 0.5);
    const overheadMs = lognormal(1.2, 0.4);
    const stream = rand() < 0.4;
    const total = upstream + overheadMs + (stream ? lognormal(800, 0.6) : 0);
    const status = blocked ? 400 : rand() < 0.01 ? 502 : 200;
    const prompt = Math.floor(lognormal(600, 0.8));
    const completion = blocked ? 0 : Math.floor(lognormal(200, 0.7));
    const score = rand();
    yield {
      id: `req_${i.toString(16).padStart(32, '0')}`,
      created_at: new Date(at).toISOString(),
      key_id: `env:key${i % 7}`,
      policy: 'default',
      endpoint: '/v1/chat/completions',
      stream,
      model_requested: 'auto',
      model_used: model,
      provider: model ? 'openai' : null,
      tier: model ? (model === 'gpt-4.1' ? 'large' : 'small') : null,
      decision: blocked ? 'block' : rand() < 0.03 ? 'redact' : 'allow',
      status,
      guards: [
        { name: 'prompt_injection', side: 'input', score: blocked ? 0.97 : score * 0.5, action: blocked ? 'block' : 'none', mode: 'enforce' },
        { name: 'pii', side: 'input', score: null, action: 'none', mode: 'enforce' },
      ],
      latency_ms: { total, auth: 0.05, guard: 0.3, route: 0.02, upstream, output_guard: stream ? 0.2 : 0.1, overhead: overheadMs, ttft: stream ? upstream + 80 : null },
      usage: { prompt_tokens: prompt, completion_tokens: completion, cached_tokens: 0, source: 'upstream' },
      cost_usd: blocked ? 0 : (prompt * 0.4 + completion * 1.6) / 1e6,
      saved_usd: blocked ? (prompt * 2) / 1e6 : model === 'gpt-4.1' ? 0 : (prompt * 1.6 + completion * 6.4) / 1e6,
      cost_flags: [],
      router_score: score,
      finish_reason: blocked ? null : 'stop',
      attempts: model ? [{ target: `openai:${model}`, status, latency_ms: upstream, retry: 0 }] : [],
      retries: 0,
      fallbacks: 0,
      cache: null,
      error: null,
      input: null,
      output: null,
    };
  }
}

const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** The rollup rows for a batch, as multi-row upserts of literals (the same sums the writer makes). */
function rollupSql(traces: Trace[]): string[] {
  const agg = aggregate(traces);
  const out: string[] = [];
  const upsert = (table: string, cols: string[], keys: string[], sums: string[], rows: unknown[][], extra = '') => {
    for (let i = 0; i < rows.length; i += 100) {
      const values = rows.slice(i, i + 100).map((r) => `(${r.map(literal).join(', ')})`);
      out.push(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}${extra}`);
    }
  };
  upsert('request_rollup', ['res', 'bucket', 'model', 'tier', ...COUNTERS], ['res', 'bucket', 'model', 'tier'], [...COUNTERS], [...agg.requests.values()].map(({ key, c }) => [...key, ...COUNTERS.map((k) => c[k])]));
  const bins = Array.from({ length: BINS }, (_, i) => `b${i}`);
  upsert('latency_rollup', ['res', 'bucket', 'model', 'stage', 'n', 'sum', 'max', ...bins], ['res', 'bucket', 'model', 'stage'], ['n', 'sum', ...bins], [...agg.latency.values()].map(({ key, h }) => [...key, h.n, h.sum, h.max, ...h.bins]), ', max = MAX(max, excluded.max)');
  upsert('guard_rollup', ['res', 'bucket', 'guard', 'side', 'action', 'mode', 'count', 'score_sum'], ['res', 'bucket', 'guard', 'side', 'action', 'mode'], ['count', 'score_sum'], [...agg.guards.values()].map(({ key, count, score }) => [...key, count, score]));
  return out;
}

async function metricsAtScale(opts: { traces: number; log?: Log }): Promise<TracingReport['metrics']> {
  const outdir = resolve('.wrangler/bench-tracing');
  const { mf, url } = await serve({ outdir, build: false, persist: false, port: await freePort(), vars: { ADMIN_TOKEN: ADMIN, TRIAGE_ENV: 'production' }, quiet: true });
  try {
    const db = (await mf.getD1Database('DB')) as unknown as D1Database;
    const now = Date.now();
    const t0 = performance.now();
    let batch: Trace[] = [];
    let done = 0;
    // Seeding speed only: literal multi-row statements, few of them (each prepare() is a
    // synchronous round trip from node into workerd). The rollups are the trace writer's own
    // aggregation (src/telemetry/rollup.ts), written as multi-row upserts.
    const flush = async () => {
      const sql: string[] = [];
      for (let i = 0; i < batch.length; i += 100) {
        const rows = batch.slice(i, i + 100).map((t) => `(${traceRowValues(t).map(literal).join(', ')})`);
        sql.push(`INSERT INTO traces (${COLUMNS}) VALUES ${rows.join(', ')}`);
      }
      sql.push(...rollupSql(batch));
      await db.batch(sql.map((q) => db.prepare(q)));
      done += batch.length;
      batch = [];
      if (done % 100_000 === 0) opts.log?.(`  seeded ${done.toLocaleString('en-US')} traces (${f((performance.now() - t0) / 1000, 0)} s)`);
    };
    for (const t of syntheticTraces(opts.traces, now - 7 * 86_400_000, now)) {
      batch.push(t);
      if (batch.length === 5_000) await flush();
    }
    if (batch.length) await flush();
    const seedSeconds = (performance.now() - t0) / 1000;

    const rollupRows: Record<string, number> = {};
    for (const table of ['traces', 'request_rollup', 'latency_rollup', 'guard_rollup']) {
      rollupRows[table] = ((await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>()) ?? { n: 0 }).n;
    }
    const time = async (path: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 6; i++) {
        const s = performance.now();
        const res = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${ADMIN}` } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path} → ${res.status}`);
        if (i > 0) runs.push(performance.now() - s); // the first run warms the isolate
      }
      return median(runs);
    };
    const queryMs: Record<string, number> = {};
    for (const w of ['15m', '1h', '24h', '7d']) queryMs[w] = await time(`/admin/metrics?window=${w}`);
    const tracesListMs = await time('/admin/traces?limit=100');
    // The naive alternative: one percentile of one stage over 24 h, sorted from the traces table.
    const since = now - 86_400_000;
    const count = (await db.prepare('SELECT COUNT(*) AS n FROM traces WHERE created_at >= ?').bind(since).first<{ n: number }>())!.n;
    const naive: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await db.prepare('SELECT latency_total FROM traces WHERE created_at >= ? ORDER BY latency_total LIMIT 1 OFFSET ?').bind(since, Math.floor(count * 0.99)).first();
      naive.push(performance.now() - s);
    }
    return { traces: opts.traces, seed_seconds: seedSeconds, rollup_rows: rollupRows, query_ms: queryMs, naive_p99_24h_ms: median(naive), traces_list_ms: tracesListMs };
  } finally {
    await mf.dispose();
  }
}

async function tokenizer(): Promise<TracingReport['tokenizer']> {
  const out = await build({ stdin: { contents: "export { countTokens } from 'gpt-tokenizer/encoding/o200k_base';", resolveDir: process.cwd() }, bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
  const gzip = gzipSync(out.outputFiles[0]!.contents, { level: 9 }).byteLength;
  // A fresh process each time: the first count includes loading and building the encoder.
  const script = `const t0 = performance.now(); const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base'); countTokens('warm up'); const t1 = performance.now();
const text = ${JSON.stringify(ordinaryPrompt(1000))}; const runs = []; for (let i = 0; i < 50; i++) { const s = performance.now(); countTokens(text + i); runs.push(performance.now() - s); }
runs.sort((a, b) => a - b); console.log(JSON.stringify({ cold: t1 - t0, warm: runs[25] }));`;
  const samples = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { cold: number; warm: number });
  return { gzip_bytes: gzip, cold_init_ms: median(samples.map((s) => s.cold)), warm_count_1k_tokens_ms: median(samples.map((s) => s.warm)) };
}

export async function runTracingBench(opts: { rounds: number; requests: number; traces: number; log?: Log }): Promise<TracingReport> {
  const o = await overhead(opts);
  opts.log?.(`  seeding ${opts.traces.toLocaleString('en-US')} traces for the metrics query…`);
  const m = await metricsAtScale(opts);
  const t = await tokenizer();
  return { overhead: o, metrics: m, tokenizer: t };
}

export { metricsAtScale, overhead, tokenizer };

const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '—');

export function printTracing(r: TracingReport) {
  const o = r.overhead;
  console.log(`\nCost of tracing: passthrough policy, ~1k-token prompt, medians of ${o.rounds} interleaved rounds (ms)`);
  console.log('contender'.padEnd(16) + 'c1 p50  c1 p99 | c8 p50   c8 rps | errors');
  for (const [name, c] of Object.entries(o.contenders)) {
    console.log(`${name.padEnd(16)}${f(c.c1_p50).padStart(6)}  ${f(c.c1_p99).padStart(6)} | ${f(c.c8_p50).padStart(6)}  ${f(c.c8_rps, 0).padStart(7)} | ${c.errors}`);
  }
  console.log(`added by tracing: p50 ${f(o.added_p50_ms, 3)} ms (target ≤ 0.2), p99 ${f(o.added_p99_ms, 3)} ms, c8 p50 ${f(o.added_c8_p50_ms, 3)} ms; traced ${o.traced_requests} of ${o.sent_requests} requests sent`);
  const m = r.metrics;
  console.log(`\nGET /admin/metrics over ${m.traces.toLocaleString('en-US')} traces (7 days; seeded in ${f(m.seed_seconds, 0)} s; rows: ${Object.entries(m.rollup_rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')})`);
  console.log(`  ${Object.entries(m.query_ms).map(([w, ms]) => `window=${w} ${f(ms, 1)} ms`).join(' · ')} · /admin/traces?limit=100 ${f(m.traces_list_ms, 1)} ms`);
  console.log(`  naive p99 of one stage over 24 h from the traces table: ${f(m.naive_p99_24h_ms, 0)} ms`);
  const t = r.tokenizer;
  console.log(`\nUsage tokenizer (o200k_base, only when the upstream reports no usage): ${f(t.gzip_bytes / 1024, 0)} KiB gzipped; first use ${f(t.cold_init_ms, 0)} ms once per isolate; 1k tokens ${f(t.warm_count_1k_tokens_ms, 3)} ms (node)`);
}
