import { type Grader, requireReference } from './types';

/**
 * Exact match against the reference. By default case, runs of whitespace, surrounding quotes and
 * final punctuation are ignored ("Paris." = "paris"), which is how QA benchmarks score exact match
 * (SQuAD's normalization, minus article removal, which is English-only).
 */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/[.!?;:,]+$/, '')
    .trim();
}

export function exactGrader(opts: { strict: boolean }): Grader {
  return {
    name: 'exact',
    needsReference: true,
    async grade(input) {
      const reference = requireReference('exact', input);
      const same = opts.strict ? input.answer === reference : normalizeAnswer(input.answer) === normalizeAnswer(reference);
      return { score: same ? 1 : 0, pass: same };
    },
  };
}
