import { z } from 'zod';
import { graderSchema } from './graders/schema';

/**
 * The policy's `flywheel` section (README "The flywheel"). Shadow comparisons: a sample of the
 * requests served by the small tier is also sent to the large tier after the client has its
 * answer, a grader compares the two answers, and the result is stored as a routing row.
 */
const tierName = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, ".", "_" or "-"');

export const shadowSchema = z.strictObject({
  sample_rate: z.number().min(0).max(1).describe('Share of eligible requests compared (0.02 = 2%). Each one costs a large-tier call and a grading.'),
  sample_rate_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)')
    .optional()
    .describe('A variable that, when set to a number in [0, 1], overrides sample_rate (turn sampling up or off without a deploy).'),
  tiers: z.array(tierName).min(1).optional().describe('Tiers whose requests are sampled (default: routing.below, else models.default_tier).'),
  compare_to: tierName.optional().describe('The tier asked in the background (default: routing.above, else "large").'),
  grader: graderSchema.describe('Compares the two answers: pairwise model graders and exact/numeric graders use the large answer as the reference.'),
  timeout_ms: z.number().int().min(1).max(600_000).default(60_000).describe('Deadline for the background call and its grading.'),
});

export const flywheelSchema = z.strictObject({ shadow: shadowSchema.optional() });

export type ShadowSettings = z.output<typeof shadowSchema>;

interface PolicyLike {
  providers: Record<string, unknown>;
  models: { tiers: Record<string, unknown>; default_tier: string };
  routing?: { below: string; above: string };
  flywheel?: z.output<typeof flywheelSchema>;
}

/** The tiers a shadow comparison samples and asks, with the defaults resolved. */
export function shadowTiers(p: PolicyLike, s: ShadowSettings): { sampled: string[]; compareTo: string } {
  return { sampled: s.tiers ?? [p.routing?.below ?? p.models.default_tier], compareTo: s.compare_to ?? p.routing?.above ?? 'large' };
}

/** References the section makes: tiers and the model grader's provider must exist. */
export function flywheelReferences(p: PolicyLike): Array<{ path: (string | number)[]; message: string }> {
  const s = p.flywheel?.shadow;
  if (!s) return [];
  const issues: Array<{ path: (string | number)[]; message: string }> = [];
  const tiers = Object.keys(p.models.tiers);
  const { sampled, compareTo } = shadowTiers(p, s);
  sampled.forEach((t, i) => {
    if (!tiers.includes(t)) issues.push({ path: ['flywheel', 'shadow', ...(s.tiers ? ['tiers', i] : [])], message: `unknown tier "${t}" (tiers: ${tiers.join(', ')})` });
  });
  if (!tiers.includes(compareTo)) issues.push({ path: ['flywheel', 'shadow', ...(s.compare_to ? ['compare_to'] : [])], message: `unknown tier "${compareTo}" (tiers: ${tiers.join(', ')})` });
  if (sampled.includes(compareTo)) issues.push({ path: ['flywheel', 'shadow', 'compare_to'], message: `compare_to "${compareTo}" is also a sampled tier` });
  if (s.grader.type === 'model' && !Object.hasOwn(p.providers, s.grader.provider)) {
    issues.push({ path: ['flywheel', 'shadow', 'grader', 'provider'], message: `unknown provider "${s.grader.provider}"` });
  }
  return issues;
}
