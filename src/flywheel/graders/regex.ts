import type { Grader } from './types';

/** The answer matches a pattern (a format, a required phrase, a refusal marker): standalone. */
export function regexGrader(opts: { pattern: string; flags: string }): Grader {
  const re = new RegExp(opts.pattern, opts.flags);
  return {
    name: 'regex',
    needsReference: false,
    async grade(input) {
      const match = re.exec(input.answer);
      return { score: match ? 1 : 0, pass: match !== null, detail: match ? { match: match[0].slice(0, 200) } : {} };
    },
  };
}
