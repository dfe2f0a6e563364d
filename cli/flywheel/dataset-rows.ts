// Labelled rows from recorded traffic, in the formats of ../shared/README.md:
//   guard rows   {"text","label":0|1,"category","source","license"}   from guard labels
//   routing rows {"text","weak","strong","q_weak","q_strong","source","license"}
//                from route labels and shadow comparisons
// Each row also carries "request_id" (the trace it came from), which the trainers ignore and
// the regression gate uses to hold rows out deterministically.

import { FEEDBACK_SOURCE, type GuardLabel, guardRowLabel, GUARD_LABELS, OWN_TRAFFIC_LICENSE, type RouteLabel, routeQualities, ROUTE_LABELS } from '../../src/flywheel/labels';
import type { Feedback, RoutingLabel } from '../../src/flywheel/store';
import type { GuardRow as TrainingGuardRow } from '../guard/data';
import type { Bundle } from './bundle';

/** A guard training row (the trainers' format) plus the trace it came from. */
export type GuardRow = Pick<TrainingGuardRow, 'text' | 'label' | 'category' | 'source' | 'license'> & { request_id: string };

export interface RoutingRow {
  text: string;
  weak: string;
  strong: string;
  q_weak: number;
  q_strong: number;
  source: string;
  license: string;
  request_id: string;
}

export interface DatasetStats {
  guard: Record<string, number>;
  routing: { feedback: number; shadow: number; big_needed: number };
  skipped: Record<string, number>;
}

export interface DatasetOptions {
  /** Use labels from graders (`source: grader:…`) when no person labelled the trace (default true). */
  graders?: boolean;
  license?: string;
}

const isHuman = (f: Feedback) => f.source === 'human';

/**
 * One label per (trace, kind, side): a person's latest label wins over any grader's, and the
 * latest of a kind wins among equals (a relabel corrects the first label).
 */
function effectiveLabels(feedback: readonly Feedback[], opts: DatasetOptions): Map<string, Feedback> {
  const best = new Map<string, Feedback>();
  for (const f of feedback) {
    if (!isHuman(f) && opts.graders === false) continue;
    const key = `${f.request_id}\u0000${f.kind}\u0000${f.side}`;
    const cur = best.get(key);
    const better = !cur || (isHuman(f) && !isHuman(cur)) || (isHuman(f) === isHuman(cur) && Date.parse(f.created_at) >= Date.parse(cur.created_at));
    if (better) best.set(key, f);
  }
  return best;
}

export function datasetRows(b: Bundle, opts: DatasetOptions = {}): { guard: GuardRow[]; routing: RoutingRow[]; stats: DatasetStats } {
  const license = opts.license ?? OWN_TRAFFIC_LICENSE;
  const traces = new Map(b.traces.map((t) => [t.id, t]));
  const stats: DatasetStats = { guard: {}, routing: { feedback: 0, shadow: 0, big_needed: 0 }, skipped: {} };
  const skip = (why: string) => (stats.skipped[why] = (stats.skipped[why] ?? 0) + 1);
  const guard: GuardRow[] = [];
  const routing = new Map<string, RoutingRow>();

  // Shadow comparisons: the latest per request (a request is compared once; reruns replace).
  const shadows = new Map<string, RoutingLabel>();
  for (const r of b.routing_labels) {
    const cur = shadows.get(r.request_id);
    if (!cur || Date.parse(r.created_at) >= Date.parse(cur.created_at)) shadows.set(r.request_id, r);
  }
  for (const r of shadows.values()) {
    routing.set(r.request_id, { text: r.text, weak: r.weak, strong: r.strong, q_weak: r.q_weak, q_strong: r.q_strong, source: r.source, license: opts.license ?? r.license, request_id: r.request_id });
  }

  for (const f of effectiveLabels(b.feedback, opts).values()) {
    const trace = traces.get(f.request_id);
    const text = f.text ?? (f.side === 'output' ? trace?.output : trace?.input) ?? null;
    if (!text) {
      skip('no captured text (capture.text: none, or the trace expired)');
      continue;
    }
    if (f.kind === 'guard' && (GUARD_LABELS as readonly string[]).includes(f.label)) {
      guard.push({ text, ...guardRowLabel(f.label as GuardLabel), source: FEEDBACK_SOURCE, license, request_id: f.request_id });
      stats.guard[f.label] = (stats.guard[f.label] ?? 0) + 1;
    } else if (f.kind === 'route' && (ROUTE_LABELS as readonly string[]).includes(f.label)) {
      // A person's route label overrides the grader's comparison of the same request.
      const shadow = shadows.get(f.request_id);
      const weak = f.weak ?? shadow?.weak;
      const strong = f.strong ?? shadow?.strong;
      if (!weak || !strong) {
        skip('route label without a known model pair');
        continue;
      }
      routing.set(f.request_id, { text, weak, strong, ...routeQualities(f.label as RouteLabel), source: FEEDBACK_SOURCE, license, request_id: f.request_id });
    } else skip(`unknown label "${f.label}"`);
  }

  const routingRows = [...routing.values()];
  for (const r of routingRows) {
    if (r.source === FEEDBACK_SOURCE) stats.routing.feedback++;
    else stats.routing.shadow++;
    if (r.q_strong > r.q_weak) stats.routing.big_needed++;
  }
  return { guard, routing: routingRows, stats };
}

export function formatStats(s: DatasetStats): string {
  const guard = Object.entries(s.guard).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const total = s.routing.feedback + s.routing.shadow;
  const lines = [
    `guard rows: ${Object.values(s.guard).reduce((a, b) => a + b, 0)} (${guard})`,
    `routing rows: ${total} (${s.routing.feedback} from route labels, ${s.routing.shadow} from shadow comparisons; large model needed in ${s.routing.big_needed})`,
  ];
  for (const [why, n] of Object.entries(s.skipped)) lines.push(`skipped ${n}: ${why}`);
  return lines.join('\n');
}
