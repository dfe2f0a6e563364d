// detectPii: every detector over one text, then overlap resolution and the type filter.

import { detectCards } from './card';
import { detectCredentials } from './credentials';
import { detectEmails } from './email';
import { detectIbans } from './iban';
import { detectIpv4, detectIpv6 } from './ip';
import { numberClusters } from './numbers';
import { detectPhones } from './phone';
import { resolveOverlaps } from './resolve';
import { detectSecrets } from './secrets';
import { detectSsns } from './ssn';
import type { DetectOptions, PiiSpan } from './types';

/**
 * Finds personal data and secrets in `text`. Spans are non-overlapping, sorted by start, with
 * UTF-16 offsets (`text.slice(start, end)` is the value).
 */
export function detectPii(text: string, options?: DetectOptions): PiiSpan[] {
  const found: PiiSpan[] = [];
  if (text.length === 0) return found;
  const clusters = numberClusters(text);
  if (clusters.length > 0) {
    detectCards(text, clusters, found);
    detectSsns(text, clusters, found);
    detectPhones(text, clusters, found);
    detectIpv4(text, clusters, found);
  }
  detectIbans(text, found);
  detectIpv6(text, found);
  detectEmails(text, found);
  detectSecrets(text, found);
  detectCredentials(text, found);
  const spans = resolveOverlaps(found);
  if (!options?.types) return spans;
  const wanted = new Set(options.types);
  return spans.filter((s) => wanted.has(s.type));
}
