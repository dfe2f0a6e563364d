// PII and secret detection: the public entry point. Pure functions over strings, no Workers APIs,
// so the gateway, the CLI and the benchmarks run the same code.
//
//   detectPii(text, { types? })  → PiiSpan[] (UTF-16 offsets, sorted, non-overlapping)
//   redact(text, spans, state?)  → text with typed placeholders ("[EMAIL_1]")
//   PiiStreamRedactor            → the same for streamed output, holding back partial values

export { detectPii } from './detect';
export { PII_TYPES, PERSONAL_TYPES, SECRET_TYPES } from './types';
export type { DetectOptions, PiiSpan, PiiType } from './types';
export { MAX_VALUE_LENGTH, CONTEXT_CHARS, pendingStart, releasableEnd } from './stream';
export { redact, newRedactionState, type RedactionState } from './redact';
export { PiiStreamRedactor } from './stream-redactor';
