// OpenAI chat fine-tuning files for the remote workhorse classifier (src/guards/remote): each line
// is the exact conversation the guard has with the model — the verdict system prompt with the
// label set, the text as the user turn (capped as the guard caps it), and the structured verdict
// as the assistant turn, validated with the guard's own zod schema. A model fine-tuned on these
// answers the guard's question the way the guard parses it, so its id plugs into `classifiers:`.

import { createHash } from 'node:crypto';
import { VERDICT_LABELS, VERDICT_SYSTEM_PROMPT, type VerdictLabel, verdictSchema } from '../../src/guards/remote/verdict';
import { verdictLabelOf } from '../../src/flywheel/labels';

/** The remote guard sends at most this much text (src/guards/remote/index.ts). */
export const MAX_USER_CHARS = 16_000;

export interface FineTuneLine {
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
}

export function fineTuneLine(text: string, label: VerdictLabel): FineTuneLine {
  // Ground truth from a person or a curated dataset: full confidence.
  const verdict = verdictSchema.parse({ label, confidence: 1 });
  return {
    messages: [
      { role: 'system', content: VERDICT_SYSTEM_PROMPT },
      { role: 'user', content: text.slice(0, MAX_USER_CHARS) },
      { role: 'assistant', content: JSON.stringify(verdict) },
    ],
  };
}

/** Problems with one line of a fine-tuning file, as the guard would read it; empty when it is valid. */
export function lineProblems(line: unknown): string[] {
  const m = (line as FineTuneLine)?.messages;
  if (!Array.isArray(m) || m.length !== 3) return ['expected {"messages":[system, user, assistant]}'];
  const problems: string[] = [];
  if (m[0]?.role !== 'system' || m[0].content !== VERDICT_SYSTEM_PROMPT) problems.push('the system turn is not the verdict prompt');
  if (m[1]?.role !== 'user' || typeof m[1].content !== 'string' || !m[1].content) problems.push('the user turn is empty');
  if (m[2]?.role !== 'assistant') problems.push('the last turn is not the assistant');
  else {
    try {
      const v = verdictSchema.safeParse(JSON.parse(m[2].content));
      if (!v.success) problems.push(`the assistant turn is not a verdict: ${v.error.issues[0]?.message}`);
    } catch {
      problems.push('the assistant turn is not JSON');
    }
  }
  return problems;
}

export interface FineTuneSet {
  train: FineTuneLine[];
  validation: FineTuneLine[];
  counts: Record<string, { train: number; validation: number }>;
  skipped: Record<string, number>;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Guard rows → fine-tuning lines. Identical texts are kept once; a text labelled two different
 * ways is dropped (it would teach both). The validation split is stratified by label and
 * deterministic (by a hash of the text): the same input always gives the same files.
 */
export function buildFineTuneSet(rows: ReadonlyArray<Record<string, unknown>>, opts: { validation: number; maxPerLabel?: number }): FineTuneSet {
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const byText = new Map<string, VerdictLabel | null>();
  for (const r of rows) {
    if (typeof r.q_weak === 'number') {
      skip('routing rows (the remote classifier is a guard)');
      continue;
    }
    const label = typeof r.text === 'string' && r.text.trim() && typeof r.category === 'string' && typeof r.label === 'number' ? verdictLabelOf(r.category, r.label) : undefined;
    if (!label) {
      skip('rows without text or with a category the verdict has no label for');
      continue;
    }
    const text = r.text as string;
    const seen = byText.get(text);
    if (seen === undefined) byText.set(text, label);
    else if (seen !== null && seen !== label) {
      byText.set(text, null);
      skip('texts labelled two different ways');
    } else skip('duplicate texts');
  }
  const out: FineTuneSet = { train: [], validation: [], counts: {}, skipped };
  for (const label of VERDICT_LABELS) {
    let texts = [...byText].filter(([, l]) => l === label).map(([t]) => t);
    texts.sort((a, b) => hashOf(a).localeCompare(hashOf(b)));
    if (opts.maxPerLabel !== undefined && texts.length > opts.maxPerLabel) texts = texts.slice(0, opts.maxPerLabel);
    const nVal = texts.length >= 2 ? Math.max(opts.validation > 0 ? 1 : 0, Math.round(texts.length * opts.validation)) : 0;
    const validation = texts.slice(0, nVal);
    const train = texts.slice(nVal);
    out.validation.push(...validation.map((t) => fineTuneLine(t, label)));
    out.train.push(...train.map((t) => fineTuneLine(t, label)));
    if (texts.length) out.counts[label] = { train: train.length, validation: validation.length };
  }
  // Interleave labels deterministically: a file sorted by label trains worse in small batches.
  const mix = (lines: FineTuneLine[]) => lines.sort((a, b) => hashOf(a.messages[1]!.content).localeCompare(hashOf(b.messages[1]!.content)));
  mix(out.train);
  mix(out.validation);
  return out;
}
