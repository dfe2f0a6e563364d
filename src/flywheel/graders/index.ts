import { exactGrader } from './exact';
import { jsonSchemaGrader } from './json-schema';
import { modelGrader } from './model';
import { numericGrader } from './numeric';
import { regexGrader } from './regex';
import type { GraderConfig } from './schema';
import type { ChatCall, Grader } from './types';

export type { ChatCall, Grade, GradeInput, Grader } from './types';
export { GraderError } from './types';
export { type GraderConfig, graderSchema } from './schema';

export interface GraderHost {
  /** Model graders: how to reach the named provider (the policy's, or the CLI's OPENAI_BASE_URL). */
  chat(provider: string): ChatCall;
  random?: () => number;
}

/** One registry line per grader: a new grader touches its own file and this switch. */
export function createGrader(config: GraderConfig, host: GraderHost): Grader {
  switch (config.type) {
    case 'exact':
      return exactGrader(config);
    case 'regex':
      return regexGrader(config);
    case 'json_schema':
      return jsonSchemaGrader(config);
    case 'numeric':
      return numericGrader(config);
    case 'model':
      return modelGrader({
        model: config.model,
        mode: config.mode,
        rubric: config.rubric,
        passScore: config.pass_score,
        timeoutMs: config.timeout_ms,
        chat: host.chat(config.provider),
        random: host.random,
      });
  }
}

/**
 * Two answers to one prompt, as routing qualities: q_weak for the small model's answer, q_strong
 * for the large one's. Reference graders judge the small answer against the large one (the
 * reference); standalone graders judge each answer alone.
 */
export async function compareAnswers(grader: Grader, prompt: string, weak: string, strong: string, signal?: AbortSignal) {
  if (grader.needsReference) {
    const g = await grader.grade({ prompt, answer: weak, reference: strong }, signal);
    return { q_weak: g.score, q_strong: g.referenceScore ?? 1, detail: { weak: g.detail ?? {} } };
  }
  const [w, s] = await Promise.all([grader.grade({ prompt, answer: weak }, signal), grader.grade({ prompt, answer: strong }, signal)]);
  return { q_weak: w.score, q_strong: s.score, detail: { weak: w.detail ?? {}, strong: s.detail ?? {} } };
}
