import type { Guard } from '../types';
import { detectPii } from './detect';
import { PERSONAL_TYPES, SECRET_TYPES } from './types';

/**
 * The detectors as a guard: score 1 when a value of the requested types is present (the spans say
 * where), 0 otherwise. `pii` covers personal data, `secrets` credentials; `types` narrows either.
 */
export function detectorGuard(name: 'pii' | 'secrets', types?: readonly string[]): Guard {
  const wanted = types ?? (name === 'pii' ? PERSONAL_TYPES : SECRET_TYPES);
  return {
    name,
    check(text) {
      const spans = detectPii(text, { types: wanted });
      return { score: spans.length > 0 ? 1 : 0, spans, backend: 'detectors' };
    },
  };
}
