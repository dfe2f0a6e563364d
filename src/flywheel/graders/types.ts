/**
 * The grader interface: every grader answers one question — how good is this answer? — with a
 * score in [0, 1] and a pass/fail. Reference graders judge an answer against another one (exact
 * match, numeric tolerance, the model grader comparing two answers pairwise); standalone graders
 * judge an answer alone (regex, JSON-schema validity, the model grader scoring against a rubric).
 * The shadow comparison and `npm run eval` use graders only through this interface.
 * This file imports nothing from any implementation.
 */
export interface GradeInput {
  /** What the answer answers (the user's last message). */
  prompt: string;
  answer: string;
  /** Reference graders: the answer to compare with (an expected answer, or the large model's). */
  reference?: string;
}

export interface Grade {
  /** In [0, 1]: 1 is as good as the reference (or fully meets the rubric). */
  score: number;
  pass: boolean;
  /**
   * Reference graders that judge both sides (pairwise): how the reference fared in the same
   * comparison (0 when the answer beat it). Absent: the reference is the standard (score 1).
   */
  referenceScore?: number;
  /** What the grader saw or said (winner, parsed numbers, schema errors, the model's reason). */
  detail?: Record<string, unknown>;
}

export interface Grader {
  /** `exact`, `regex`, `json_schema`, `numeric`, `model:<model>`. */
  readonly name: string;
  readonly needsReference: boolean;
  grade(input: GradeInput, signal?: AbortSignal): Promise<Grade>;
}

/** A chat completion call (OpenAI protocol) for model graders: the JSON body in, the JSON answer out. */
export type ChatCall = (body: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

export class GraderError extends Error {
  constructor(grader: string, message: string) {
    super(`grader ${grader}: ${message}`);
    this.name = 'GraderError';
  }
}

/** A reference grader asked without a reference is a programming error, never a pass. */
export function requireReference(grader: string, input: GradeInput): string {
  if (input.reference === undefined) throw new GraderError(grader, 'needs a reference answer');
  return input.reference;
}
