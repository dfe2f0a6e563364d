import type { GuardRule } from '../policy/schema';
import { headGuard, isHead } from './embedded';
import { detectorGuard } from './pii/guard';
import { type RemoteClassifier, remoteGuard } from './remote';
import type { Guard, Role } from './types';
import { workersAiGuard } from './workers-ai';

/** A policy's guard rule, ready to run: backend chosen, threshold resolved to a probability. */
export interface CompiledRule {
  name: string;
  guard: Guard;
  threshold: number;
  /** How the threshold was written (`fpr_1pct`, `0.8`), for traces and `policy check`. */
  thresholdLabel: string;
  action: string;
  mode: 'enforce' | 'shadow';
  onError: 'open' | 'closed';
  timeoutMs: number;
  /** Roles whose messages the rule reads (input side); null = all. */
  roles: ReadonlySet<Role> | null;
  cascade?: { guard: Guard; band: readonly [number, number] };
}

export interface GuardEnv {
  classifiers: ReadonlyMap<string, RemoteClassifier>;
  /** The Worker's bindings (Workers AI). */
  bindings: Record<string, unknown>;
}

/** Defaults, documented in the policy schema: heads read what users and tools supply; detectors read everything. */
const HEAD_ROLES: readonly Role[] = ['user', 'tool'];
const DEFAULT_HEAD_THRESHOLD = 'fpr_1pct';
const DEFAULT_SCORE_THRESHOLD = 0.5;

function createGuard(rule: GuardRule, env: GuardEnv): Guard {
  if (isHead(rule.guard)) return headGuard(rule.guard);
  if (rule.guard === 'pii' || rule.guard === 'secrets') return detectorGuard(rule.guard, rule.types);
  if (rule.guard === 'workers-ai') return workersAiGuard(env.bindings.AI);
  const remote = /^remote:(.+)$/.exec(rule.guard);
  if (remote) {
    const rc = env.classifiers.get(remote[1]!);
    if (!rc) throw new Error(`guard "${rule.guard}": unknown classifier`);
    return remoteGuard(rc, 'unsafe');
  }
  throw new Error(`unknown guard "${rule.guard}"`);
}

function resolveThreshold(rule: GuardRule, guard: Guard): { threshold: number; label: string } {
  const written = rule.threshold ?? (isHead(rule.guard) ? DEFAULT_HEAD_THRESHOLD : DEFAULT_SCORE_THRESHOLD);
  if (typeof written === 'number') return { threshold: written, label: String(written) };
  const t = guard.operatingPoint?.(written);
  if (t === undefined) throw new Error(`guard "${rule.guard}": no operating point "${written}"`);
  return { threshold: t, label: written };
}

export function compileRules(rules: readonly GuardRule[], env: GuardEnv): CompiledRule[] {
  return rules.map((rule) => {
    const guard = createGuard(rule, env);
    const { threshold, label } = resolveThreshold(rule, guard);
    const written: readonly string[] = rule.messages ?? (isHead(rule.guard) ? HEAD_ROLES : ['all']);
    let cascade: CompiledRule['cascade'];
    if (rule.cascade) {
      const rc = env.classifiers.get(rule.cascade);
      if (!rc) throw new Error(`guard "${rule.guard}": unknown cascade classifier "${rule.cascade}"`);
      cascade = { guard: remoteGuard(rc, rule.guard), band: rule.band ?? [threshold / 2, Math.min(1, threshold * 1.5)] };
    }
    return {
      name: rule.guard,
      guard,
      threshold,
      thresholdLabel: label,
      action: rule.action,
      mode: rule.mode,
      onError: rule.on_error,
      timeoutMs: rule.timeout_ms,
      roles: written.includes('all') ? null : new Set(written as Role[]),
      cascade,
    };
  });
}
