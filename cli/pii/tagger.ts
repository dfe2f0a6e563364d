// Experiment: can a small token tagger find PERSON names and street ADDRESSes precisely enough to
// ship? An averaged perceptron over hashed features (word, shape, affixes, ±2 context, previous
// tag), greedy decoding, trained on one presidio-research file and scored on the other; then run
// on benign prompts to count spans where there should be none.
//
//   npx tsx cli/pii/tagger.ts --train ../shared/data/pii/synth_dataset_v2.json \
//     --test ../shared/data/pii/generated_large.json [--benign ../shared/data/guard/train.jsonl]

import { parseArgs } from 'node:util';
import { falseSpansOf, loadBenign, loadLabelled, score, table } from './eval';
import type { LabelledText } from './templates';
import { seeded } from './values';

const TYPES = ['PERSON', 'ADDRESS'] as const;
const LABELS = ['O', 'B-PERSON', 'I-PERSON', 'B-ADDRESS', 'I-ADDRESS'] as const;
const BITS = 18;
const SIZE = 1 << BITS;

interface Token { text: string; start: number; end: number; bol: boolean }

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let bol = true;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?|\n|[^\s\p{L}\p{N}]/gu)) {
    if (m[0] === '\n') {
      bol = true;
      continue;
    }
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, bol });
    bol = false;
  }
  return out;
}

function shape(w: string): string {
  let s = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (!s.endsWith(c)) s += c;
  }
  return s;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (SIZE - 1);
}

/** Feature indices of token i given the previous label (the only label-dependent feature). */
function features(toks: readonly Token[], i: number, prev: string): number[] {
  const w = (k: number): string => (k < 0 ? '<s>' : k >= toks.length ? '</s>' : toks[k].text.toLowerCase());
  const sh = (k: number): string => (k < 0 || k >= toks.length ? '_' : shape(toks[k].text));
  const t = toks[i].text;
  const lower = t.toLowerCase();
  return [
    'b', `w=${lower}`, `sh=${sh(i)}`, `p3=${lower.slice(0, 3)}`, `s3=${lower.slice(-3)}`,
    `w-1=${w(i - 1)}`, `w+1=${w(i + 1)}`, `w-2=${w(i - 2)}`, `w+2=${w(i + 2)}`,
    `sh-1=${sh(i - 1)}`, `sh+1=${sh(i + 1)}`, `sh-1,0,+1=${sh(i - 1)}|${sh(i)}|${sh(i + 1)}`,
    `w-1,w=${w(i - 1)}|${lower}`, `bol=${toks[i].bol}|${sh(i)}`, `prev=${prev}`, `prev,sh=${prev}|${sh(i)}`,
    `prev,w-1=${prev}|${w(i - 1)}`,
  ].map(hash);
}

export interface Tagger { weights: Float32Array }

function scores(model: Float32Array, f: readonly number[]): number[] {
  const s = new Array<number>(LABELS.length).fill(0);
  for (const k of f) for (let l = 0; l < LABELS.length; l++) s[l] += model[k * LABELS.length + l];
  return s;
}

function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

function goldLabels(row: LabelledText, toks: readonly Token[]): string[] {
  const begun = new Set<number>();
  return toks.map((t) => {
    const k = row.spans.findIndex((sp) => (TYPES as readonly string[]).includes(sp.type) && t.start >= sp.start && t.end <= sp.end);
    if (k < 0) return 'O';
    const first = !begun.has(k);
    begun.add(k);
    return (first ? 'B-' : 'I-') + row.spans[k].type;
  });
}

/** Averaged perceptron, seeded shuffles. */
export function train(rows: readonly LabelledText[], epochs = 8, seed = 1): Tagger {
  const n = SIZE * LABELS.length;
  const w = new Float32Array(n);
  const total = new Float64Array(n); // sum of updates weighted by time, for averaging
  let step = 1;
  const data = rows.map((r) => {
    const toks = tokenize(r.text);
    return { toks, gold: goldLabels(r, toks) };
  });
  const random = seeded(seed);
  for (let e = 0; e < epochs; e++) {
    const order = data.map((_, i) => i).sort(() => random() - 0.5);
    for (const idx of order) {
      const { toks, gold } = data[idx];
      let prev = 'O';
      for (let i = 0; i < toks.length; i++) {
        const f = features(toks, i, prev);
        const guess = LABELS[argmax(scores(w, f))];
        if (guess !== gold[i]) {
          const g = LABELS.indexOf(gold[i] as (typeof LABELS)[number]);
          const p = LABELS.indexOf(guess);
          for (const k of f) {
            w[k * LABELS.length + g] += 1;
            w[k * LABELS.length + p] -= 1;
            total[k * LABELS.length + g] += step;
            total[k * LABELS.length + p] -= step;
          }
        }
        prev = gold[i];
        step++;
      }
    }
  }
  const avg = new Float32Array(n);
  for (let k = 0; k < n; k++) avg[k] = w[k] - total[k] / step;
  return { weights: avg };
}

export function tag(model: Tagger, text: string): { type: string; start: number; end: number }[] {
  const toks = tokenize(text);
  const spans: { type: string; start: number; end: number }[] = [];
  let prev = 'O';
  for (let i = 0; i < toks.length; i++) {
    const label = LABELS[argmax(scores(model.weights, features(toks, i, prev)))];
    const type = label.slice(2);
    const last = spans[spans.length - 1];
    if (label.startsWith('I-') && prev !== 'O' && prev.slice(2) === type && last) last.end = toks[i].end;
    else if (label !== 'O') spans.push({ type, start: toks[i].start, end: toks[i].end });
    prev = label;
  }
  return spans;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      benign: { type: 'string' },
      epochs: { type: 'string', default: '8' },
      // Benign prompts (even rows) added as all-"O" examples; odd rows are scored.
      negatives: { type: 'string', default: '0' },
    },
  });
  if (!values.train || !values.test) throw new Error('--train and --test are required');
  const benign = values.benign ? loadBenign(values.benign) : [];
  const negatives = benign.filter((_, i) => i % 2 === 0).slice(0, Number(values.negatives)).map((text) => ({ text, spans: [] }));
  const model = train([...loadLabelled(values.train), ...negatives], Number(values.epochs));
  const test = loadLabelled(values.test).map((r) => ({ ...r, spans: r.spans.filter((s) => (TYPES as readonly string[]).includes(s.type)) }));
  console.log(table(`tagger trained on ${values.train}, tested on ${values.test}`, score(test, (t) => tag(model, t), new Set(TYPES))));
  if (values.benign) {
    const b = falseSpansOf(benign.filter((_, i) => i % 2 === 1), (t) => tag(model, t));
    console.log(`benign prompts: ${b.spans} spans in ${b.prompts} = ${b.per100.toFixed(2)} per 100 (${JSON.stringify(b.byType)})`);
    for (const e of b.examples.slice(0, 15)) console.log(`    ${e.type}: ${JSON.stringify(e.value)}  …${JSON.stringify(e.context)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
