import type { Guard, GuardContext } from '../types';
import { detectPii } from './detect';
import type { PiiSpan } from './types';
import { PERSONAL_TYPES, SECRET_TYPES } from './types';

/**
 * Every detector over one text, once per request: the `pii` and `secrets` rules (and the trace's
 * redacted capture) read the same messages, and each used to run the whole detector set again.
 * Filtering the full result by type equals detecting with a type filter (detectPii filters last).
 */
export function allSpans(text: string, memo?: GuardContext['memo']): PiiSpan[] {
  return memo ? memo.of('detectors', text, detectAll) : detectPii(text);
}

const detectAll = (text: string): PiiSpan[] => detectPii(text);

/** The memoized spans of these types only. */
export function spansOfTypes(text: string, types: ReadonlySet<string>, memo?: GuardContext['memo']): PiiSpan[] {
  return allSpans(text, memo).filter((s) => types.has(s.type));
}

/**
 * The detectors as a guard: score 1 when a value of the requested types is present (the spans say
 * where), 0 otherwise. `pii` covers personal data, `secrets` credentials; `types` narrows either.
 */
export function detectorGuard(name: 'pii' | 'secrets', types?: readonly string[]): Guard {
  const wanted = new Set(types ?? (name === 'pii' ? PERSONAL_TYPES : SECRET_TYPES));
  return {
    name,
    check(text, ctx) {
      const spans = spansOfTypes(text, wanted, ctx?.memo);
      return { score: spans.length > 0 ? 1 : 0, spans, backend: 'detectors' };
    },
  };
}
