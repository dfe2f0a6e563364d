/**
 * npm run bench [-- --rounds 5 --quick --json FILE]
 *
 * One report, everything side by side in one run on one machine (DESIGN.md "Benchmark rules").
 * Printed to the terminal and written as JSON with the machine's description.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundle } from '../cli/serve';
import { type GatewayReport, runGatewayBench, startFleet } from './gateway';
import { printLimits, runLimitsBench } from './limits';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, quick: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const rounds = Number(values.rounds ?? (quick ? 2 : 5));
const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function machine() {
  const cpu = cpus();
  return { os: type(), cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
}

function bundleSize() {
  const out = resolve('.wrangler/bench-size');
  bundle('wrangler.toml', out, true);
  let raw = 0;
  let gz = 0;
  const files: Record<string, number> = {};
  for (const f of readdirSync(out)) {
    if (f.endsWith('.map') || f === 'README.md') continue;
    const bytes = readFileSync(join(out, f));
    raw += statSync(join(out, f)).size;
    const g = gzipSync(bytes, { level: 9 }).byteLength;
    gz += g;
    files[f] = g;
  }
  return { raw_bytes: raw, gzip_bytes: gz, limit_gzip_bytes: 3 * 1024 * 1024, files_gzip: files };
}

function printGateway(r: GatewayReport) {
  const floor = r.contenders.floor!;
  const direct = r.contenders.direct!;
  console.log(`\nGateway latency, ~${r.prompt_tokens_approx}-token prompt, medians of ${r.rounds} interleaved rounds (ms)`);
  console.log('contender'.padEnd(22) + 'c1 p50  c1 p99  +p50/floor +p99/floor | c8 p50  c8 p99   c8 rps  rps/floor | stream TTFT p50  +TTFT/floor | errors');
  for (const [name, c] of Object.entries(r.contenders)) {
    const errors = c.c1.errors + c.c8.errors + c.stream_c1.errors;
    console.log(
      name.padEnd(22) +
        `${fmt(c.c1.p50).padStart(6)}  ${fmt(c.c1.p99).padStart(6)}  ${fmt(c.c1.p50 - floor.c1.p50).padStart(9)}  ${fmt(c.c1.p99 - floor.c1.p99).padStart(9)} | ` +
        `${fmt(c.c8.p50).padStart(6)}  ${fmt(c.c8.p99).padStart(6)}  ${fmt(c.c8.rps, 0).padStart(7)}  ${fmt(c.c8.rps / floor.c8.rps).padStart(9)} | ` +
        `${fmt(c.stream_c1.ttft_p50).padStart(15)}  ${fmt((c.stream_c1.ttft_p50 ?? NaN) - (floor.stream_c1.ttft_p50 ?? NaN)).padStart(11)} | ${errors}`,
    );
  }
  console.log(`(direct = the upstream itself; floor = a no-logic passthrough Worker served like Triage; c8 p50 over direct: ` +
    Object.entries(r.contenders).map(([n, c]) => `${n} ${fmt(c.c8.p50 - direct.c8.p50)}`).join(', ') + ')');
}

async function main() {
  const report: Record<string, unknown> = { machine: machine() };
  const only = values.only?.split(',');
  const want = (section: string) => !only || only.includes(section);

  if (want('bundle')) {
    log('bundle size…');
    const size = bundleSize();
    report.bundle = size;
    console.log(`\nBundle: ${fmt(size.raw_bytes / 1024, 0)} KiB raw, ${fmt(size.gzip_bytes / 1024, 0)} KiB gzipped (Workers free-plan limit 3072 KiB gzipped)`);
  }

  if (want('gateway')) {
    log('starting upstream, floor and gateways…');
    const fleet = await startFleet({ 'triage (no guards)': 'passthrough', 'triage (default)': 'default' });
    try {
      const gw = await runGatewayBench(fleet.contenders, { rounds, c1: quick ? 60 : 200, c8: quick ? 200 : 800, stream: quick ? 20 : 50, log });
      report.gateway = gw;
      printGateway(gw);
    } finally {
      await fleet.stop();
    }
  }

  if (want('limits')) {
    log('per-key limits…');
    const limits = await runLimitsBench({ rounds, requests: quick ? 60 : 200, log });
    report.limits = limits;
    printLimits(limits);
  }

  const file = values.json ?? 'bench/results/latest.json';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nmachine: ${JSON.stringify(report.machine)}\nreport written to ${file}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
