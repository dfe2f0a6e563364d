import { z } from 'zod';
import { deadline } from '../deadline';
import { type ChatCall, type Grade, type Grader, GraderError, type GradeInput, requireReference } from './types';

/**
 * The model grader ("LLM-as-a-judge", Zheng et al. 2023, arXiv:2306.05685): an OpenAI-compatible
 * model reads a rubric and answers in a structure (response_format json_schema) that zod
 * validates — an answer that is not that structure is an error, never a pass.
 *
 * - pairwise: is the answer at least as good as the reference? The two are shown in random order,
 *   because judges favour the first position (ibid. §3.3), and the order is recorded.
 * - scored: 1–10 against the rubric, the answer alone; `pass_score` and above pass.
 */
export const DEFAULT_RUBRIC =
  'A good answer does what the user asked, is correct, and is complete enough to be useful. ' +
  'Do not prefer an answer for being longer, more formatted or more confident; prefer the one a careful expert would accept.';

const MAX_CHARS = 8_000;
const clip = (text: string) => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n[…truncated]` : text);

export const pairwiseVerdict = z.strictObject({
  reason: z.string().max(2000).describe('One or two sentences: what decides.'),
  winner: z.enum(['A', 'B', 'tie']).describe('The better answer, or tie when they are equally good (or equally bad).'),
});
export const scoredVerdict = z.strictObject({
  reason: z.string().max(2000).describe('One or two sentences: what decides.'),
  score: z.number().int().min(1).max(10).describe('1 = useless or wrong, 10 = fully meets the rubric.'),
});

// Built once: converting a zod schema to JSON Schema on every grading is measurable CPU.
const responseFormat = (schema: z.ZodType) => ({ type: 'json_schema', json_schema: { name: 'triage_grade', strict: true, schema: z.toJSONSchema(schema) } });
const FORMATS = new Map<z.ZodType, ReturnType<typeof responseFormat>>([
  [pairwiseVerdict, responseFormat(pairwiseVerdict)],
  [scoredVerdict, responseFormat(scoredVerdict)],
]);

function system(mode: 'pairwise' | 'scored', rubric: string): string {
  const task =
    mode === 'pairwise'
      ? 'You are an impartial judge. Compare two answers, A and B, to the same user prompt. The order in which they are shown means nothing.'
      : 'You are an impartial judge. Score one answer to a user prompt from 1 to 10.';
  const out = mode === 'pairwise' ? '{"reason": <string>, "winner": "A" | "B" | "tie"}' : '{"reason": <string>, "score": <1..10>}';
  return `${task}\nRubric: ${rubric}\nAnswer only with JSON: ${out}.`;
}

export interface ModelGraderOptions {
  model: string;
  mode: 'pairwise' | 'scored';
  rubric?: string;
  passScore: number;
  timeoutMs: number;
  chat: ChatCall;
  /** For the pairwise order; Math.random unless a test fixes it. */
  random?: () => number;
}

async function ask<T>(opts: ModelGraderOptions, schema: z.ZodType<T>, user: string, signal?: AbortSignal): Promise<T> {
  const name = `model:${opts.model}`;
  const until = deadline(opts.timeoutMs, signal);
  const json = (await opts.chat(
    {
      model: opts.model,
      temperature: 0,
      max_tokens: 400,
      response_format: FORMATS.get(schema) ?? responseFormat(schema),
      messages: [
        { role: 'system', content: system(opts.mode, opts.rubric ?? DEFAULT_RUBRIC) },
        { role: 'user', content: user },
      ],
    },
    until.signal,
  ).finally(until.clear)) as { choices?: Array<{ message?: { content?: string | null } }> };
  const content = json?.choices?.[0]?.message?.content ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new GraderError(name, 'the judge did not answer JSON');
  }
  const verdict = schema.safeParse(parsed);
  if (!verdict.success) throw new GraderError(name, `the judge's answer is not a verdict (${verdict.error.issues[0]?.message})`);
  return verdict.data;
}

async function pairwise(opts: ModelGraderOptions, input: GradeInput, signal?: AbortSignal): Promise<Grade> {
  const reference = requireReference(`model:${opts.model}`, input);
  const answerFirst = (opts.random ?? Math.random)() < 0.5;
  const [a, b] = answerFirst ? [input.answer, reference] : [reference, input.answer];
  const user = `[User prompt]\n${clip(input.prompt)}\n\n[Answer A]\n${clip(a)}\n\n[Answer B]\n${clip(b)}`;
  const v = await ask(opts, pairwiseVerdict, user, signal);
  const winner = v.winner === 'tie' ? 'tie' : (v.winner === 'A') === answerFirst ? 'answer' : 'reference';
  return {
    score: winner === 'reference' ? 0 : 1,
    pass: winner !== 'reference',
    referenceScore: winner === 'answer' ? 0 : 1,
    detail: { winner, order: answerFirst ? 'answer-first' : 'reference-first', reason: v.reason },
  };
}

async function scored(opts: ModelGraderOptions, input: GradeInput, signal?: AbortSignal): Promise<Grade> {
  const user = `[User prompt]\n${clip(input.prompt)}\n\n[Answer]\n${clip(input.answer)}`;
  const v = await ask(opts, scoredVerdict, user, signal);
  return { score: (v.score - 1) / 9, pass: v.score >= opts.passScore, detail: { score: v.score, reason: v.reason } };
}

export function modelGrader(opts: ModelGraderOptions): Grader {
  return {
    name: `model:${opts.model}`,
    needsReference: opts.mode === 'pairwise',
    grade: (input, signal) => (opts.mode === 'pairwise' ? pairwise(opts, input, signal) : scored(opts, input, signal)),
  };
}
