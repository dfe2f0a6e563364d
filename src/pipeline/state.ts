import type { CompiledPolicy } from '../policy/compile';
import type { KeyLimits } from '../policy/schema';
import type { Attempt } from '../routing/types';
import { Timing } from './timing';

export type Decision = 'allow' | 'flag' | 'redact' | 'block';

/** What one guard concluded, shadow ones included; this is what traces store. */
export interface GuardOutcome {
  name: string;
  side: 'input' | 'output';
  score: number | null;
  threshold?: number;
  /** The action taken (or, in shadow mode, the one that would have been). `none` when it did not fire. */
  action: string;
  mode: 'enforce' | 'shadow';
  error?: string;
  latency_ms?: number;
  /** Cascade: which backend decided. */
  backend?: string;
}

export interface KeyInfo {
  id: string;
  name: string;
  /** Policy named by the key itself (virtual keys), before policy files' `keys:` lists. */
  policy?: string;
  anonymous?: boolean;
  /** Virtual keys: their own limits (fields left unset fall back to the policy's `limits.per_key`). */
  limits?: KeyLimits;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
  /** `upstream` when the provider reported it, `estimated` when the gateway counted. */
  source: 'upstream' | 'estimated';
}

/** Everything the gateway learns about one request; the trace is written from it. */
export class RequestState {
  readonly id: string;
  readonly createdAt = Date.now();
  readonly timing = new Timing();
  endpoint = '';
  key?: KeyInfo;
  policy?: CompiledPolicy;
  stream = false;
  modelRequested: string | null = null;
  modelUsed: string | null = null;
  tier: string | null = null;
  provider: string | null = null;
  decision: Decision = 'allow';
  guards: GuardOutcome[] = [];
  attempts: Attempt[] = [];
  usage?: TokenUsage;
  status = 200;
  error?: { type: string; code: string | null; message: string };
  routerScore: number | null = null;
  /** The completion text as received (in memory only; traces keep `output`, per the capture setting). */
  completionText = '';
  /** The client asked for usage in its stream (`stream_options.include_usage`). */
  clientWantsStreamUsage = false;
  /**
   * Captured text, already reduced to what the policy's capture setting allows. Redacting it costs
   * CPU the answer need not wait for: the pipeline hands over how to compute it (`captureLater`),
   * and it is computed when the trace is built, after the response, or never (traces off).
   */
  get input(): string | undefined {
    return this.captured('input');
  }
  get output(): string | undefined {
    return this.captured('output');
  }
  private readonly captures: Record<'input' | 'output', { text?: string; compute?: () => string | undefined }> = { input: {}, output: {} };

  captureLater(side: 'input' | 'output', compute: () => string | undefined): void {
    this.captures[side] = { compute };
  }

  /** Computed on first read, once. */
  private captured(side: 'input' | 'output'): string | undefined {
    const c = this.captures[side];
    if (c.compute) {
      c.text = c.compute();
      c.compute = undefined;
    }
    return c.text;
  }

  finishReason: string | null = null;
  timeToFirstTokenMs: number | null = null;
  /** Streams: how the stream ended (done, filtered, upstream_error, idle_timeout, truncated, client_cancelled). */
  streamOutcome: string | null = null;
  /**
   * Response cache: `hit` (served from the cache; `usage`, `modelUsed`, `provider` describe the cached
   * answer, so its cost is 0 and its saved cost is what the upstream call would have cost), `miss`
   * (looked up, not found, may be stored), null when the cache did not apply.
   */
  cache: 'hit' | 'miss' | null = null;

  /** Resolves when the response is complete (for streams: when the stream ends). */
  readonly completed: Promise<void>;
  /** Streams complete later than the handler returns; they call `complete()` themselves. */
  deferCompletion = false;
  private resolveCompleted!: () => void;

  constructor(id?: string) {
    this.id = id ?? `req_${crypto.randomUUID().replaceAll('-', '')}`;
    this.completed = new Promise((r) => (this.resolveCompleted = r));
  }

  complete() {
    this.resolveCompleted();
  }

  /** `tier=…; model=…` for x-triage-route. */
  routeHeader(): string {
    const parts = [`tier=${this.tier ?? 'none'}`, `model=${headerSafe(this.modelUsed ?? this.modelRequested ?? 'none')}`];
    if (this.provider) parts.push(`provider=${this.provider}`);
    return parts.join('; ');
  }

  /** Headers other stages add to every response of this request (rate limits, cache). */
  readonly extraHeaders: Record<string, string> = {};

  headers(): Record<string, string> {
    return {
      ...this.extraHeaders,
      'x-request-id': this.id,
      'server-timing': this.timing.header(),
      'x-triage-decision': this.decision,
      'x-triage-route': this.routeHeader(),
    };
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A client-chosen name (the model) as a header value: control characters (CR, LF, NUL…) would make
 * the runtime refuse the whole response (a 5xx instead of an answer) and must never split a header,
 * and non-ASCII is not portable in headers (lone surrogates are not even valid UTF-8). Anything
 * outside printable ASCII is percent-encoded; the value is capped.
 */
export function headerSafe(value: string, max = 200): string {
  if (value.length <= max && PRINTABLE_ASCII.test(value)) return value; // the usual model name
  const capped = value.length > max ? `${value.slice(0, max)}...` : value;
  const wellFormed = capped.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed.replace(/[^\x20-\x7e]/gu, (c: string) => encodeURIComponent(c));
}
