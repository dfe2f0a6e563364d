// Long inputs: the text is cut into chunks and scored in windows of consecutive chunks, so an
// injection hidden in the middle of a long document is not diluted by the rest of it. Work is
// linear in length and capped: past `maxChars` only evenly spaced segments (always including
// the start and the end) are read, so no request can exceed the CPU budget however long it is.

import { DEFAULT_DECODE_BUDGET, type DecodeBudget } from './decode';
import { featurize, type FeatureBuffer, type FeatureSettings } from './features';
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
 * `visit` after each one; the caller reads `buf.ids` and `buf.chunkEnds`.
 */
export function forEachView(raw: string, s: FeatureSettings, limits: Limits, buf: FeatureBuffer, visit: () => void): void {
  const parts = segments(raw, limits);
  // Sampled segments share a small decoding budget: decoding is for payloads, not bulk text.
  const budget = parts.length === 1 ? limits.decode : { maxViews: 1, maxChars: 1024 };
  for (const part of parts) {
    const v = views(part, budget);
    buf.reset();
    featurize(v.main, s, buf);
    visit();
    for (const extra of v.extra) {
      buf.reset();
      featurize(extra, s, buf);
      visit();
    }
  }
}

/**
 * Calls `visit(first, end)` for every window over `chunks` chunks: for each size in `sizes`,
 * every run of that many consecutive chunks (stride one chunk, so any passage up to size - 1
 * chunks long lies entirely inside a window of that size); a text shorter than a size gets one
 * window over all of it, visited once however many sizes exceed its length.
 */
export function forEachWindow(chunks: number, sizes: readonly number[], visit: (first: number, end: number) => void): void {
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
