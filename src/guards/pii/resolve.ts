// Overlap resolution: detectors run independently, so one stretch of text can be claimed twice
// ("Bearer eyJ…" is a SECRET and a JWT; "p4ss@db.example.com" inside a URL is a password and looks
// like an e-mail). The more specific type wins; among equals, the longer span, then the earlier.

import type { PiiSpan } from './types';

// Higher wins. Self-identifying formats first, then checksummed numbers, then shape-based ones.
const PRIORITY: Readonly<Record<string, number>> = {
  PRIVATE_KEY: 100,
  JWT: 95,
  API_KEY: 90,
  AWS_ACCESS_KEY: 90,
  SECRET: 85,
  IBAN: 80,
  CREDIT_CARD: 75,
  EMAIL: 70,
  US_SSN: 65,
  IP_ADDRESS: 60,
  PHONE: 50,
  PERSON: 20,
  ADDRESS: 20,
};

/** Non-overlapping spans, sorted by start. */
export function resolveOverlaps(candidates: PiiSpan[]): PiiSpan[] {
  if (candidates.length <= 1) return candidates;
  const ranked = [...candidates].sort(
    (a, b) =>
      (PRIORITY[b.type] ?? 0) - (PRIORITY[a.type] ?? 0) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: PiiSpan[] = [];
  for (const span of ranked) {
    // First kept span that ends after this one starts; it overlaps if it also starts before our end.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < kept.length && kept[lo].start < span.end) continue;
    kept.splice(lo, 0, span);
  }
  return kept;
}
