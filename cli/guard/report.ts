// The metrics table for guard heads: per head AUC, recall at the threshold giving 1% FPR on
// ordinary benign prompts, look-alike FPR at that threshold, calibration; per source; and the
// cascade figure (all heads combined by max: share of ordinary prompts cleared at the threshold
// that keeps 95% of attacks).

import { HEADS, type Head } from '../../src/classifier/artifact';
import { familyOf, HEAD_CATEGORIES, headOf, isOrdinary, LOOKALIKE } from './data';
import { auc, calibration, rateAtOrAbove, thresholdAtFpr, thresholdAtRecall } from './metrics';

export interface ScoredRow {
  text: string;
  category: string;
  source: string;
  label: number;
  scores: Record<Head, number>;
}

export interface HeadReport {
  head: Head;
  positives: number;
  auc: number;
  /** AUC against short ordinary benign rows only (≤ 200 characters): length cannot help here. */
  aucShort: number;
  threshold: number;
  recall: number;
  lookalikeFpr: number;
  ece: number;
  reliability: ReturnType<typeof calibration>['table'];
  bySource: Array<{ source: string; n: number; auc: number; recall: number }>;
  /** Recall and FPRs at the model's own stored operating point, when given. */
  stored?: { threshold: number; recall: number; fpr: number; lookalikeFpr: number };
  /**
   * The same operating point set on the held-out chat prompts alone (gen/ordinary-test: short
   * casual prompts, never trained on): 1% of them flagged. The pool's ordinary rows are long task
   * prompts, maths problems and tweets, and a threshold set there does not transfer to chat
   * traffic (for toxic, Davidson's "neither" tweets hold insults and push it to p ≈ 0.99).
   */
  chat?: { threshold: number; recall: number; lookalikeFpr: number };
}

export interface GuardReport {
  ordinary: number;
  lookalikes: number;
  heads: HeadReport[];
  cascade: {
    attacks: number;
    threshold: number;
    ordinaryCleared: number;
    lookalikeCleared: number;
    /** The same with each head's attacks weighted equally (so the biggest source does not decide alone). */
    balancedThreshold: number;
    balancedOrdinaryCleared: number;
    /**
     * Share of the held-out chat test set (gen/ordinary-test: short, casual prompts from templates
     * the training generators do not use) cleared at the balanced threshold. The pool's ordinary
     * rows are mostly long task prompts; real chat traffic is mostly short.
     */
    balancedChatCleared: number;
  };
  benignBySource: Array<{ source: string; n: number; flagged: number }>;
}

/** The largest t such that the weighted share of `scores` at or above t is at least `recall`. */
function weightedThresholdAtRecall(scores: number[], weights: number[], recall: number): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const total = weights.reduce((s, w) => s + w, 0);
  let kept = 0;
  for (const i of order) {
    kept += weights[i];
    if (kept >= recall * total - 1e-12) return scores[i];
  }
  return -Infinity;
}

const HELD_OUT_CHAT = 'gen/ordinary-test';

const isLookalike = (r: ScoredRow): boolean => r.label === 0 && r.category.startsWith(LOOKALIKE);

export function guardReport(rows: ScoredRow[], stored?: Partial<Record<Head, number>>): GuardReport {
  const ordinary = rows.filter((r) => isOrdinary(r));
  const lookalikes = rows.filter(isLookalike);
  const heads: HeadReport[] = [];
  const thresholds = {} as Record<Head, number>;
  for (const head of HEADS) {
    const pos = rows.filter((r) => HEAD_CATEGORIES[head].includes(r.category));
    if (pos.length === 0 || ordinary.length === 0) continue;
    const neg = ordinary.map((r) => r.scores[head]);
    const p = pos.map((r) => r.scores[head]);
    const t = thresholdAtFpr(neg, 0.01);
    thresholds[head] = t;
    const families = [...new Set(pos.map((r) => familyOf(r.source)))].sort();
    const cal = calibration([...p, ...neg], [...p.map(() => 1), ...neg.map(() => 0)]);
    const report: HeadReport = {
      head,
      positives: pos.length,
      auc: auc(p, neg),
      aucShort: auc(p, ordinary.filter((r) => r.text.length <= 200).map((r) => r.scores[head])),
      threshold: t,
      recall: rateAtOrAbove(p, t),
      lookalikeFpr: rateAtOrAbove(lookalikes.map((r) => r.scores[head]), t),
      ece: cal.ece,
      reliability: cal.table,
      bySource: families.map((f) => {
        const fp = pos.filter((r) => familyOf(r.source) === f).map((r) => r.scores[head]);
        return { source: f, n: fp.length, auc: auc(fp, neg), recall: rateAtOrAbove(fp, t) };
      }),
    };
    const chat = ordinary.filter((r) => r.source === HELD_OUT_CHAT).map((r) => r.scores[head]);
    if (chat.length >= 100) {
      const tc = thresholdAtFpr(chat, 0.01);
      report.chat = { threshold: tc, recall: rateAtOrAbove(p, tc), lookalikeFpr: rateAtOrAbove(lookalikes.map((r) => r.scores[head]), tc) };
    }
    const st = stored?.[head];
    if (st !== undefined) {
      report.stored = { threshold: st, recall: rateAtOrAbove(p, st), fpr: rateAtOrAbove(neg, st), lookalikeFpr: rateAtOrAbove(lookalikes.map((r) => r.scores[head]), st) };
    }
    heads.push(report);
  }
  const maxScore = (r: ScoredRow): number => Math.max(...HEADS.map((h) => r.scores[h]));
  const attackRows = rows.filter((r) => r.label === 1);
  const attacks = attackRows.map(maxScore);
  const low = thresholdAtRecall(attacks, 0.95);
  const perHead = new Map<string, number>();
  const headKey = (r: ScoredRow): string => headOf(r.category) ?? r.category;
  for (const r of attackRows) perHead.set(headKey(r), (perHead.get(headKey(r)) ?? 0) + 1);
  const balancedLow = weightedThresholdAtRecall(attacks, attackRows.map((r) => 1 / perHead.get(headKey(r))!), 0.95);
  const benignFamilies = [...new Set([...ordinary, ...lookalikes].map((r) => familyOf(r.source)))].sort();
  // A benign row is "flagged" when any head is at or above its own 1%-FPR threshold.
  const flagged = (r: ScoredRow): boolean => heads.some((h) => r.scores[h.head] >= thresholds[h.head]);
  return {
    ordinary: ordinary.length,
    lookalikes: lookalikes.length,
    heads,
    cascade: {
      attacks: attacks.length,
      threshold: low,
      ordinaryCleared: 1 - rateAtOrAbove(ordinary.map(maxScore), low),
      lookalikeCleared: 1 - rateAtOrAbove(lookalikes.map(maxScore), low),
      balancedThreshold: balancedLow,
      balancedOrdinaryCleared: 1 - rateAtOrAbove(ordinary.map(maxScore), balancedLow),
      balancedChatCleared: 1 - rateAtOrAbove(ordinary.filter((r) => r.source === HELD_OUT_CHAT).map(maxScore), balancedLow),
    },
    benignBySource: benignFamilies.map((f) => {
      const fr = [...ordinary, ...lookalikes].filter((r) => familyOf(r.source) === f);
      return { source: f, n: fr.length, flagged: fr.filter(flagged).length / fr.length };
    }),
  };
}

const pct = (x: number): string => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const num = (x: number): string => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));

export function formatGuardReport(rep: GuardReport, verbose = true): string {
  const lines: string[] = [];
  lines.push(`ordinary benign rows: ${rep.ordinary}; benign look-alikes: ${rep.lookalikes}`);
  lines.push('');
  lines.push('head              positives   AUC  AUC(short benign)  recall@1%FPR  look-alike FPR   ECE    (stored fpr_1pct: recall / FPR / look-alike FPR)');
  for (const h of rep.heads) {
    const st = h.stored ? `   ${pct(h.stored.recall)} / ${pct(h.stored.fpr)} / ${pct(h.stored.lookalikeFpr)}` : '';
    lines.push(`${h.head.padEnd(18)}${String(h.positives).padStart(9)}  ${num(h.auc)}      ${num(h.aucShort)}        ${pct(h.recall)}        ${pct(h.lookalikeFpr)}     ${num(h.ece)}${st}`);
  }
  if (rep.heads.some((h) => h.chat)) {
    lines.push('');
    lines.push('with the threshold at 1% FPR on the held-out chat prompts instead (gen/ordinary-test): threshold, recall, look-alike FPR');
    for (const h of rep.heads) if (h.chat) lines.push(`${h.head.padEnd(18)}  ${num(h.chat.threshold)}   ${pct(h.chat.recall)}   ${pct(h.chat.lookalikeFpr)}`);
  }
  lines.push('');
  lines.push(`cascade (max over heads): threshold keeping 95% of ${rep.cascade.attacks} attacks = ${num(rep.cascade.threshold)}; ordinary cleared ${pct(rep.cascade.ordinaryCleared)}; look-alikes cleared ${pct(rep.cascade.lookalikeCleared)}`);
  lines.push(`cascade, each attack category weighted equally: threshold ${num(rep.cascade.balancedThreshold)}; ordinary cleared ${pct(rep.cascade.balancedOrdinaryCleared)}; held-out chat prompts cleared ${pct(rep.cascade.balancedChatCleared)}`);
  if (!verbose) return lines.join('\n');
  for (const h of rep.heads) {
    lines.push('');
    lines.push(`${h.head} by source (AUC vs all ordinary benign; recall at the head's 1%-FPR threshold ${num(h.threshold)})`);
    for (const s of h.bySource) lines.push(`  ${s.source.padEnd(44)}${String(s.n).padStart(6)}  AUC ${num(s.auc)}  recall ${pct(s.recall)}`);
    lines.push('  reliability (bin: n, mean p, positive rate): ' + h.reliability.map((b) => `[${b.lo.toFixed(1)}-${b.hi.toFixed(1)}: ${b.n}, ${b.meanP.toFixed(2)}, ${b.rate.toFixed(2)}]`).join(' '));
  }
  lines.push('');
  lines.push('benign by source: share flagged by any head at its 1%-FPR threshold');
  for (const s of rep.benignBySource) lines.push(`  ${s.source.padEnd(44)}${String(s.n).padStart(6)}  ${pct(s.flagged)}`);
  return lines.join('\n');
}

/**
 * Combines per-fold reports (each computed on one fold model's held-out rows) into one: means
 * weighted by positives (heads) or ordinary rows (cascade); per-source rows are kept as they are
 * (each source sits in exactly one fold; the look-alike test set, scored by every fold, is averaged).
 */
export function combineReports(reports: GuardReport[]): GuardReport {
  const heads: HeadReport[] = [];
  for (const head of HEADS) {
    const hs = reports.flatMap((r) => r.heads.filter((h) => h.head === head && !Number.isNaN(h.auc)));
    if (hs.length === 0) continue;
    const total = hs.reduce((s, h) => s + h.positives, 0);
    const mean = (f: (h: HeadReport) => number): number => hs.reduce((s, h) => s + f(h) * h.positives, 0) / total;
    const bins = new Map<number, { lo: number; hi: number; n: number; meanP: number; rate: number }>();
    for (const h of hs)
      for (const b of h.reliability) {
        const m = bins.get(b.lo) ?? { lo: b.lo, hi: b.hi, n: 0, meanP: 0, rate: 0 };
        m.meanP = (m.meanP * m.n + b.meanP * b.n) / (m.n + b.n);
        m.rate = (m.rate * m.n + b.rate * b.n) / (m.n + b.n);
        m.n += b.n;
        bins.set(b.lo, m);
      }
    heads.push({
      head,
      positives: total,
      auc: mean((h) => h.auc),
      aucShort: mean((h) => h.aucShort),
      threshold: mean((h) => h.threshold),
      recall: mean((h) => h.recall),
      lookalikeFpr: mean((h) => h.lookalikeFpr),
      ece: mean((h) => h.ece),
      reliability: [...bins.values()].sort((x, y) => x.lo - y.lo),
      bySource: hs.flatMap((h) => h.bySource).sort((x, y) => x.source.localeCompare(y.source)),
      ...(hs.every((h) => h.chat)
        ? { chat: { threshold: mean((h) => h.chat!.threshold), recall: mean((h) => h.chat!.recall), lookalikeFpr: mean((h) => h.chat!.lookalikeFpr) } }
        : {}),
    });
  }
  const withAttacks = reports.filter((r) => r.cascade.attacks > 0 && r.ordinary > 0);
  const ord = withAttacks.reduce((s, r) => s + r.ordinary, 0);
  const cmean = (f: (r: GuardReport) => number): number => withAttacks.reduce((s, r) => s + f(r) * r.ordinary, 0) / ord;
  const benign = new Map<string, { source: string; n: number; flagged: number; k: number }>();
  for (const r of reports)
    for (const b of r.benignBySource) {
      const m = benign.get(b.source) ?? { source: b.source, n: b.n, flagged: 0, k: 0 };
      m.flagged += b.flagged;
      m.k++;
      benign.set(b.source, m);
    }
  return {
    ordinary: reports.reduce((s, r) => s + r.ordinary, 0),
    lookalikes: Math.max(0, ...reports.map((r) => r.lookalikes)),
    heads,
    cascade: {
      attacks: withAttacks.reduce((s, r) => s + r.cascade.attacks, 0),
      threshold: cmean((r) => r.cascade.threshold),
      ordinaryCleared: cmean((r) => r.cascade.ordinaryCleared),
      lookalikeCleared: cmean((r) => r.cascade.lookalikeCleared),
      balancedThreshold: cmean((r) => r.cascade.balancedThreshold),
      balancedOrdinaryCleared: cmean((r) => r.cascade.balancedOrdinaryCleared),
      // Every fold scores the whole chat test set: a plain mean over folds.
      balancedChatCleared: withAttacks.reduce((s, r) => s + r.cascade.balancedChatCleared, 0) / withAttacks.length,
    },
    benignBySource: [...benign.values()].map((m) => ({ source: m.source, n: m.n, flagged: m.flagged / m.k })).sort((x, y) => x.source.localeCompare(y.source)),
  };
}
