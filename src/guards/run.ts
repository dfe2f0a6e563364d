import type { CompiledRule } from './compile';
import type { PiiSpan } from './pii/types';
import type { GuardContext, GuardResult } from './types';

/** One rule over several texts: the highest score decides; detectors' spans are kept per text. */
export interface RuleRun {
  rule: CompiledRule;
  score: number | null;
  fired: boolean;
  spans: Map<number, PiiSpan[]>;
  backend?: string;
  error?: string;
  latencyMs: number;
}

class GuardTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GuardTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function checkOne(rule: CompiledRule, text: string, ctx: GuardContext): GuardResult | Promise<GuardResult> {
  const first = rule.guard.check(text, ctx);
  return first instanceof Promise ? first.then((r) => cascaded(rule, r, text, ctx)) : cascaded(rule, first, text, ctx);
}

function cascaded(rule: CompiledRule, first: GuardResult, text: string, ctx: GuardContext): GuardResult | Promise<GuardResult> {
  const cascade = rule.cascade;
  // Cascade: the embedded model decides when it is confident; only its uncertain band goes on.
  if (cascade && first.score >= cascade.band[0] && first.score < cascade.band[1]) {
    return cascade.guard.check(text, ctx);
  }
  return first;
}

/**
 * Runs a rule with its deadline. Embedded backends answer synchronously (microseconds), so the
 * deadline only ever bites on remote ones. A guard that throws or times out is recorded as an
 * error — never as a pass; the rule's `on_error` decides what that means.
 */
export async function runRule(rule: CompiledRule, texts: readonly string[], ctx: GuardContext): Promise<RuleRun> {
  const t0 = performance.now();
  const run: RuleRun = { rule, score: null, fired: false, spans: new Map(), latencyMs: 0 };
  try {
    const pending = texts.map((t) => checkOne(rule, t, ctx));
    // Synchronous backends have already answered: a deadline could not interrupt them anyway, and
    // a timer per rule per request was measurable under load (timers are not free in workerd).
    const results = pending.some((p) => p instanceof Promise) ? await withTimeout(Promise.all(pending), rule.timeoutMs) : (pending as GuardResult[]);
    let best = 0;
    results.forEach((r, i) => {
      if (r.score >= best) {
        best = r.score;
        run.backend = r.backend;
      }
      if (r.spans?.length) run.spans.set(i, r.spans);
    });
    run.score = best;
    run.fired = texts.length > 0 && best >= rule.threshold;
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
    // Closed: an error counts as the guard firing. Open: as not firing (but recorded as an error).
    run.fired = rule.onError === 'closed';
  }
  run.latencyMs = performance.now() - t0;
  return run;
}
