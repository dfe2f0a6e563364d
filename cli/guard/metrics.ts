// Metrics for binary scores: ROC AUC, thresholds at a false-positive rate, recall, calibration
// error, and Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines").

/** ROC AUC by the rank-sum (Mann–Whitney U) formula; ties count one half. */
export function auc(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  if (pos.length === 0 || neg.length === 0) return NaN;
  const all: Array<[number, number]> = [];
  for (let i = 0; i < pos.length; i++) all.push([pos[i], 1]);
  for (let i = 0; i < neg.length; i++) all.push([neg[i], 0]);
  all.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const rank = (i + j + 1) / 2; // average 1-based rank of the tie group
    for (let k = i; k < j; k++) if (all[k][1] === 1) rankSum += rank;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** The smallest threshold t such that at most `fpr` of `neg` score ≥ t (scores ≥ t are flagged). */
export function thresholdAtFpr(neg: ArrayLike<number>, fpr: number): number {
  const sorted = Float64Array.from(neg).sort();
  const allowed = Math.floor(fpr * sorted.length);
  if (allowed >= sorted.length) return -Infinity;
  // Flag strictly above the (allowed+1)-th highest negative.
  const t = sorted[sorted.length - 1 - allowed];
  return nextUp(t);
}

/** The largest threshold that keeps at least `recall` of `pos` flagged (score ≥ t). */
export function thresholdAtRecall(pos: ArrayLike<number>, recall: number): number {
  const sorted = Float64Array.from(pos).sort();
  const keep = Math.ceil(recall * sorted.length);
  if (keep === 0) return Infinity;
  return sorted[sorted.length - keep];
}

export function rateAtOrAbove(scores: ArrayLike<number>, t: number): number {
  if (scores.length === 0) return NaN;
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= t) n++;
  return n / scores.length;
}

function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  if (x === 0) return Number.MIN_VALUE;
  bits[0] += x > 0 ? 1n : -1n;
  return buf[0];
}

/** Expected calibration error over equal-width probability bins, and the reliability table. */
export function calibration(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { ece: number; table: Array<{ lo: number; hi: number; n: number; meanP: number; rate: number }> } {
  const n = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i] * bins));
    n[b]++;
    sp[b] += probs[i];
    sy[b] += labels[i];
  }
  let ece = 0;
  const table = [];
  for (let b = 0; b < bins; b++) {
    if (n[b] === 0) continue;
    ece += (n[b] / probs.length) * Math.abs(sp[b] / n[b] - sy[b] / n[b]);
    table.push({ lo: b / bins, hi: (b + 1) / bins, n: n[b], meanP: sp[b] / n[b], rate: sy[b] / n[b] });
  }
  return { ece, table };
}

/**
 * Platt scaling: p = sigmoid(a·z + b) fitted by Newton's method with backtracking line search
 * on weighted log-loss, with Platt's target smoothing (Lin, Lin & Weng 2007, "A note on Platt's
 * probabilistic outputs"). `weights` lets each class carry equal total weight.
 */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>, weights?: ArrayLike<number>): { a: number; b: number } {
  let np = 0;
  let nn = 0;
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? (np += weights?.[i] ?? 1) : (nn += weights?.[i] ?? 1));
  const hi = (np + 1) / (np + 2);
  const lo = 1 / (nn + 2);
  // Stable log(1 + e^x).
  const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
  const loss = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < z.length; i++) {
      const t = y[i] === 1 ? hi : lo;
      const m = a * z[i] + b;
      f += (weights?.[i] ?? 1) * (softplus(m) - t * m);
    }
    return f;
  };
  let a = 1;
  let b = 0;
  let f = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0, g1 = 0, h00 = 1e-12, h01 = 0, h11 = 1e-12;
    for (let i = 0; i < z.length; i++) {
      const wi = weights?.[i] ?? 1;
      const t = y[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * z[i] + b)));
      const d = (p - t) * wi;
      const s = p * (1 - p) * wi;
      g0 += d * z[i];
      g1 += d;
      h00 += s * z[i] * z[i];
      h01 += s * z[i];
      h11 += s;
    }
    const det = h00 * h11 - h01 * h01;
    if (det <= 0 || (Math.abs(g0) < 1e-9 && Math.abs(g1) < 1e-9)) break;
    const da = -(h11 * g0 - h01 * g1) / det;
    const db = -(h00 * g1 - h01 * g0) / det;
    let step = 1;
    let next = loss(a + da, b + db);
    while (next > f + 1e-4 * step * (g0 * da + g1 * db) && step > 1e-10) {
      step /= 2;
      next = loss(a + step * da, b + step * db);
    }
    if (step <= 1e-10) break;
    a += step * da;
    b += step * db;
    const improved = f - next;
    f = next;
    if (improved < 1e-12 * Math.max(1, Math.abs(f))) break;
  }
  return { a, b };
}
