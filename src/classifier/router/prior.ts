// The complexity prior: the router's robust core, computed without tokenizing (two native
// indexOf scans), so a model that uses nothing else scores a 32k-token prompt in about a
// microsecond. featurize (features.ts) emits the same values as dense features, so training
// and serving see identical numbers (test/node/router/prior.test.ts).
import type { FeatureConfig } from './features';

const isLower = (c: number) => c >= 97 && c <= 122;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 160;

// The complexity prior: ln(1 + characters) + ln(1 + "$" signs) − ln 3 if the prompt starts in
// lower case. Length and TeX maths markup have about the same spread over the routing pool
// (standard deviations 1.1 and 0.9), so they count equally; a lower-case start (search-style
// queries, code stubs, word lists) counts like a prompt a third as long. The blend is fixed
// here, not learned: a trained model only chooses its sign and scale. Why: each part is what
// carried over to benchmarks and model pairs held out of training (models/router.md), while
// free weights follow whichever benchmark dominates training: a weight learned for markup
// alone comes out negative and fails on competition maths, and one learned for the
// lower-case start comes out four times larger (a lower-case prompt then counts like one
// 65 times shorter), which would outrank most differences in length on chat traffic.
export const LOWER_START_PENALTY = Math.log(3);
export const complexityCore = (chars: number, markup: number) => Math.log1p(chars) + Math.log1p(markup);
export const complexityPrior = (chars: number, markup: number, lowerStart: boolean) =>
  complexityCore(chars, markup) - (lowerStart ? LOWER_START_PENALTY : 0);

/** The scanned windows of a text: [0, headEnd) and [tailStart, length), as featurize scans them. */
export function windows(length: number, cfg: FeatureConfig): { headEnd: number; tailStart: number } {
  const long = length > cfg.headChars + cfg.tailChars;
  return { headEnd: long ? cfg.headChars : length, tailStart: long ? length - cfg.tailChars : length };
}

/**
 * Maths markup in the scanned windows: the "$" signs that delimit TeX maths, the way maths is
 * written in prompts and benchmarks alike. Prices and shell variables count too (accepted
 * noise: they also mark quantities and code). Backslash commands (\frac) are left out: they
 * added nothing held out, and the escapes of code strings ("a\nb") look the same.
 */
export function mathsMarkup(text: string, headEnd: number, tailStart: number): number {
  // The head is searched as a slice, so a long text without "$" is not scanned to its end.
  const head = headEnd < text.length ? text.slice(0, headEnd) : text;
  let count = 0;
  for (let i = head.indexOf('$'); i !== -1; i = head.indexOf('$', i + 1)) count++;
  if (tailStart < text.length) for (let i = text.indexOf('$', tailStart); i !== -1; i = text.indexOf('$', i + 1)) count++;
  return count;
}

/** Whether the first non-space character is a lower-case ASCII letter. */
export function startsLower(text: string): boolean {
  let begin = 0;
  while (begin < text.length && isSpace(text.charCodeAt(begin))) begin++;
  return isLower(text.charCodeAt(begin));
}

/** The prior features alone (log_chars, maths_markup, prior_core, prior), without tokenizing. */
export function priorFeatures(text: string, cfg: FeatureConfig): { logChars: number; markup: number; core: number; prior: number } {
  const { headEnd, tailStart } = windows(text.length, cfg);
  const markup = mathsMarkup(text, headEnd, tailStart);
  return {
    logChars: Math.log1p(text.length) / 10,
    markup: Math.log1p(markup) / 4,
    core: complexityCore(text.length, markup),
    prior: complexityPrior(text.length, markup, startsLower(text)),
  };
}
