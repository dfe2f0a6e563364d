/**
 * What per-key limits cost per request (issue 6 target: the limit check adds ≤ 1 ms p50 locally).
 * One Triage served as production runs it (bundled, workerd via Miniflare: `npm run serve`) with
 * the passthrough policy, called at 1 connection with three keys, interleaved round by round:
 *   env key            GATEWAY_API_KEYS: compared in memory, no storage read
 *   virtual, no limits one D1 read (the key's row), no Durable Object call
 *   virtual, rpm only  the same read, plus one call to the key's Durable Object
 *   virtual, all limits rpm, tpm, daily and monthly budgets (high enough never to refuse): every
 *                      check runs, and a second call after the response reconciles usage
 * Reported: client-side p50/p99 (performance.now around each request), medians over rounds, and
 * the added p50s as medians of per-round differences. (The Worker's own server-timing is not used: workerd's clock ticks in whole ms.)
 */
import { resolve } from 'node:path';
import { bundle, serve } from '../cli/serve';
import { ordinaryPrompt } from './gateway';
import { distinct, load, median, percentile } from './lib/load';
import { freePort, startScript } from './lib/processes';

export interface LimitsReport {
  rounds: number;
  requests_per_round: number;
  contenders: Record<string, { p50: number; p99: number; errors: number }>;
  /** rpm, tpm, daily and monthly budgets: admit before, settle after (a second call). */
  added_p50_limit_check_ms: number;
  /** rpm only: admit, no settle. */
  added_p50_rpm_check_ms: number;
  added_p50_virtual_lookup_ms: number;
}

const ADMIN = 'bench-admin-token';

export async function runLimitsBench(opts: { rounds: number; requests: number; log?: (s: string) => void }): Promise<LimitsReport> {
  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const outdir = resolve('.wrangler/bench-limits');
  bundle('wrangler.toml', outdir, true);
  const vars = {
    OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`,
    OPENAI_API_KEY: 'sk-bench',
    GATEWAY_API_KEYS: 'bench=sk-gw-bench',
    ADMIN_TOKEN: ADMIN,
    POLICY: 'passthrough',
    TRIAGE_ENV: 'production',
  };
  const { mf, url } = await serve({ outdir, build: false, persist: false, port: await freePort(), vars, quiet: true });
  try {
    const makeKey = async (body: object) => {
      const res = await fetch(new URL('/admin/keys', url), { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`POST /admin/keys → ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    };
    const free = await makeKey({ name: 'bench-free', policy: 'passthrough' });
    const limited = await makeKey({ name: 'bench-limited', policy: 'passthrough', limits: { rpm: 1_000_000, tpm: 1_000_000_000, daily_usd: 1_000_000, monthly_usd: 10_000_000 } });
    const rpmOnly = await makeKey({ name: 'bench-rpm', policy: 'passthrough', limits: { rpm: 1_000_000 } });
    const contenders: Array<[string, string]> = [
      ['env key', 'sk-gw-bench'],
      ['virtual, no limits', free],
      ['virtual, rpm only', rpmOnly],
      ['virtual, all limits', limited],
    ];
    const chatUrl = new URL('/v1/chat/completions', url).href;
    const body = distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: ordinaryPrompt() }], max_tokens: 64 }));
    const acc = new Map(contenders.map(([name]) => [name, { p50: [] as number[], p99: [] as number[], errors: 0 }]));

    for (const [, key] of contenders) await load({ url: chatUrl, body, headers: { authorization: `Bearer ${key}` }, connections: 1, requests: 50 }); // warm-up
    for (let round = 0; round < opts.rounds; round++) {
      opts.log?.(`  limits round ${round + 1}/${opts.rounds}`);
      for (const [name, key] of contenders) {
        const a = acc.get(name)!;
        const r = await load({ url: chatUrl, body, headers: { authorization: `Bearer ${key}` }, connections: 1, requests: opts.requests });
        a.p50.push(median(r.latencies));
        a.p99.push(percentile(r.latencies, 99));
        a.errors += r.errors;
      }
    }
    const report: LimitsReport = { rounds: opts.rounds, requests_per_round: opts.requests, contenders: {}, added_p50_limit_check_ms: 0, added_p50_rpm_check_ms: 0, added_p50_virtual_lookup_ms: 0 };
    for (const [name, a] of acc) report.contenders[name] = { p50: median(a.p50), p99: median(a.p99), errors: a.errors };
    // Differences are taken within each round (the contenders ran back to back under the same
    // load) and their median reported: steadier on a noisy machine than a difference of medians.
    const added = (a: string, b: string) => median(acc.get(a)!.p50.map((v, i) => v - acc.get(b)!.p50[i]!));
    report.added_p50_limit_check_ms = added('virtual, all limits', 'virtual, no limits');
    report.added_p50_rpm_check_ms = added('virtual, rpm only', 'virtual, no limits');
    report.added_p50_virtual_lookup_ms = added('virtual, no limits', 'env key');
    return report;
  } finally {
    await mf.dispose();
    up.child.kill();
  }
}

export function printLimits(r: LimitsReport) {
  const f = (n: number) => n.toFixed(3);
  console.log(`\nPer-key limits, 1 connection, medians of ${r.rounds} interleaved rounds × ${r.requests_per_round} requests (ms)`);
  console.log('key'.padEnd(22) + '    p50     p99 | errors');
  for (const [name, c] of Object.entries(r.contenders)) console.log(`${name.padEnd(22)}${f(c.p50).padStart(7)} ${f(c.p99).padStart(7)} | ${c.errors}`);
  console.log(
    `the limit check (the key's Durable Object) adds ${f(r.added_p50_limit_check_ms)} ms p50 with every limit set, ` +
      `${f(r.added_p50_rpm_check_ms)} ms with rpm only (target ≤ 1 ms); ` +
      `a virtual key's D1 lookup adds ${f(r.added_p50_virtual_lookup_ms)} ms p50 over an env key`,
  );
}
