import type { CompiledRule } from '../guards/compile';
import { newRedactionState, type RedactionState, redact } from '../guards/pii';
import type { PiiSpan } from '../guards/pii/types';
import { type RuleRun, runRule } from '../guards/run';
import type { GuardContext } from '../guards/types';
import { GatewayError } from '../openai/errors';
import type { ChatCompletionRequest } from '../openai/schemas';
import { type Segment, segmentsOf, withSegments } from './messages';
import type { GuardOutcome, RequestState } from './state';

export interface InputVerdict {
  /** What goes upstream: the client's body, with redactions applied. */
  body: ChatCompletionRequest;
  segments: Segment[];
  /** Placeholder ↔ value map, shared with output redaction and restoration. */
  redaction: RedactionState;
  /** A `route:<tier>` action that fired. */
  routeTier?: string;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);

export function outcomeOf(run: RuleRun, side: 'input' | 'output'): GuardOutcome {
  const r = run.rule;
  const outcome: GuardOutcome = {
    name: r.name,
    side,
    score: round(run.score),
    threshold: round(r.threshold) ?? undefined,
    action: run.fired ? r.action : 'none',
    mode: r.mode,
    latency_ms: Math.round(run.latencyMs * 1000) / 1000,
  };
  if (run.backend) outcome.backend = run.backend;
  if (run.error) outcome.error = run.error;
  return outcome;
}

/** Overlapping spans from several rules: keep the earliest, then the longest. */
function mergeSpans(spans: PiiSpan[]): PiiSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiSpan[] = [];
  for (const s of sorted) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

export function blockedError(outcome: GuardOutcome, where: 'request' | 'response'): GatewayError {
  const why = outcome.error
    ? `the ${outcome.name} guard failed (${outcome.error}) and the policy fails closed`
    : `the ${outcome.name} guard scored ${outcome.score} (threshold ${outcome.threshold})`;
  return new GatewayError({
    status: 400,
    type: 'invalid_request_error',
    code: 'content_policy_violation',
    message: `This ${where} was blocked by the gateway's content policy: ${why}.`,
    headers: { 'x-should-retry': 'false' },
    extra: { guard: outcome.name, score: outcome.score, threshold: outcome.threshold ?? null },
  });
}

/**
 * Input guards, all in parallel. The first enforced block (in policy order) wins and nothing is
 * sent upstream; enforced redactions rewrite what is forwarded; shadow rules are recorded and
 * change nothing.
 */
export async function guardInput(
  state: RequestState,
  rules: readonly CompiledRule[],
  body: ChatCompletionRequest,
  ctx: GuardContext,
  segments: Segment[] = segmentsOf(body),
): Promise<InputVerdict> {
  const verdict: InputVerdict = { body, segments, redaction: newRedactionState() };
  if (rules.length === 0) return verdict;

  state.timing.start('guard');
  const read = rules.map((r) => (r.roles ? segments.filter((s) => r.roles!.has(s.role)) : segments));
  const runs = await Promise.all(rules.map((r, i) => runRule(r, read[i]!.map((s) => s.text), ctx)));
  state.timing.end('guard');

  let blocked: GuardOutcome | undefined;
  let flagged = false;
  const spans = new Map<Segment, PiiSpan[]>();
  runs.forEach((run, i) => {
    const outcome = outcomeOf(run, 'input');
    state.guards.push(outcome);
    if (!run.fired || run.rule.mode === 'shadow') return;
    const action = run.error ? 'block' : run.rule.action;
    if (action === 'block') blocked ??= outcome;
    else if (action === 'redact') {
      for (const [k, found] of run.spans) {
        const seg = read[i]![k]!;
        spans.set(seg, [...(spans.get(seg) ?? []), ...found]);
      }
    } else if (action === 'flag') flagged = true;
    else if (action.startsWith('route:')) {
      verdict.routeTier ??= action.slice('route:'.length);
      flagged = true;
    }
  });

  if (blocked) {
    state.decision = 'block';
    throw blockedError(blocked, 'request');
  }
  if (spans.size > 0) {
    const replaced = new Map<Segment, string>();
    for (const seg of segments) {
      const found = spans.get(seg);
      if (found) replaced.set(seg, redact(seg.text, mergeSpans(found), verdict.redaction));
    }
    verdict.body = withSegments(body, replaced);
    verdict.segments = segmentsOf(verdict.body);
    state.decision = 'redact';
  } else if (flagged) state.decision = 'flag';
  return verdict;
}
