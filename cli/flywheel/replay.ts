// What a policy would have done to recorded traffic (`npm run replay`): for each recorded chat
// request, the input guards' decision, the route (tier and model), the output guards, and the
// cost and savings at the recorded token usage — next to what was done.
//
// Scores: a guard is rescored on the trace's captured text when that text is what the guard saw
// and the guard runs locally (embedded heads, PII and secret detectors). Captured text is
// redacted by default ("[EMAIL_1]" where an e-mail was): then the recorded score of the same rule
// is reused when there is one, since the guard saw the original; a detector counts a placeholder
// of a type it covers as a detection. Remote classifiers and cascades reuse recorded scores.
// A rule with neither is rescored on the redacted text if it can be, else counts as not firing.
// The router follows the same order. Each case is counted in the report.

import type { CompiledRule } from '../../src/guards/compile';
import { embeddedRouter, isHead } from '../../src/guards/embedded/index';
import { GuardMemo } from '../../src/guards/memo';
import { PERSONAL_TYPES, SECRET_TYPES } from '../../src/guards/pii/types';
import type { CompiledPolicy } from '../../src/policy/compile';
import type { GuardRule } from '../../src/policy/schema';
import { costOf } from '../../src/telemetry/cost';
import type { Trace } from '../../src/telemetry/trace';

export type ScoreSource = 'rescored' | 'recorded' | 'unscored';

export interface Replayed {
  id: string;
  recorded: { decision: string; tier: string | null; model: string | null; cost_usd: number; saved_usd: number };
  replayed: { decision: string; tier: string | null; model: string | null; cost_usd: number; saved_usd: number; fired: string[]; error?: string };
  scores: Record<ScoreSource, number>;
  router: ScoreSource | 'not_routed';
  /** The recorded request got no answer (blocked, failed) but would now: its completion tokens are unknown (counted as 0). */
  completion_unknown: boolean;
}

const PLACEHOLDERS = /\[([A-Z_]+)_\d+\]/g;
/** Text the guards saw as it was: captured in full, or with nothing to redact. */
const verbatim = (text: string | null | undefined): text is string => !!text && !/\[[A-Z_]+_\d+\]/.test(text);
const ctx = () => ({ signal: new AbortController().signal, requestId: 'replay', memo: new GuardMemo() });

function localKind(rule: CompiledRule): 'head' | 'detector' | undefined {
  if (rule.cascade) return undefined;
  if (isHead(rule.name)) return 'head';
  if (rule.name === 'pii' || rule.name === 'secrets') return 'detector';
  return undefined;
}

/** One rule's score: rescored where the text is what the guard saw, else recorded (k-th rule of its name on that side), else rescored on redacted text. */
async function scoreRule(rule: CompiledRule, spec: GuardRule, text: string | null, recorded: Trace['guards'], k: number, side: 'input' | 'output'): Promise<{ score: number | null; from: ScoreSource }> {
  const kind = localKind(rule);
  if (text && kind === 'detector') {
    const found = (await rule.guard.check(text, ctx())).score;
    const covered: readonly string[] = spec.types ?? (rule.name === 'pii' ? PERSONAL_TYPES : SECRET_TYPES);
    const placeholders = [...text.matchAll(PLACEHOLDERS)].map((m) => m[1]!);
    return { score: placeholders.some((t) => covered.includes(t)) ? Math.max(found, 1) : found, from: 'rescored' };
  }
  if (verbatim(text) && kind) return { score: (await rule.guard.check(text, ctx())).score, from: 'rescored' };
  const same = recorded.filter((g) => g.name === rule.name && g.side === side)[k];
  if (same && typeof same.score === 'number') return { score: same.score, from: 'recorded' };
  if (text && kind) return { score: (await rule.guard.check(text, ctx())).score, from: 'rescored' };
  return { score: null, from: 'unscored' };
}

interface SideResult {
  block?: string;
  redact: boolean;
  flag: boolean;
  routeTier?: string;
  fired: string[];
}

async function runSide(rules: readonly CompiledRule[], specs: readonly GuardRule[], text: string | null, trace: Trace, side: 'input' | 'output', scores: Record<ScoreSource, number>): Promise<SideResult> {
  const out: SideResult = { redact: false, flag: false, fired: [] };
  const seen = new Map<string, number>();
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const k = seen.get(rule.name) ?? 0;
    seen.set(rule.name, k + 1);
    const { score, from } = await scoreRule(rule, specs[i]!, text, trace.guards ?? [], k, side);
    scores[from]++;
    if (score === null || score < rule.threshold || rule.mode === 'shadow') continue;
    out.fired.push(`${side}:${rule.name}:${rule.action}`);
    if (rule.action === 'block') out.block ??= rule.name;
    else if (rule.action === 'redact') out.redact = true;
    else if (rule.action === 'flag') out.flag = true;
    else if (rule.action.startsWith('route:')) {
      out.routeTier ??= rule.action.slice('route:'.length);
      out.flag = true;
    }
  }
  return out;
}

/** The route the policy gives: a guard's route:<tier>, the router for `auto`, else the model's alias. */
function route(policy: CompiledPolicy, trace: Trace, routeTier: string | undefined): { tier: string; model: string; router: Replayed['router'] } {
  const first = (tier: string) => ({ tier, model: policy.tiers.get(tier)?.[0]?.model ?? tier });
  if (routeTier) return { ...first(routeTier), router: 'not_routed' };
  const requested = trace.model_requested ?? 'auto';
  if (requested === 'auto' && policy.routing) {
    const r = policy.routing;
    const recorded = typeof trace.router_score === 'number' ? trace.router_score : undefined;
    const [score, from]: [number | undefined, Replayed['router']] = verbatim(trace.input)
      ? [embeddedRouter().score(trace.input), 'rescored']
      : recorded !== undefined
        ? [recorded, 'recorded']
        : trace.input
          ? [embeddedRouter().score(trace.input), 'rescored']
          : [undefined, 'unscored'];
    if (score === undefined) return { ...first(r.onError === 'above' ? r.above : r.below), router: 'unscored' };
    return { ...first(score >= r.threshold ? r.above : r.below), router: from };
  }
  const res = policy.resolveModel(requested);
  return { tier: res.tier, model: res.targets[0]?.model ?? requested, router: 'not_routed' };
}

export async function replayTrace(policy: CompiledPolicy, trace: Trace): Promise<Replayed> {
  const scores: Record<ScoreSource, number> = { rescored: 0, recorded: 0, unscored: 0 };
  const recorded = { decision: trace.decision, tier: trace.tier, model: trace.model_used, cost_usd: trace.cost_usd ?? 0, saved_usd: trace.saved_usd ?? 0 };
  const usage = { prompt_tokens: trace.usage?.prompt_tokens ?? 0, completion_tokens: trace.usage?.completion_tokens ?? 0, cached_tokens: trace.usage?.cached_tokens ?? 0 };
  const base = { id: trace.id, recorded, scores, completion_unknown: false };

  const input = await runSide(policy.inputRules, policy.spec.guards.input, trace.input ?? null, trace, 'input', scores);
  if (input.block) {
    const cost = costOf({ policy, model: null, usage, blocked: true, billed: false, estimated: false });
    return { ...base, router: 'not_routed', replayed: { decision: 'block', tier: null, model: null, cost_usd: cost.cost_usd, saved_usd: cost.saved_usd, fired: input.fired } };
  }
  let r: ReturnType<typeof route>;
  try {
    r = route(policy, trace, input.routeTier);
  } catch (err) {
    // e.g. a model name the policy refuses (no alias, no passthrough): the request would fail.
    return { ...base, router: 'not_routed', replayed: { decision: 'error', tier: null, model: null, cost_usd: 0, saved_usd: 0, fired: input.fired, error: (err as Error).message } };
  }
  const output = await runSide(policy.outputRules, policy.spec.guards.output, trace.output ?? null, trace, 'output', scores);
  const answered = recorded.model !== null && usage.completion_tokens > 0;
  const cost = costOf({ policy, model: r.model, usage, blocked: false, billed: true, estimated: false });
  const decision = output.block ? 'block' : input.redact || output.redact ? 'redact' : input.flag || output.flag ? 'flag' : 'allow';
  return {
    ...base,
    completion_unknown: !answered,
    router: r.router,
    replayed: { decision, tier: r.tier, model: r.model, cost_usd: cost.cost_usd, saved_usd: cost.saved_usd, fired: [...input.fired, ...output.fired] },
  };
}
