// Typed placeholders for detected values: "mail me at [EMAIL_1]". One state per conversation keeps
// the numbering stable across the request and its streamed answer, and maps a repeated value to
// the same placeholder, so the model can still tell two different e-mails apart.

import type { PiiSpan } from './types';

export interface RedactionState {
  /** Next number per type. */
  counters: Map<string, number>;
  /** "TYPE\u0000value" → placeholder. */
  placeholders: Map<string, string>;
}

export function newRedactionState(): RedactionState {
  return { counters: new Map(), placeholders: new Map() };
}

/** `text` with each span replaced by its placeholder; spans must be sorted and non-overlapping. */
export function redact(text: string, spans: readonly PiiSpan[], state: RedactionState = newRedactionState()): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    const key = `${s.type}\u0000${text.slice(s.start, s.end)}`;
    let placeholder = state.placeholders.get(key);
    if (placeholder === undefined) {
      const n = (state.counters.get(s.type) ?? 0) + 1;
      state.counters.set(s.type, n);
      placeholder = `[${s.type}_${n}]`;
      state.placeholders.set(key, placeholder);
    }
    out += text.slice(at, s.start) + placeholder;
    at = s.end;
  }
  return out + text.slice(at);
}
