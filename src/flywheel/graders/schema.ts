import { z } from 'zod';

/**
 * Grader settings, as policies (`flywheel.shadow.grader`) and `npm run eval -- --grader FILE`
 * write them. Strict objects, like the rest of the policy schema.
 */
const providerName = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, ".", "_" or "-"');

export const graderSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('exact').describe('The answer equals the reference (case, whitespace and final punctuation ignored unless strict).'),
    strict: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('regex').describe('The answer matches a regular expression.'),
    pattern: z.string().min(1).refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'a valid regular expression'),
    flags: z.string().regex(/^[imsu]*$/, 'flags among i, m, s, u').default(''),
  }),
  z.strictObject({
    type: z.literal('json_schema').describe('The answer is JSON (a fenced ```json block is accepted) valid against a JSON Schema.'),
    schema: z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12).'),
  }),
  z.strictObject({
    type: z.literal('numeric').describe("The answer's final number equals the reference's, within a tolerance."),
    tolerance: z.number().min(0).default(1e-6).describe('Absolute tolerance (or relative, with relative: true).'),
    relative: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('model').describe('An OpenAI-compatible model judges with a rubric and answers in a zod-validated structure.'),
    provider: providerName.describe("In a policy: one of the policy's providers. In the CLI: OPENAI_BASE_URL/OPENAI_API_KEY."),
    model: z.string().min(1),
    mode: z
      .enum(['pairwise', 'scored'])
      .default('pairwise')
      .describe('pairwise: is the answer as good as the reference? scored: 1–10 against the rubric, alone.'),
    rubric: z.string().max(4000).optional().describe('What a good answer is, for this traffic (a general rubric otherwise).'),
    pass_score: z.number().int().min(1).max(10).default(7).describe('scored: the lowest score that passes.'),
    timeout_ms: z.number().int().min(1).max(600_000).default(30_000),
  }),
]);

export type GraderConfig = z.output<typeof graderSchema>;
export type GraderConfigInput = z.input<typeof graderSchema>;
