// Evaluates the PII detectors: per-type precision / recall / F1 on labelled texts (presidio-research
// JSON or JSONL, or our own {"text","spans":[{type,start,end}]} JSONL), and false spans per 100
// ordinary prompts (benign rows of the guard data) and per 100 look-alike texts.
//
//   npx tsx cli/pii/eval.ts --data ../shared/data/pii/synth_dataset_v2.json [--data …]
//     [--benign ../shared/data/guard/train.jsonl] [--generated] [--show N]

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PII_TYPES, detectPii, type PiiSpan } from '../../src/guards/pii/index';
import { DEV_TEMPLATES, HELD_OUT_TEMPLATES, LOOKALIKE_TEMPLATES, generate, regionExamples, type LabelledText } from './templates';

// presidio-research entity names → ours. Types we do not detect are kept under their own name, so
// a prediction landing on them counts as a false positive of the predicted type.
const PRESIDIO: Readonly<Record<string, string>> = {
  EMAIL_ADDRESS: 'EMAIL', PHONE_NUMBER: 'PHONE', CREDIT_CARD: 'CREDIT_CARD', IBAN_CODE: 'IBAN', US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS', PERSON: 'PERSON', STREET_ADDRESS: 'ADDRESS', ADDRESS: 'ADDRESS',
};

// Gold types we do not detect (DATE_TIME, LOCATION, PERSON, …) are not counted as misses.
const DETECTED: ReadonlySet<string> = new Set(PII_TYPES);

export interface TypeScore { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface EvalResult { texts: number; types: Record<string, TypeScore>; errors: { text: string; kind: 'fp' | 'fn'; type: string; value: string }[] }

/** Reads presidio JSON (array), presidio JSONL, or {"text","spans":[{type,start,end}]} JSONL. */
export function loadLabelled(file: string): LabelledText[] {
  const raw = readFileSync(file, 'utf8');
  const rows: unknown[] = raw.trimStart().startsWith('[') ? JSON.parse(raw) : raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return rows.map((row) => {
    const r = row as { full_text?: string; text?: string; spans?: Record<string, unknown>[] };
    const text = r.full_text ?? r.text ?? '';
    const spans = (r.spans ?? []).map((s) => ({
      type: typeof s.entity_type === 'string' ? PRESIDIO[s.entity_type] ?? s.entity_type : String(s.type),
      start: Number(s.start_position ?? s.start),
      end: Number(s.end_position ?? s.end),
    }));
    return { text, spans };
  });
}

// A prediction matches a gold span of its type when they overlap by at least half of the union:
// detectors and annotators disagree on edges ("(0)", an extension, a trailing dot), not on values.
function matches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return inter > 0 && inter / union >= 0.5;
}

export function score(
  rows: readonly LabelledText[],
  detect: (t: string) => readonly PiiSpan[] = (t) => detectPii(t),
  scored: ReadonlySet<string> = DETECTED,
): EvalResult {
  const types: Record<string, TypeScore> = {};
  const errors: EvalResult['errors'] = [];
  const cell = (t: string): TypeScore => (types[t] ??= { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
  for (const row of rows) {
    const predicted = detect(row.text);
    const used = new Set<number>();
    for (const g of row.spans) {
      const k = predicted.findIndex((p, i) => !used.has(i) && p.type === g.type && matches(p, g));
      if (k >= 0) {
        used.add(k);
        cell(g.type).tp++;
      } else if (scored.has(g.type)) {
        cell(g.type).fn++;
        errors.push({ text: row.text, kind: 'fn', type: g.type, value: row.text.slice(g.start, g.end) });
      }
    }
    predicted.forEach((p, i) => {
      if (used.has(i)) return;
      cell(p.type).fp++;
      errors.push({ text: row.text, kind: 'fp', type: p.type, value: row.text.slice(p.start, p.end) });
    });
  }
  for (const s of Object.values(types)) {
    s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
    s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
    s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  }
  for (const t of Object.keys(types)) if (types[t].tp + types[t].fn + types[t].fp === 0) delete types[t];
  return { texts: rows.length, types, errors };
}


/** Precision/recall/F1 per type for one labelled file. */
export function evalPii(file: string): EvalResult {
  return score(loadLabelled(file));
}

export interface BenignResult { prompts: number; spans: number; per100: number; byType: Record<string, number>; examples: { type: string; value: string; context: string }[] }

/** Every span found in texts that have no PII by construction (or by the dataset's labels). */
export function falseSpans(texts: readonly string[]): BenignResult {
  return falseSpansOf(texts, (t) => detectPii(t));
}

export function falseSpansOf(texts: readonly string[], detect: (t: string) => readonly PiiSpan[]): BenignResult {
  const byType: Record<string, number> = {};
  const examples: BenignResult['examples'] = [];
  let spans = 0;
  for (const text of texts) {
    for (const s of detect(text)) {
      spans++;
      byType[s.type] = (byType[s.type] ?? 0) + 1;
      examples.push({ type: s.type, value: text.slice(s.start, s.end), context: text.slice(Math.max(0, s.start - 40), s.end + 20).replace(/\s+/g, ' ') });
    }
  }
  return { prompts: texts.length, spans, per100: (100 * spans) / Math.max(1, texts.length), byType, examples };
}

/** Benign prompts of the guard data: categories starting with "benign". */
export function loadBenign(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; category: string })
    .filter((r) => r.category.startsWith('benign')).map((r) => r.text);
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);

export function table(title: string, r: EvalResult): string {
  const lines = [`${title} (${r.texts} texts)`, `  ${'type'.padEnd(15)} ${'gold'.padStart(5)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)}  prec%  rec%   F1%`];
  for (const [t, s] of Object.entries(r.types).sort()) {
    lines.push(`  ${t.padEnd(15)} ${String(s.tp + s.fn).padStart(5)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`);
  }
  return lines.join('\n');
}

function benignTable(title: string, b: BenignResult): string {
  const types = Object.entries(b.byType).map(([t, n]) => `${t} ${n}`).join(', ') || 'none';
  return `${title}: ${b.spans} spans in ${b.prompts} texts = ${b.per100.toFixed(2)} per 100 (${types})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', multiple: true },
      benign: { type: 'string', default: '../shared/data/guard/train.jsonl' },
      generated: { type: 'boolean', default: false },
      show: { type: 'string', default: '0' },
    },
  });
  const show = Number(values.show);
  const print = (errors: { kind?: string; type: string; value: string; context?: string; text?: string }[]): void => {
    for (const e of errors.slice(0, show)) console.log(`    ${e.kind ?? 'span'} ${e.type}: ${JSON.stringify(e.value)}  …${JSON.stringify((e.context ?? e.text ?? '').slice(0, 160))}`);
  };
  for (const file of values.data ?? []) {
    const r = evalPii(file);
    console.log(table(file, r));
    print(r.errors);
  }
  if (values.generated) {
    for (const [name, templates, seed] of [['generated, dev templates', DEV_TEMPLATES, 1], ['generated, held-out templates', HELD_OUT_TEMPLATES, 2]] as const) {
      const r = score(generate(templates, 2000, seed));
      console.log(table(name, r));
      print(r.errors);
    }
    for (const style of ['international', 'national', 'national-bare'] as const) {
      const r = score(regionExamples(style));
      console.log(table(`phone example numbers of every region, ${style}`, r));
      print(r.errors);
    }
    const look = falseSpans(generate(LOOKALIKE_TEMPLATES, 2000, 3).map((t) => t.text));
    console.log(benignTable('look-alikes (versions, dates, prices, ids, hashes, UUIDs)', look));
    print(look.examples);
  }
  if (values.benign) {
    const b = falseSpans(loadBenign(values.benign));
    console.log(benignTable(`benign prompts (${values.benign})`, b));
    print(b.examples);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
