import type { CompiledRule } from '../guards/compile';
import { PiiStreamRedactor, type RedactionState, redact } from '../guards/pii';
import { spansOfTypes } from '../guards/pii/guard';
import { PERSONAL_TYPES, SECRET_TYPES } from '../guards/pii/types';
import { type RuleRun, runRule } from '../guards/run';
import type { GuardContext } from '../guards/types';
import { outcomeOf } from './input-guards';
import { PlaceholderRestorer, restorePlaceholders } from './restore';
import type { RequestState } from './state';

/**
 * Output guards, shared by non-streamed and streamed answers. Detectors with a `redact` action
 * rewrite the text (streams: through a hold-back window, so a value split across chunks is never
 * released in part); every other rule (harmful, toxic, PII to block or flag, remote classifiers)
 * is checked at sentence boundaries on a bounded window of the text, and an enforced `block` ends
 * the answer with `finish_reason: "content_filter"`.
 */
export const CHECK_WINDOW = 1_500;
/** Without a sentence boundary, check at least this often (characters). */
export const CHECK_EVERY = 400;
const BOUNDARY = /[.!?…。！？]\s|\n/;

const typesOf = (rule: CompiledRule): readonly string[] =>
  rule.name === 'secrets' ? SECRET_TYPES : rule.name === 'pii' ? PERSONAL_TYPES : [];

/** Enforced detector rules (PII, secrets) with this action. */
const enforcedDetectors = (rules: readonly CompiledRule[], action: string) => rules.filter((r) => r.action === action && r.mode === 'enforce' && typesOf(r).length);

/** What a policy's output rules imply, derived once per compiled rule list (not once per request). */
interface RulePlan {
  redactTypes: string[];
  blockTypes: string[];
  /** The types a stream's redactor holds back: redacted and blocking ones. */
  streamTypes: string[];
  checkRules: CompiledRule[];
}
const plans = new WeakMap<readonly CompiledRule[], RulePlan>();

/** A type list as a set, built once per list (the plan's lists and the detector constants live as long as the policy). */
const typeSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function setOf(types: readonly string[]): ReadonlySet<string> {
  let set = typeSets.get(types);
  if (!set) typeSets.set(types, (set = new Set(types)));
  return set;
}

function planOf(rules: readonly CompiledRule[]): RulePlan {
  let plan = plans.get(rules);
  if (!plan) {
    const redacting = enforcedDetectors(rules, 'redact');
    const redactTypes = [...new Set(redacting.flatMap(typesOf))];
    const blockTypes = [...new Set(enforcedDetectors(rules, 'block').flatMap(typesOf))];
    plan = { redactTypes, blockTypes, streamTypes: [...new Set([...redactTypes, ...blockTypes])], checkRules: rules.filter((r) => !redacting.includes(r)) };
    plans.set(rules, plan);
  }
  return plan;
}

export class OutputGuards {
  readonly redactTypes: readonly string[];
  /** Detector rules that block: their values are held back like redacted ones, and stop the stream when complete. */
  readonly blockTypes: readonly string[];
  readonly checkRules: readonly CompiledRule[];
  private readonly best = new Map<CompiledRule, RuleRun>();
  blockedBy: RuleRun | undefined;
  redactedAny = false;

  constructor(
    readonly rules: readonly CompiledRule[],
    readonly redaction: RedactionState,
    readonly restore: boolean,
    private readonly ctx: GuardContext,
  ) {
    ({ redactTypes: this.redactTypes, blockTypes: this.blockTypes, checkRules: this.checkRules } = planOf(rules));
  }

  get active(): boolean {
    return this.rules.length > 0 || (this.restore && this.redaction.placeholders.size > 0);
  }

  /** Runs the checking rules over a window of text; remembers each rule's strongest run. */
  async check(text: string): Promise<RuleRun | undefined> {
    if (this.checkRules.length === 0 || text.length === 0) return undefined;
    const window = text.length > CHECK_WINDOW ? text.slice(-CHECK_WINDOW) : text;
    const runs = await Promise.all(this.checkRules.map((r) => runRule(r, [window], this.ctx)));
    for (const run of runs) {
      // Keep each rule's strongest run: a firing one, else the highest score.
      const prev = this.best.get(run.rule);
      if (!prev || (!prev.fired && (run.fired || (run.score ?? -1) > (prev.score ?? -1)))) this.best.set(run.rule, run);
      if (run.fired && run.rule.mode === 'enforce' && (run.error || run.rule.action === 'block')) this.blockedBy ??= run;
    }
    return this.blockedBy;
  }

  /** A whole (non-streamed) answer: redacted, checked, restored. */
  async guardText(text: string): Promise<{ text: string; blocked: boolean }> {
    let out = text;
    if (this.redactTypes.length) {
      const spans = this.spansOf(text, this.redactTypes);
      if (spans.length) {
        out = redact(text, spans, this.redaction);
        this.redactedAny = true;
      }
    }
    const blocked = (await this.check(text)) !== undefined;
    if (this.restore) out = restorePlaceholders(out, this.redaction);
    return { text: out, blocked };
  }

  /** Detector spans of these types; the detectors run once per text per request (the guard memo). */
  private spansOf(text: string, types: readonly string[]) {
    return spansOfTypes(text, setOf(types), this.ctx.memo);
  }

  streamRedactor(): PiiStreamRedactor | undefined {
    const types = planOf(this.rules).streamTypes;
    return types.length ? new PiiStreamRedactor({ types }, this.redaction) : undefined;
  }

  /** How many values of blocking types the redactor has replaced so far. */
  blockedValues(): number {
    let n = 0;
    for (const t of this.blockTypes) n += this.redaction.counters.get(t) ?? 0;
    return n;
  }

  /** A blocking detector rule found a complete value in the stream: stop before it is released. */
  async blockOnValue(text: string): Promise<boolean> {
    const before = this.blockedBy;
    await this.check(text);
    if (!this.blockedBy) {
      const rule = this.rules.find((r) => r.action === 'block' && r.mode === 'enforce' && typesOf(r).length);
      if (rule) this.blockedBy = { rule, score: 1, fired: true, spans: new Map(), latencyMs: 0, backend: 'detectors' };
    }
    return before === undefined && this.blockedBy !== undefined;
  }

  streamRestorer(): PlaceholderRestorer | undefined {
    return this.restore ? new PlaceholderRestorer(this.redaction) : undefined;
  }

  /** Whether newly released text reaches a checkpoint (a sentence boundary, or enough text). */
  static checkpoint(released: string, sinceLast: number): boolean {
    return sinceLast >= CHECK_EVERY || BOUNDARY.test(released);
  }

  /** Records every output rule's outcome (and the decision) once the answer is complete. */
  record(state: RequestState, fullText: string): void {
    for (const rule of this.rules) {
      let run = this.best.get(rule);
      if (!run && this.redactTypes.length && typesOf(rule).length && rule.action === 'redact') {
        const spans = this.spansOf(fullText, typesOf(rule));
        run = { rule, score: spans.length ? 1 : 0, fired: spans.length > 0, spans: new Map(), latencyMs: 0, backend: 'detectors' };
      }
      if (!run) run = { rule, score: null, fired: false, spans: new Map(), latencyMs: 0 };
      state.guards.push(outcomeOf(run, 'output'));
    }
    if (this.blockedBy) state.decision = 'block';
    else if (this.redactedAny && state.decision !== 'block') state.decision = 'redact';
    else if (state.decision === 'allow' && [...this.best.values()].some((r) => r.fired && r.rule.mode === 'enforce')) state.decision = 'flag';
  }
}
