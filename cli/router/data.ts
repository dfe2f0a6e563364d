// Routing rows and their sub-sources.
//
// The data (../shared/README.md) has two families: MMLU-Pro (three model pairs over the same
// questions) and LLMRouter (two pairs over the same prompts, 14 task types). Neither carries
// a task-type field, so sub-sources are inferred from the prompt's form by the rules below
// (folds.ts holds whole sub-sources out).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const RoutingRow = z.object({
  text: z.string(),
  weak: z.string(),
  strong: z.string(),
  q_weak: z.number().min(0).max(1),
  q_strong: z.number().min(0).max(1),
  source: z.string(),
  license: z.string(),
});
export type RoutingRow = z.infer<typeof RoutingRow>;

export function readRows(path: string): RoutingRow[] {
  const rows: RoutingRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = RoutingRow.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: not a routing row: ${parsed.error.message}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** Licenses whose rows may train a model we redistribute (not NC, not unknown). */
export function redistributable(license: string): boolean {
  const l = license.toLowerCase();
  return !l.includes('nc') && l !== 'unknown' && l !== '';
}

/** The big model is needed where it is strictly better. */
export const needsBig = (r: { q_weak: number; q_strong: number }) => r.q_strong > r.q_weak;

const LATEX = /\$|\\[a-zA-Z]+/;
// Stricter for LLMRouter, whose reading passages quote prices ("$5"): a LaTeX command, or a
// "$" opening maths ("$x", "$(", "$2+3").
const LATEX_MATH = /\\[a-zA-Z]+|\$[a-zA-Z({\\-]|\$\d+[+\-*/^=]/;
const WORD_LIST = /^[a-z]+(, [a-z]+){5,}$/;

// GSM8K-style word problems: several numbers and a quantity asked for, without lab science.
const GRADE_SCHOOL = /\b(how (many|much|far|long|old)|in total|altogether|each|per)\b/i;
const SCIENCE = /compound|reaction|spin|star|planet|orbit|nmr|molecul|quantum|electron|particle|wavelength|mass|energy/i;

/**
 * The sub-source of a row, inferred from the prompt's form.
 * MMLU-Pro: its questions come from the original MMLU (plain prose), STEM websites (numbers,
 * formulas without LaTeX) and TheoremQA/SciBench (LaTeX), so the form splits it into
 * `mmlu-pro/verbal`, `mmlu-pro/numeric`, `mmlu-pro/latex`.
 * LLMRouter: task families `code` (MBPP, HumanEval), `math` (GSM8K, MATH), `reading`
 * (long passages: RACE-style comprehension, long GPQA), `puzzle` (logic grids, word-list
 * generation), and `short-qa` (Natural Questions, TriviaQA, CommonsenseQA, OpenBookQA, ARC,
 * short GPQA).
 */
export function subSource(r: RoutingRow): string {
  const t = r.text.trim();
  if (r.source === 'MMLU-Pro') {
    const question = t.split('\nA. ')[0];
    if (LATEX.test(question)) return 'mmlu-pro/latex';
    const digits = question.replace(/\D/g, '').length;
    if (digits >= 3 || /\b(calculate|compute|determine|estimate)\b/i.test(question)) return 'mmlu-pro/numeric';
    return 'mmlu-pro/verbal';
  }
  if (r.source !== 'LLMRouter') return r.source;
  if (/^(write a (python )?function)/i.test(t) || /^def |"""|>>>/m.test(t)) return 'llmrouter/code';
  if (WORD_LIST.test(t) || /^Q: There are \d+ houses/.test(t)) return 'llmrouter/puzzle';
  if (LATEX_MATH.test(t)) return 'llmrouter/math';
  if (t.length > 600) return 'llmrouter/reading';
  if (GRADE_SCHOOL.test(t) && (t.match(/\d+/g)?.length ?? 0) >= 2 && !SCIENCE.test(t)) return 'llmrouter/math';
  return 'llmrouter/short-qa';
}
