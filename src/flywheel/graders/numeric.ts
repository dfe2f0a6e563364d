import { type Grader, requireReference } from './types';

// A number as answers write it: sign, thousands separators, decimals, exponent.
const NUMBER = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+/g;

/**
 * The final number of a text: what GSM8K-style graders compare ("… so the answer is 42.").
 * A "#### 42" marker, when present, wins over later numbers.
 */
export function finalNumber(text: string): number | undefined {
  const marked = /####\s*([-+]?[\d,.]+)/.exec(text);
  const candidates = marked ? [marked[1]!] : text.match(NUMBER);
  const last = candidates?.[candidates.length - 1];
  if (last === undefined) return undefined;
  const n = Number(last.replaceAll(',', ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Numeric answers equal within a tolerance (absolute, or relative to the reference). */
export function numericGrader(opts: { tolerance: number; relative: boolean }): Grader {
  return {
    name: 'numeric',
    needsReference: true,
    async grade(input) {
      const reference = requireReference('numeric', input);
      const expected = finalNumber(reference);
      const got = finalNumber(input.answer);
      if (expected === undefined || got === undefined) return { score: 0, pass: false, detail: { expected: expected ?? null, got: got ?? null } };
      const allowed = opts.relative ? opts.tolerance * Math.abs(expected) : opts.tolerance;
      const pass = Math.abs(got - expected) <= allowed;
      return { score: pass ? 1 : 0, pass, detail: { expected, got } };
    },
  };
}
