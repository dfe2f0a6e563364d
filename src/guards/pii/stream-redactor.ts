// Redaction of streamed text (model output arriving in chunks): release each chunk's text as soon
// as no value can still be forming in it, with detected values replaced by placeholders. A value
// split across chunks ("…card 4111 11" + "11 1111 1111 1111") is held back until complete.

import { detectPii } from './detect';
import { newRedactionState, redact, type RedactionState } from './redact';
import { CONTEXT_CHARS, releasableEnd } from './stream';
import type { DetectOptions, PiiSpan } from './types';

export class PiiStreamRedactor {
  /** Raw text not yet released. */
  private pending = '';
  /** The last CONTEXT_CHARS of released raw text: context words ("password:", "tel") for detectors. */
  private context = '';

  constructor(
    private readonly options: DetectOptions = {},
    /** Share one state with the request's redaction so numbering and placeholders stay consistent. */
    readonly state: RedactionState = newRedactionState(),
  ) {}

  /** Adds a chunk; returns the redacted text that can be sent on now (possibly ""). */
  push(chunk: string): string {
    this.pending += chunk;
    return this.drain(false);
  }

  /** The stream ended: returns everything still held, redacted. */
  end(): string {
    return this.drain(true);
  }

  /** Characters currently held back. */
  get held(): number {
    return this.pending.length;
  }

  private drain(final: boolean): string {
    if (this.pending.length === 0) return '';
    const offset = this.context.length;
    const spans: PiiSpan[] = [];
    for (const s of detectPii(this.context + this.pending, this.options)) {
      // A span reaching back into released text is clamped: what was released is gone.
      if (s.end > offset) spans.push({ ...s, start: Math.max(0, s.start - offset), end: s.end - offset });
    }
    const cut = final ? this.pending.length : releasableEnd(this.pending, spans);
    if (cut === 0) return '';
    const released = this.pending.slice(0, cut);
    const out = redact(released, spans.filter((s) => s.end <= cut), this.state);
    this.context = (this.context + released).slice(-CONTEXT_CHARS);
    this.pending = this.pending.slice(cut);
    return out;
  }
}
