import type { PipelineContext } from '../pipeline/chat';
import { captureText } from '../pipeline/capture';
import { lastUserText, segmentsOf } from '../pipeline/messages';
import type { ChatCompletionRequest } from '../openai/schemas';
import { type ShadowSettings, shadowTiers } from './schema';
import { runShadow } from './shadow';

/** The sample rate: the policy's, unless its `sample_rate_env` variable holds a number in [0, 1]. */
export function sampleRate(settings: ShadowSettings, env: Record<string, unknown>): number {
  const raw = settings.sample_rate_env ? env[settings.sample_rate_env] : undefined;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return n >= 0 && n <= 1 ? n : settings.sample_rate;
}

/**
 * Router labels from live traffic (README "The flywheel"): a sample of the requests the small
 * tier served is also sent to the large tier in the background and a grader compares the answers.
 * Called once the small tier's answer is complete, with the body that was forwarded. Only the
 * sampling decision runs here; everything else runs in `ctx.waitUntil`, after the response, so the
 * client never waits for it. A request answered from the cache, or whose policy keeps no text
 * (`capture.text: none`: the row would have nothing to learn from), is not sampled.
 */
export function shadowCompare(ctx: PipelineContext, body: ChatCompletionRequest, answer: string): void {
  const { state } = ctx;
  const policy = state.policy;
  const settings = policy?.spec.flywheel?.shadow;
  if (!policy || !settings || !answer || state.cache === 'hit' || !state.tier || !state.modelUsed) return;
  const db = ctx.env.DB as D1Database | undefined;
  if (!db || policy.spec.capture.text === 'none') return;
  const { sampled, compareTo } = shadowTiers(policy.spec, settings);
  if (!sampled.includes(state.tier) || !(Math.random() < sampleRate(settings, ctx.env))) return;

  const requestId = state.id;
  const weakModel = state.modelUsed;
  const job = async () => {
    // Off the client's path: nothing below runs before the response is on its way.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const prompt = lastUserText(segmentsOf(body));
    const text = captureText(prompt, policy.spec.capture.text);
    if (!text) return;
    await runShadow({ db, policy, settings, compareTo, requestId, body, prompt, text, weakModel, weakAnswer: answer });
  };
  ctx.waitUntil(
    job().catch((err) => console.error(`[triage] ${requestId} shadow comparison not stored: ${(err as Error)?.message ?? err}`)),
  );
}
