// Speed of the PII and secret detectors in node: median time per call for an ordinary ~1k-token
// prompt, a PII-dense prompt, a 32k-token prompt, and pathological inputs built to trigger
// backtracking or quadratic scans. Prints a table; `benchPii()` returns the numbers.
//
//   npx tsx bench/pii.ts

import { detectPii } from '../src/guards/pii/index';

export interface PiiBenchCase { name: string; chars: number; medianMs: number; p90Ms: number; spans: number }
export interface PiiBenchResult { cases: PiiBenchCase[]; linearity: number }

const PROSE = `Can you help me rewrite the introduction of my report? The quarterly numbers look fine: revenue grew 12.5% to $1,284,900 and churn fell from 3.1% to 2.4% between 2023-04-01 and 2023-06-30. `;
const CODE = "```ts\nexport async function load(id: string): Promise<Item | undefined> {\n  const res = await fetch(`https://api.example.com/v2/items/${id}?limit=50`);\n  if (!res.ok) throw new Error(`HTTP ${res.status}: ${res.statusText}`);\n  return (await res.json()) as Item; // version 4.2.1, build 20240611\n}\n```\n";
const ASK = 'Also, explain the difference between TCP and UDP, list three sorting algorithms with their time complexity (O(n log n) vs O(n^2)), and suggest a title. Note: keep it under 300 words, use British spelling, and cite RFC 793. ';

/** A ~4,000-character prompt of the kind the gateway sees: prose, numbers, a code block. */
export function ordinaryPrompt(chars = 4000): string {
  let s = '';
  const parts = [PROSE, CODE, ASK];
  for (let i = 0; s.length < chars; i++) s += parts[i % parts.length];
  return flat(s.slice(0, chars));
}

// Request bodies arrive through JSON.parse as flat strings; a string built with += is a rope
// whose charCodeAt and regex costs differ, so benchmark texts are flattened the same way.
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

function densePrompt(): string {
  const lines = [
    'Customer: Jane Roe, jane.roe@example-mail.com, +44 7700 900123, (415) 555-0132',
    'Card 4111 1111 1111 1111 exp 12/27; IBAN DE89 3704 0044 0532 0130 00; SSN 219-09-9998',
    'Server 10.24.1.7 and 2001:db8::ff00:42:8329; token: 9fQ2xL7pA3vK8mN1bR5tY6wZ0cE4hJ2s',
    'OPENAI_API_KEY=sk-proj-Q2xL7pA3vK8mN1bR5tY6wZ0cE4hJ2s9fQ2xL7pA3vK8 ghp_9fQ2xL7pA3vK8mN1bR5tY6wZ0cE4hJ2sAbCd',
  ];
  return flat((lines.join('\n') + '\n' + ordinaryPrompt(3000)).slice(0, 4000));
}

function pathological(): [string, string][] {
  const n = 32_000;
  return [
    ['digits', '1'.repeat(n)],
    ['phone-like', '555-123-4567 '.repeat(n / 13)],
    ['card-like', '4111 1111 1111 1111 '.repeat(n / 20)],
    ['spaced digits', '1 '.repeat(n / 2)],
    ['digit groups', '12-34 '.repeat(n / 6)],
    ['at signs', 'a@'.repeat(n / 2)],
    ['dotted domain', 'a@' + 'b.'.repeat(n / 2)],
    ['colons', '1:'.repeat(n / 2)],
    ['hex colons', 'ab:'.repeat(n / 3)],
    ['token chars', 'A'.repeat(n)],
    ['key prefixes', 'sk-'.repeat(n / 3)],
    ['credential words', 'password=token=key='.repeat(n / 19)],
    ['BEGIN markers', '-----BEGIN PRIVATE KEY-----\n'.repeat(n / 28)],
    ['eyJ', 'eyJ.'.repeat(n / 4)],
    ['IBAN-ish', 'DE89 '.repeat(n / 5)],
  ];
}

function time(text: string, minMs = 150): { median: number; p90: number; spans: number } {
  const spans = detectPii(text).length;
  // Batch calls so each sample is well above timer resolution.
  const t0 = performance.now();
  detectPii(text);
  const once = Math.max(performance.now() - t0, 1e-4);
  const batch = Math.max(1, Math.min(1000, Math.round(0.5 / once)));
  const samples: number[] = [];
  const until = performance.now() + minMs;
  while (performance.now() < until || samples.length < 15) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) detectPii(text);
    samples.push((performance.now() - start) / batch);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)], spans };
}

export async function benchPii(): Promise<PiiBenchResult> {
  const cases: PiiBenchCase[] = [];
  const run = (name: string, text: string, minMs?: number): PiiBenchCase => {
    const t = time(text, minMs);
    const c = { name, chars: text.length, medianMs: t.median, p90Ms: t.p90, spans: t.spans };
    cases.push(c);
    return c;
  };
  // Warm up the JIT on every path before measuring.
  for (let i = 0; i < 300; i++) detectPii(densePrompt());
  const small = run('ordinary 1k tokens', ordinaryPrompt(4000), 400);
  run('PII-dense 1k tokens', densePrompt(), 300);
  const big = run('ordinary 32k tokens', ordinaryPrompt(128_000), 300);
  for (const [name, text] of pathological()) run(`pathological: ${name}`, flat(text), 100);
  // Per-character cost at 128k over per-character cost at 4k: 1 means linear.
  const linearity = big.medianMs / big.chars / (small.medianMs / small.chars);
  return { cases, linearity };
}

function print(r: PiiBenchResult): void {
  console.log(`${'case'.padEnd(34)} ${'chars'.padStart(7)} ${'median ms'.padStart(10)} ${'p90 ms'.padStart(9)} ${'spans'.padStart(6)}`);
  for (const c of r.cases) {
    console.log(`${c.name.padEnd(34)} ${String(c.chars).padStart(7)} ${c.medianMs.toFixed(4).padStart(10)} ${c.p90Ms.toFixed(4).padStart(9)} ${String(c.spans).padStart(6)}`);
  }
  console.log(`linearity (per-char cost 128k / 4k): ${r.linearity.toFixed(2)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) void benchPii().then(print);
