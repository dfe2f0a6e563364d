import { Hono } from 'hono';
import { z } from 'zod';
import { embeddedGuardModel } from '../guards/embedded';
import { detectPii } from '../guards/pii';
import { PERSONAL_TYPES } from '../guards/pii/types';
import type { HeadScores } from '../classifier';
import { admit } from '../limits';
import { readJsonBody, validate } from '../openai/parse';
import { estimateTextTokens } from '../pipeline/tokens';
import { pipelineContext } from './context';
import type { AppEnv } from './types';

/**
 * POST /v1/moderations in OpenAI's shape, answered by the embedded models in microseconds.
 *
 * Mapping (documented in README): our heads do not cover every OpenAI category, and we do not
 * pretend they do —
 *   harassment, hate                         ← toxic
 *   harassment/threatening, hate/threatening ← min(toxic, harmful)
 *   illicit, illicit/violent, violence       ← harmful (requests for harmful help)
 *   self-harm*, sexual*, violence/graphic    ← 0: not covered by the embedded models
 * Triage's own categories are added: prompt_injection, jailbreak, pii.
 * A category is flagged at its head's 1%-false-positive operating point.
 */
const part = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string() }) }),
]);
const moderationRequest = z.looseObject({
  input: z.union([z.string(), z.array(z.string()).min(1).max(256), z.array(part).min(1).max(256)]),
  model: z.string().optional(),
});

const OPENAI_CATEGORIES = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent',
  'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;

function categoryScores(s: HeadScores, pii: boolean): Record<string, number> {
  const threatening = Math.min(s.toxic, s.harmful);
  const out: Record<string, number> = Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, 0]));
  Object.assign(out, {
    harassment: s.toxic, hate: s.toxic, 'harassment/threatening': threatening, 'hate/threatening': threatening,
    illicit: s.harmful, 'illicit/violent': s.harmful, violence: s.harmful,
    prompt_injection: s.prompt_injection, jailbreak: s.jailbreak, pii: pii ? 1 : 0,
  });
  return out;
}

/** The head each category's flag follows (its threshold). */
const HEAD_OF: Record<string, keyof HeadScores | undefined> = {
  harassment: 'toxic', hate: 'toxic', 'harassment/threatening': 'toxic', 'hate/threatening': 'toxic',
  illicit: 'harmful', 'illicit/violent': 'harmful', violence: 'harmful', prompt_injection: 'prompt_injection', jailbreak: 'jailbreak',
};

export const moderationRoutes = new Hono<AppEnv>().post('/moderations', async (c) => {
  const ctx = pipelineContext(c);
  const body = validate(moderationRequest, await readJsonBody(c.req.raw, ctx.maxBodyBytes));
  const items = typeof body.input === 'string' ? [body.input] : body.input;
  const texts = items.map((i) => (typeof i === 'string' ? i : i.type === 'text' ? i.text : null));
  await admit(c.env, ctx.state, texts.reduce((n, t) => n + estimateTextTokens(t ?? ''), 0));
  const model = embeddedGuardModel();
  ctx.state.modelRequested = body.model ?? 'triage-moderation';
  ctx.state.modelUsed = `triage-guard-${model.info.version}`;

  ctx.state.timing.start('guard');
  const results = texts.map((text) => {
    const scores = text === null ? { prompt_injection: 0, jailbreak: 0, harmful: 0, toxic: 0 } : model.score(text);
    const pii = text !== null && detectPii(text, { types: PERSONAL_TYPES }).length > 0;
    const category_scores = categoryScores(scores, pii);
    const categories: Record<string, boolean> = {};
    const applied: Record<string, string[]> = {};
    for (const [name, score] of Object.entries(category_scores)) {
      const head = HEAD_OF[name];
      const threshold = head ? model.thresholds[head].fpr_1pct ?? 0.5 : 0.5;
      categories[name] = name === 'pii' ? pii : head ? score >= threshold : false;
      applied[name] = text === null ? [] : ['text']; // images are not scored
    }
    return { flagged: Object.values(categories).some(Boolean), categories, category_scores, category_applied_input_types: applied };
  });
  ctx.state.timing.end('guard');
  if (results.some((r) => r.flagged)) ctx.state.decision = 'flag';
  return c.json({ id: `modr-${ctx.state.id.slice(4)}`, model: ctx.state.modelUsed, results });
});
