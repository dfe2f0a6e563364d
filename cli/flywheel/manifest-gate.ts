// The guard's regression gate when no held-out rows were given: both models' manifests record
// the leave-source-out evaluation their training ran (cli/guard/build.ts, `evaluation.heads`):
// per head AUC and recall at 1% FPR, per held-out source. Those are held-out slices too — each
// source scored by a model that never saw it — so a full retrain is compared on them.

import { z } from 'zod';
import type { GateOptions, Metric, SliceCheck } from './gate';

const headEval = z.object({
  auc: z.number(),
  recall_at_1pct_fpr: z.number(),
  lookalike_fpr: z.number().optional(),
  by_source: z.array(z.object({ source: z.string(), n: z.number(), auc: z.number(), recall: z.number() })).default([]),
});
const manifestEval = z.object({ evaluation: z.object({ heads: z.record(z.string(), headEval) }) });

export function compareManifests(shipped: unknown, candidate: unknown, o: GateOptions): SliceCheck[] | undefined {
  const s = manifestEval.safeParse(shipped);
  const c = manifestEval.safeParse(candidate);
  if (!s.success || !c.success) return undefined;
  const checks: SliceCheck[] = [];
  const add = (head: string, slice: string, metric: Metric, n: number, a: number, b: number, lowerIsBetter = false) => {
    const change = lowerIsBetter ? a - b : b - a;
    checks.push({ model: 'guard', head, slice, metric, n, shipped: a, candidate: b, change, worse: change < -o.tolerance[metric] - 1e-12 });
  };
  for (const [head, sh] of Object.entries(s.data.evaluation.heads)) {
    const ca = c.data.evaluation.heads[head];
    if (!ca) continue;
    add(head, 'leave-source-out, all sources', 'auc', 0, sh.auc, ca.auc);
    add(head, 'leave-source-out, all sources', 'recall@fpr_1pct', 0, sh.recall_at_1pct_fpr, ca.recall_at_1pct_fpr);
    if (sh.lookalike_fpr !== undefined && ca.lookalike_fpr !== undefined) add(head, 'benign look-alikes', 'benign_flagged@fpr_1pct', 0, sh.lookalike_fpr, ca.lookalike_fpr, true);
    for (const src of sh.by_source) {
      const other = ca.by_source.find((x) => x.source === src.source);
      if (!other || src.n < o.minRows) continue;
      add(head, `held-out source ${src.source}`, 'auc', src.n, src.auc, other.auc);
      add(head, `held-out source ${src.source}`, 'recall@fpr_1pct', src.n, src.recall, other.recall);
    }
  }
  return checks;
}
