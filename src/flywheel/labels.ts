import { VERDICT_LABELS, type VerdictLabel } from '../guards/remote/verdict';

/**
 * The label scheme of POST /admin/feedback (README "The flywheel"). One flat vocabulary, so a
 * person labelling a trace picks one word:
 *
 * - guard labels — what the text is: the remote classifier's verdict labels (`benign`,
 *   `prompt_injection`, `jailbreak`, `harmful`, `toxic`), so a label trains the embedded heads
 *   and fine-tunes the remote classifier alike;
 * - route labels — whether the small model was enough: `small_ok` (its answer was good enough,
 *   or would have been) and `needs_large` (only the large model's answer was good enough).
 *
 * Free of Workers APIs: the Worker validates with it, the dataset and fine-tuning commands map with it.
 */
export const GUARD_LABELS = VERDICT_LABELS;
export const ROUTE_LABELS = ['small_ok', 'needs_large'] as const;
export const FEEDBACK_LABELS = [...GUARD_LABELS, ...ROUTE_LABELS] as const;

export type GuardLabel = VerdictLabel;
export type RouteLabel = (typeof ROUTE_LABELS)[number];
export type FeedbackLabel = (typeof FEEDBACK_LABELS)[number];
export type FeedbackKind = 'guard' | 'route';

export const kindOf = (label: FeedbackLabel): FeedbackKind => ((ROUTE_LABELS as readonly string[]).includes(label) ? 'route' : 'guard');

/** Guard rows (../shared/README.md): label → `category` and 0/1 `label`. */
const CATEGORY: Record<GuardLabel, string> = {
  benign: 'benign',
  prompt_injection: 'injection',
  jailbreak: 'jailbreak',
  harmful: 'harmful',
  toxic: 'toxic',
};

export function guardRowLabel(label: GuardLabel): { category: string; label: 0 | 1 } {
  return { category: CATEGORY[label], label: label === 'benign' ? 0 : 1 };
}

/** The reverse, for fine-tuning files: a guard row's category → the verdict label. */
export function verdictLabelOf(category: string, label: number): GuardLabel | undefined {
  if (label === 0 || category.startsWith('benign')) return label === 0 ? 'benign' : undefined;
  if (category === 'injection' || category === 'injection_indirect' || category === 'prompt_injection') return 'prompt_injection';
  return (['jailbreak', 'harmful', 'toxic'] as const).find((c) => c === category);
}

/** Route labels as qualities (q_weak, q_strong): the big model is needed where q_strong > q_weak. */
export function routeQualities(label: RouteLabel): { q_weak: number; q_strong: number } {
  return label === 'small_ok' ? { q_weak: 1, q_strong: 1 } : { q_weak: 0, q_strong: 1 };
}

/** Rows made from this gateway's traffic: yours to train on; the trainers' license filter keeps them. */
export const OWN_TRAFFIC_LICENSE = 'own-traffic';
export const FEEDBACK_SOURCE = 'triage/feedback';
export const SHADOW_SOURCE = 'triage/shadow';
