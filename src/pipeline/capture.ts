import { redact } from '../guards/pii';
import type { GuardMemo } from '../guards/memo';
import { allSpans } from '../guards/pii/guard';

/**
 * What traces keep of a request's text (policy `capture.text`): nothing, the text with every
 * detected personal value and secret replaced by typed placeholders (the default), or the full
 * text. Capped so a trace row stays small.
 */
export const CAPTURE_MAX_CHARS = 8_192;

export function captureText(text: string, mode: 'none' | 'redacted' | 'full', memo?: GuardMemo): string | undefined {
  if (mode === 'none' || !text) return undefined;
  const capped = text.length > CAPTURE_MAX_CHARS ? text.slice(0, CAPTURE_MAX_CHARS) : text;
  // `memo`: the request's guard memo, so the input's detectors run once for the guards and the capture.
  return mode === 'full' ? capped : redact(capped, allSpans(capped, memo));
}

/** A capture to compute later (RequestState.captureLater): after the response, when the trace is built. */
export function captureLaterOf(text: string, mode: 'none' | 'redacted' | 'full', memo?: GuardMemo): () => string | undefined {
  return () => captureText(text, mode, memo);
}
