/**
 * Log-scale latency histograms, the unit the rollups store so percentiles over any window are a
 * sum of rows rather than a sort of traces. Bin 0 holds [0, 0.05 ms); bin i ≥ 1 holds
 * [0.05·2^((i−1)/4), 0.05·2^(i/4)) ms, four bins per doubling (a bin spans 19%, so a percentile
 * read back with geometric interpolation is within ~±9% of the true value); the last bin is open
 * and reaches ~150 s. 88 bins keep the rollup table under D1's 100-column limit.
 */
export const BINS = 88;
const FLOOR_MS = 0.05;
const PER_DOUBLING = 4;

export function binOf(ms: number): number {
  if (!(ms >= FLOOR_MS)) return 0;
  const i = Math.floor(PER_DOUBLING * Math.log2(ms / FLOOR_MS)) + 1;
  return Math.min(i, BINS - 1);
}

export const binLower = (i: number) => (i === 0 ? 0 : FLOOR_MS * 2 ** ((i - 1) / PER_DOUBLING));
export const binUpper = (i: number) => FLOOR_MS * 2 ** (i / PER_DOUBLING);

/** A histogram with its count, sum (for means) and maximum (to clamp the top percentiles). */
export interface Histogram {
  n: number;
  sum: number;
  max: number;
  bins: number[];
}

export const emptyHistogram = (): Histogram => ({ n: 0, sum: 0, max: 0, bins: new Array(BINS).fill(0) });

export function observe(h: Histogram, ms: number): void {
  const v = Math.max(0, ms);
  h.n++;
  h.sum += v;
  if (v > h.max) h.max = v;
  h.bins[binOf(v)]!++;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  into.n += from.n;
  into.sum += from.sum;
  if (from.max > into.max) into.max = from.max;
  for (let i = 0; i < BINS; i++) into.bins[i]! += from.bins[i] ?? 0;
  return into;
}

/** The q-quantile (0..1): the bin holding that rank, interpolated geometrically inside it. */
export function quantile(h: Histogram, q: number): number | null {
  if (h.n === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * h.n;
  let before = 0;
  for (let i = 0; i < BINS; i++) {
    const c = h.bins[i]!;
    if (c === 0) continue;
    if (before + c >= rank) {
      const f = Math.min(Math.max((rank - before) / c, 0), 1);
      const lo = binLower(i);
      const hi = i === BINS - 1 ? Math.max(h.max, binUpper(i)) : binUpper(i);
      const v = i === 0 ? hi * f : lo * (hi / lo) ** f;
      return round(Math.min(v, h.max));
    }
    before += c;
  }
  return round(h.max);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
  max: number | null;
  n: number;
}

export function percentiles(h: Histogram): Percentiles {
  return {
    p50: quantile(h, 0.5),
    p95: quantile(h, 0.95),
    p99: quantile(h, 0.99),
    mean: h.n ? round(h.sum / h.n) : null,
    max: h.n ? round(h.max) : null,
    n: h.n,
  };
}
