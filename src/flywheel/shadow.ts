import { completionTextOf, usageFrom } from '../pipeline/upstream';
import type { CompiledPolicy } from '../policy/compile';
import { forward } from '../routing/forward';
import { costOf } from '../telemetry/cost';
import { compareAnswers, createGrader, type Grader, type GraderHost } from './graders';
import { OWN_TRAFFIC_LICENSE, SHADOW_SOURCE } from './labels';
import type { ShadowSettings } from './schema';
import { Batcher } from './batch';
import { deadline } from './deadline';
import { insertRoutingLabels, type NewRoutingLabel } from './store';

/**
 * One shadow comparison, run after the client has its answer (`ctx.waitUntil`): the large tier
 * answers the same forwarded body (already redacted by the input guards, so nothing reaches it
 * that the small tier did not see), the grader compares both answers, and the routing row is
 * stored. Best effort: no retries, one deadline for the whole comparison; a failure stores nothing.
 */
export interface ShadowJob {
  db: D1Database;
  policy: CompiledPolicy;
  settings: ShadowSettings;
  compareTo: string;
  requestId: string;
  /** The body that was forwarded to the small tier. */
  body: Record<string, unknown>;
  /** The user's last message, as the router saw it and as traces capture it. */
  prompt: string;
  text: string;
  weakModel: string;
  weakAnswer: string;
}

/** Model graders reach the policy's providers, the same clients the pipeline uses. */
function policyHost(policy: CompiledPolicy): GraderHost {
  return {
    chat: (providerId) => async (body, signal) => {
      const provider = policy.providers.get(providerId);
      if (!provider) throw new Error(`grader provider "${providerId}" is not in the policy`);
      const res = await provider.send({ endpoint: 'chat/completions', body, signal: signal ?? new AbortController().signal, requestId: 'shadow-grader' });
      if (!res.ok) throw new Error(`grader provider "${providerId}": HTTP ${res.status}`);
      return res.json();
    },
  };
}

const graders = new WeakMap<ShadowSettings, Grader>();

/** One grader per policy's settings, built on first use. */
function graderFor(job: ShadowJob): Grader {
  let g = graders.get(job.settings);
  if (!g) {
    g = createGrader(job.settings.grader, policyHost(job.policy));
    graders.set(job.settings, g);
  }
  return g;
}

/** One batcher per database binding (per isolate and environment). */
const writers = new WeakMap<D1Database, Batcher<NewRoutingLabel>>();
const writerFor = (db: D1Database) => writers.get(db) ?? writers.set(db, new Batcher((rows) => insertRoutingLabels(db, rows))).get(db)!;

export async function runShadow(job: ShadowJob): Promise<void> {
  const until = deadline(job.settings.timeout_ms);
  try {
    await compare(job, until.signal);
  } finally {
    until.clear();
  }
}

async function compare(job: ShadowJob, signal: AbortSignal): Promise<void> {
  const { stream: _stream, stream_options: _options, ...rest } = job.body;
  const fwd = await forward(
    job.policy.tiers.get(job.compareTo)!,
    { endpoint: 'chat/completions', body: { ...rest, stream: false }, requestId: job.requestId, signal },
    { ...job.policy.resilience, retries: 0 },
  );
  if (!fwd.response.ok) throw new Error(`large tier answered HTTP ${fwd.response.status}`);
  const json = (await fwd.response.json()) as Record<string, any>;
  const strongAnswer = completionTextOf(json);
  if (!strongAnswer) throw new Error('large tier answered no text');

  const grader = graderFor(job);
  const q = await compareAnswers(grader, job.prompt, job.weakAnswer, strongAnswer, signal);
  const usage = usageFrom(json.usage);
  const cost = usage
    ? costOf({ policy: job.policy, model: fwd.target.model, usage: { ...usage, cached_tokens: usage.cached_tokens ?? 0 }, blocked: false, billed: true, estimated: false })
    : undefined;
  await writerFor(job.db).add({
    request_id: job.requestId,
    text: job.text,
    weak: job.weakModel,
    strong: fwd.target.model,
    q_weak: q.q_weak,
    q_strong: q.q_strong,
    source: SHADOW_SOURCE,
    license: OWN_TRAFFIC_LICENSE,
    grader: grader.name,
    detail: { ...q.detail, shadow_usage: usage ? { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens } : null, shadow_cost_usd: cost?.cost_usd ?? null },
  });
}
