// Speed of the router (the `complexity` head) in node: model load, and median time per score()
// for a short question, an ordinary ~1k-token prompt and 32k/64k-token prompts (work is bounded
// by the head/tail window, so the long ones cost about what ~1.5k tokens do). Prints a table;
// `benchRouter()` returns the numbers.
//
//   npx tsx bench/router.ts [--model models/router.bin]

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadRouter } from '../src/classifier/router/index';

export interface RouterBenchCase { name: string; chars: number; medianMs: number; p90Ms: number }
export interface RouterBenchResult { model: string; bytes: number; gzipBytes: number; loadMs: number; cases: RouterBenchCase[] }

const PROSE = 'The team reviewed the quarterly plan and agreed to move the launch to spring, so that support staff could finish training on the new billing system. ';
const ASK = 'Explain step by step why the invoice export fails when the total exceeds $10,000, then propose a fix in TypeScript and estimate its O(n) cost. ';
const CODE = '```ts\nexport function total(items: Item[]): number {\n  return items.reduce((sum, i) => sum + i.price * i.qty, 0);\n}\n```\n';

// Request bodies arrive through JSON.parse as flat strings; benchmark texts are flattened alike.
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

function prompt(chars: number): string {
  let s = '';
  const parts = [PROSE, ASK, CODE];
  for (let i = 0; s.length < chars; i++) s += parts[i % parts.length];
  return flat(s.slice(0, chars));
}

function time(fn: () => void, minMs = 200): { median: number; p90: number } {
  const samples: number[] = [];
  const start = performance.now();
  // Batches of calls per sample so sub-microsecond calls are above the timer's resolution.
  let batch = 1;
  for (let t0 = performance.now(); performance.now() - t0 < 5; batch *= 2) for (let i = 0; i < batch; i++) fn();
  batch = Math.max(1, batch >> 4);
  while (performance.now() - start < minMs || samples.length < 20) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)] };
}

export function benchRouter(modelPath = 'models/router.bin'): RouterBenchResult {
  const bytes = new Uint8Array(readFileSync(modelPath));
  const load = time(() => loadRouter(bytes), 100);
  const router = loadRouter(bytes);
  const cases: [string, string][] = [
    ['short question', 'What is the capital of Australia?'],
    ['multiple choice', flat('Which of the following best explains the photoelectric effect?\nA. Waves\nB. Photons\nC. Heat\nD. Sound')],
    ['~1k tokens', prompt(4000)],
    ['~32k tokens', prompt(128_000)],
    ['~64k tokens', prompt(256_000)],
  ];
  return {
    model: router.info.name,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes).length,
    loadMs: load.median,
    cases: cases.map(([name, text]) => {
      const t = time(() => router.score(text));
      return { name, chars: text.length, medianMs: t.median, p90Ms: t.p90 };
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { model: { type: 'string', default: 'models/router.bin' } } });
  const r = benchRouter(values.model);
  console.log(`router ${r.model}: ${r.bytes} bytes (${r.gzipBytes} gzipped), load ${(r.loadMs * 1000).toFixed(1)} µs`);
  console.log('| prompt | chars | median µs | p90 µs |\n|---|---:|---:|---:|');
  for (const c of r.cases) console.log(`| ${c.name} | ${c.chars} | ${(c.medianMs * 1000).toFixed(2)} | ${(c.p90Ms * 1000).toFixed(2)} |`);
}
