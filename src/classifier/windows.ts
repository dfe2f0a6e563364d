// Long inputs: the text is cut into chunks and scored in windows of consecutive chunks, so an
// injection hidden in the middle of a long document is not diluted by the rest of it. Work is
// linear in length and capped: past `maxChars` only evenly spaced segments (always including
// the start and the end) are read, so no request can exceed the CPU budget however long it is.

import { DEFAULT_DECODE_BUDGET, type DecodeBudget } from './decode';
import { featurize, type FeatureBuffer, type FeatureSettings, isWordUnit } from './features';
import { views } from './normalize';

export interface Limits {
  /** Raw characters read in full; longer texts are sampled in segments up to this total. */
  maxChars: number;
  /** Segment length when sampling a text longer than `maxChars`. */
  segmentChars: number;
  /** Decoding budget for a text read in full. */
  decode: DecodeBudget;
}

export const DEFAULT_LIMITS: Limits = { maxChars: 160_000, segmentChars: 8192, decode: DEFAULT_DECODE_BUDGET };

/** The pieces of raw text that are read: the whole text, or evenly spaced segments of it. */
export function segments(raw: string, limits: Limits): string[] {
  if (raw.length <= limits.maxChars) return [raw];
  const count = Math.max(2, Math.floor(limits.maxChars / limits.segmentChars));
  const stride = (raw.length - limits.segmentChars) / (count - 1);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const start = Math.round(k * stride);
    out.push(raw.slice(start, start + limits.segmentChars));
  }
  return out;
}

/**
 * Featurizes every view of every segment of `raw` into `buf` (reset before each view) and calls
 * `visit` after each one; the caller reads `buf.ids`, `buf.chunkEnds` and `buf.region`.
 *
 * `local`: the leet view of a long text is featurized only around the words it folded
 * (`leetRegions`), in regions the caller scores through `buf.region`. The view equals the main
 * view everywhere else, so the windows left out are scored already and the max is the same to
 * the last bit; one "h264" in a 32k-token document no longer doubles the work. Training visits
 * whole views (it learns from every window); scoring passes `local`.
 */
export function forEachView(raw: string, s: FeatureSettings, limits: Limits, buf: FeatureBuffer, visit: () => void, local = false): void {
  const parts = segments(raw, limits);
  // Sampled segments share a small decoding budget: decoding is for payloads, not bulk text.
  const budget = parts.length === 1 ? limits.decode : { maxViews: 1, maxChars: 1024 };
  for (const part of parts) {
    const v = views(part, budget);
    buf.reset();
    featurize(v.main, s, buf);
    visit();
    v.extra.forEach((extra, x) => {
      const regions = local && x === 0 && v.leetChanged ? leetRegions(extra, v.leetChanged, s) : undefined;
      if (regions) {
        for (const r of regions) {
          buf.reset();
          featurize(extra.slice(r.from, r.to), s, buf);
          buf.region = { lo: r.lo, hi: r.hi };
          visit();
        }
        return;
      }
      buf.reset();
      featurize(extra, s, buf);
      visit();
    });
  }
}

/** A slice of a view to featurize alone, and which of its chunks are the view's own chunks. */
export interface ViewRegion {
  from: number;
  to: number;
  lo: number;
  hi: number;
}

/**
 * The regions of `view` whose windows can differ from the main view's, when `changed` (the
 * [start, end) offsets of the folded words) are the only differences; undefined when the whole
 * view must be read (a short text, regions that cover it, or no clean word boundary to start at).
 *
 * Featurization emits a feature where its n-gram or word ends, attributed to the chunk of that
 * position (positions count a virtual space before the text: chunk k holds positions
 * [k·C, (k+1)·C)). A folded word changes the features ending from its first character up to
 * the end of the next word (that word's bigram with it). Every window that holds such a chunk
 * lies within W − 1 chunks of it (W: the largest window), so the region is those chunks ± W − 1.
 * A region not at the start is featurized from one chunk earlier (warm-up, not scored) so the
 * rolling hashes, the word in progress and the previous word are the text's own at its first
 * chunk; it ends where its last chunk ends, so the virtual space after the slice lands in a
 * chunk of its own, not scored.
 */
export function leetRegions(view: string, changed: ReadonlyArray<readonly [number, number]>, s: FeatureSettings): ViewRegion[] | undefined {
  const C = s.chunkChars;
  const W = Math.max(...s.windows);
  const L = view.length;
  const K = Math.floor((L + 1) / C) + 1;
  if (K <= W) return undefined;
  const spans: Array<[number, number]> = [];
  for (const [start, end] of changed) {
    let q = end;
    while (q < L && isWordUnit(view.charCodeAt(q))) q++;
    while (q < L && !isWordUnit(view.charCodeAt(q))) q++;
    while (q < L && isWordUnit(view.charCodeAt(q))) q++;
    const a0 = Math.floor((start + 1) / C);
    const a1 = Math.min(K - 1, Math.floor((Math.max(q, end + s.charMax) + 1) / C));
    const r0 = Math.max(0, a0 - (W - 1));
    const r1 = Math.min(K, a1 + W);
    const last = spans[spans.length - 1];
    if (last && r0 <= last[1]) last[1] = Math.max(last[1], r1);
    else spans.push([r0, r1]);
  }
  if (spans.length === 1 && spans[0]![0] === 0 && spans[0]![1] === K) return undefined;
  const regions: ViewRegion[] = [];
  for (const [r0, r1] of spans) {
    const warm = r0 === 0 ? 0 : 1;
    const from = r0 === 0 ? 0 : C * (r0 - 1);
    if (warm && !completeWordIn(view, from, from + C - 1)) return undefined;
    const to = r1 === K ? L : C * r1 - 1;
    regions.push({ from, to, lo: warm, hi: warm + (r1 - r0) });
  }
  return regions;
}

/** A whole word (a boundary, word units, a boundary) inside view[from, to): the warm-up sees it end. */
function completeWordIn(view: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isWordUnit(view.charCodeAt(i))) i++;
  while (i < to && !isWordUnit(view.charCodeAt(i))) i++;
  const wordStart = i;
  while (i < to && isWordUnit(view.charCodeAt(i))) i++;
  return i > wordStart && i < to;
}

/**
 * Calls `visit(first, end)` for every window over `chunks` chunks: for each size in `sizes`,
 * every run of that many consecutive chunks (stride one chunk, so any passage up to size - 1
 * chunks long lies entirely inside a window of that size); a text shorter than a size gets one
 * window over all of it, visited once however many sizes exceed its length.
 */
export function forEachWindow(chunks: number, sizes: readonly number[], visit: (first: number, end: number) => void, region?: { lo: number; hi: number }): void {
  if (region) {
    // A region of a longer text: only its own chunks, every size sliding (leetRegions).
    for (const size of sizes) for (let first = region.lo; first + size <= region.hi; first++) visit(first, first + size);
    return;
  }
  let whole = false;
  for (const size of sizes) {
    if (size >= chunks) {
      if (!whole) visit(0, chunks);
      whole = true;
      continue;
    }
    for (let first = 0; first + size <= chunks; first++) visit(first, first + size);
  }
}
