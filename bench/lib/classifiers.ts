/**
 * The embedded models' cost by prompt length, in node: everything the default policy runs on a
 * request's text — the guard model (all heads, one pass), the router and the PII/secret detectors
 * (once per text) — on prompts of 1k, 8k and 32k tokens. Per length: wall time per request (median
 * of batches) and CPU time per request (process.cpuUsage over the same calls: time spent on the
 * CPU, not waiting for it on a busy machine), against the Workers free plan's 10 ms; throughput on
 * one core. Also model load (parse) time and the heap the loaded models hold.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { promptOfTokens } from '../classifier';
import { loadGuardModel } from '../../src/classifier/index';
import { loadRouter } from '../../src/classifier/router/index';
import { detectPii } from '../../src/guards/pii/index';

export const CPU_LIMIT_MS = 10;

export interface LengthFigures {
  tokens: number;
  chars: number;
  wall_ms: number;
  cpu_ms: number;
  /** Requests per second on one core (1000 / cpu_ms). */
  per_second: number;
  /** Share of the 10 ms CPU limit. */
  share_of_limit: number;
  parts_cpu_ms: { guard: number; router: number; detectors: number };
}

export interface ClassifierSection {
  lengths: LengthFigures[];
  /** Parse plus first score: `_cold` the very first (as an isolate's first request), else warm medians. */
  load_ms: { guard: number; router: number; guard_cold: number; router_cold: number };
  model_bytes: { guard: number; router: number };
  heap_bytes: { guard_and_router: number };
}

/** CPU ms per call: warm, then `calls` calls between two process.cpuUsage() readings. */
function cpuPerCall(fn: () => unknown, calls: number): number {
  for (let i = 0; i < Math.min(3, calls); i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000 / calls;
}

/** Median wall ms per call over batches lasting at least `minMs` in total. */
function wallPerCall(fn: () => unknown, minMs: number): number {
  const samples: number[] = [];
  const until = performance.now() + minMs;
  while (performance.now() < until || samples.length < 7) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** A forced collection (V8's gc, exposed at runtime: no --expose-gc flag needed on the command line). */
function gc(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

export function benchClassifiers(opts: { quick?: boolean } = {}): ClassifierSection {
  const guardBytes = new Uint8Array(readFileSync('models/guard.bin'));
  const routerBytes = new Uint8Array(readFileSync('models/router.bin'));
  const collect = gc();

  // Cold: parse plus the first score, as the first request of an isolate pays it.
  collect();
  const before = process.memoryUsage();
  let t = performance.now();
  const guard = loadGuardModel(guardBytes);
  guard.score('hello');
  const coldGuard = performance.now() - t;
  t = performance.now();
  const router = loadRouter(routerBytes);
  router.score('hello');
  const coldRouter = performance.now() - t;
  collect();
  const after = process.memoryUsage();
  const heap = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  const load = {
    guard_cold: coldGuard,
    router_cold: coldRouter,
    guard: wallPerCall(() => loadGuardModel(guardBytes).score('hello'), 300),
    router: wallPerCall(() => loadRouter(routerBytes).score('hello'), 100),
  };

  const lengths = [1_000, 8_000, 32_000].map((tokens): LengthFigures => {
    const text = promptOfTokens(tokens);
    const calls = Math.max(5, Math.round((opts.quick ? 60 : 200) / (tokens / 1000)));
    const all = () => (guard.score(text), router.score(text), detectPii(text));
    const wall = wallPerCall(all, opts.quick ? 400 : 1500); // also the warm-up (JIT) for the CPU figures
    const parts = {
      guard: cpuPerCall(() => guard.score(text), calls),
      router: cpuPerCall(() => router.score(text), calls),
      detectors: cpuPerCall(() => detectPii(text), calls),
    };
    const cpu = cpuPerCall(all, calls);
    return { tokens, chars: text.length, wall_ms: wall, cpu_ms: cpu, per_second: 1000 / cpu, share_of_limit: cpu / CPU_LIMIT_MS, parts_cpu_ms: parts };
  });
  return { lengths, load_ms: load, model_bytes: { guard: guardBytes.byteLength, router: routerBytes.byteLength }, heap_bytes: { guard_and_router: heap } };
}

export function printClassifiers(r: ClassifierSection) {
  const f = (n: number, d = 3) => n.toFixed(d);
  console.log('\nEmbedded models by prompt length (node, one core): guard (all heads) + router + PII/secret detectors, as the default policy runs them');
  console.log('tokens    chars   wall ms   CPU ms  (guard / router / detectors)   of 10 ms   requests/s');
  for (const l of r.lengths) {
    const p = l.parts_cpu_ms;
    console.log(
      `${String(l.tokens).padStart(6)} ${String(l.chars).padStart(8)} ${f(l.wall_ms).padStart(9)} ${f(l.cpu_ms).padStart(8)}  (${f(p.guard)} / ${f(p.router)} / ${f(p.detectors)})`.padEnd(70) +
        `${(l.share_of_limit * 100).toFixed(1).padStart(7)}%   ${l.per_second.toFixed(0).padStart(10)}`,
    );
  }
  console.log(
    `model load (parse + first score): guard ${f(r.load_ms.guard_cold, 2)} ms cold, ${f(r.load_ms.guard)} ms warm (${(r.model_bytes.guard / 1024).toFixed(0)} KiB); ` +
      `router ${f(r.load_ms.router_cold, 2)} ms cold, ${f(r.load_ms.router, 4)} ms warm; ` +
      `memory: the weights are read in place from the model bytes (${((r.model_bytes.guard + r.model_bytes.router) / 2 ** 20).toFixed(2)} MiB), heap added by loading ${(Math.max(0, r.heap_bytes.guard_and_router) / 2 ** 20).toFixed(2)} MiB`,
  );
}
