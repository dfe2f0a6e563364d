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
import { PORTKEY, runGatewayBench, startFleet } from './gateway';
import { printBreakdown, runBreakdown } from './lib/breakdown';
import { benchClassifiers, printClassifiers } from './lib/classifiers';
import { printCpu, runCpuBench } from './lib/cpu';
import { fmt, gatewayTargets, printGateway, printTargets } from './lib/report';
import { printLimits, runLimitsBench } from './limits';
import { printShadow, runShadowBench } from './shadow';
import { printTracing, runTracingBench } from './tracing';
import { runMain } from './lib/processes';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, quick: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const rounds = Number(values.rounds ?? (quick ? 2 : 5));
const log = (s: string) => process.stderr.write(`${s}\n`);

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

const TRACES_OFF = 'triage (default, traces off)';

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
    // `traces off`: the same bundle and policy with TRACES=off. Here D1 is SQLite inside the same
    // workerd, so every trace's write competes with requests for the same thread and cores; in
    // production it runs on D1's side. The targets are judged on `triage (default)`, traces on; the
    // traces-off figures show how much of the gap is the local D1.
    const fleet = await startFleet(
      { 'triage (no guards)': 'passthrough', 'triage (default)': 'default', [TRACES_OFF]: { policy: 'default', vars: { TRACES: 'off' } } },
      [],
      { portkey: true, log },
    );
    try {
      const gw = await runGatewayBench(fleet.contenders, { rounds, c1: quick ? 60 : 200, c8: quick ? 200 : 800, stream: quick ? 20 : 50, log });
      const targets = gatewayTargets(gw, 'triage (default)', PORTKEY);
      const tracesOff = gatewayTargets(gw, TRACES_OFF, PORTKEY);
      report.gateway = { ...gw, targets, targets_traces_off: tracesOff };
      printGateway(gw, targets, 'triage (default)', PORTKEY);
      printTargets(tracesOff, `For reference, ${TRACES_OFF} (no trace writes to the in-process D1):`);
    } finally {
      await fleet.stop();
    }
  }

  if (want('breakdown')) {
    log('where the overhead goes (tracing on/off, guards on/off)…');
    const breakdown = await runBreakdown({ rounds: quick ? 2 : 3, quick, log });
    report.breakdown = breakdown;
    printBreakdown(breakdown);
  }

  if (want('classifier')) {
    log('embedded models by prompt length (node)…');
    const classifiers = benchClassifiers({ quick });
    report.classifier = classifiers;
    printClassifiers(classifiers);
  }

  if (want('cpu')) {
    log('CPU per request inside workerd, by prompt length…');
    const cpu = await runCpuBench({ rounds: quick ? 2 : 3, quick, log });
    report.cpu = cpu;
    printCpu(cpu);
  }

  if (want('limits')) {
    log('per-key limits…');
    const limits = await runLimitsBench({ rounds, requests: quick ? 60 : 200, log });
    report.limits = limits;
    printLimits(limits);
  }

  if (want('tracing')) {
    log('cost of tracing…');
    const tracing = await runTracingBench({ rounds, requests: quick ? 100 : 300, traces: quick ? 100_000 : 1_000_000, log });
    report.tracing = tracing;
    printTracing(tracing);
  }

  if (want('shadow')) {
    log('shadow comparisons at 100% vs off…');
    const shadow = await runShadowBench({ rounds, paced: quick ? 20 : 40, c1: quick ? 60 : 200, c8: quick ? 150 : 400, log });
    report.shadow = shadow;
    printShadow(shadow);
  }

  const file = values.json ?? 'bench/results/latest.json';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nmachine: ${JSON.stringify(report.machine)}\nreport written to ${file}`);
}

runMain(main);
