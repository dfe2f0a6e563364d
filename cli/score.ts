// `npm run score -- --input IN.jsonl --output OUT.jsonl [--model models/guard.bin]`
// Reads lines with "text"; writes, line for line in order,
// {"scores":{"prompt_injection","jailbreak","harmful","toxic","complexity"},"pii":[{"type","start","end"}]}
// (DESIGN.md). The router and the PII detectors are loaded when present; without them
// complexity is 0.5 and pii is empty, and a note says so on stderr.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadGuardModel } from '../src/classifier/index';
import { parseArgs, stringArg } from './lib/args';
import { jsonlWriter, streamJsonl } from './lib/jsonl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Scorer {
  guard: ReturnType<typeof loadGuardModel>;
  complexity: (text: string) => number;
  pii: (text: string) => Array<{ type: string; start: number; end: number }>;
  notes: string[];
}

/** Loads the guard model and, when they exist, the router and the PII detectors. */
export async function loadScorer(guardPath: string, routerPath: string): Promise<Scorer> {
  const notes: string[] = [];
  const guard = loadGuardModel(new Uint8Array(readFileSync(guardPath)));
  let complexity = (_: string): number => 0.5;
  const routerModule = join(root, 'src/classifier/router/index.ts');
  if (existsSync(routerModule) && existsSync(routerPath)) {
    const { loadRouter } = (await import(pathToFileURL(routerModule).href)) as { loadRouter: (b: Uint8Array) => { score(t: string): number } };
    const router = loadRouter(new Uint8Array(readFileSync(routerPath)));
    complexity = (text) => router.score(text);
  } else notes.push('router not available: complexity is 0.5');
  let pii = (_: string): Array<{ type: string; start: number; end: number }> => [];
  const piiModule = join(root, 'src/guards/pii/index.ts');
  if (existsSync(piiModule)) {
    const { detectPii } = (await import(pathToFileURL(piiModule).href)) as { detectPii: (t: string) => Array<{ type: string; start: number; end: number }> };
    pii = (text) => detectPii(text).map(({ type, start, end }) => ({ type, start, end }));
  } else notes.push('PII detectors not available: pii is empty');
  return { guard, complexity, pii, notes };
}

export function scoreLine(s: Scorer, text: string) {
  const g = s.guard.score(text);
  return {
    scores: { prompt_injection: g.prompt_injection, jailbreak: g.jailbreak, harmful: g.harmful, toxic: g.toxic, complexity: s.complexity(text) },
    pii: s.pii(text),
  };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const input = stringArg(args, 'input');
  const output = stringArg(args, 'output', '-');
  const scorer = await loadScorer(stringArg(args, 'model', join(root, 'models/guard.bin')), stringArg(args, 'router', join(root, 'models/router.bin')));
  for (const note of scorer.notes) console.error(`score: ${note}`);
  const out = jsonlWriter(output);
  let n = 0;
  let bad = 0;
  const started = performance.now();
  for await (const value of streamJsonl(input, { keepInvalid: true })) {
    n++;
    const text = value !== null && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string' ? (value as { text: string }).text : undefined;
    // Line for line: a line without a text still gets a line (scores of the empty text).
    if (text === undefined) bad++;
    await out.write(scoreLine(scorer, text ?? ''));
  }
  await out.close();
  if (bad > 0) console.error(`score: ${bad} line(s) had no "text" string; scored as empty text`);
  console.error(`score: ${n} lines in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
