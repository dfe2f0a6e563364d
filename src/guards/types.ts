import type { GuardMemo } from './memo';
import type { PiiSpan } from './pii/types';

/**
 * The guard interface. Every backend — the embedded classifier heads, the PII/secret detectors,
 * a remote classifier model, Workers AI — answers the same question: how strongly does this text
 * show what I detect? This file imports nothing from any implementation.
 */
export interface GuardResult {
  /** In [0, 1]; compared with the rule's threshold. */
  score: number;
  /** Detectors: what was found and where (offsets into the text that was checked). */
  spans?: PiiSpan[];
  /** Which backend decided (e.g. `embedded`, `remote:verdict` in a cascade). */
  backend?: string;
}

/** Per-request context shared by the guards of one request. */
export interface GuardContext {
  signal: AbortSignal;
  requestId: string;
  /**
   * What backends computed for a text (one model pass and one detector pass per text), per request
   * and, for long texts, per isolate and key (`GuardMemo`).
   */
  memo: GuardMemo;
}

export interface Guard {
  readonly name: string;
  /** Named operating points (e.g. fpr_1pct) → threshold, when the backend ships them. */
  operatingPoint?(name: string): number | undefined;
  check(text: string, ctx: GuardContext): GuardResult | Promise<GuardResult>;
}

/** A pass over a conversation: which roles' messages a rule reads. */
export type Role = 'user' | 'system' | 'developer' | 'assistant' | 'tool';
