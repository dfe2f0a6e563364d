import { DurableObject } from 'cloudflare:workers';
import type { KeyLimits } from '../policy/schema';

/**
 * One Durable Object per key (SQLite-backed): the only place that key's counters live, so limits
 * hold exactly however many Worker instances serve it. Each method runs synchronously from start to
 * finish (no await inside), so concurrent requests to the same key are checked and counted one after
 * another — no read-modify-write races.
 *
 * - Requests and tokens per minute: a sliding 60 s log of admitted requests (never more than `rpm`
 *   requests, or `tpm` tokens, in any 60 s window — unlike fixed windows, which allow 2× at a
 *   boundary). A request reserves its estimated tokens; `settle` replaces them with real usage.
 * - Spend per UTC day and month: settled spend plus the estimated cost of requests still in
 *   flight; a request is admitted only if its estimate still fits under the budget.
 *
 * Limits come with every call (from the key's record and its policy), so changing a policy takes
 * effect on the next request; the object stores only counters.
 *
 * Counters live in memory (O(1) per check: a running count and sum over the window, no scans) and
 * every change is written through to the object's storage, from which a restarted object reloads
 * them. Writes use `allowUnconfirmed`: the answer does not wait for the write to be confirmed
 * durable (replicated, in production; fsync, locally), which would otherwise add that wait to
 * every request. The cost: if the machine fails before a write is confirmed, the object restarts
 * without it, and the last few milliseconds of counts are lost; an ordinary eviction or restart
 * loses nothing.
 */
export interface AdmitInput {
  requestId: string;
  limits: KeyLimits;
  /** Estimated prompt + completion tokens. */
  tokens: number;
  /** Estimated cost (an upper bound where prices are known; 0 when not). */
  usd: number;
}

export interface WindowState {
  limit: number;
  remaining: number;
  /** Until the window is back to its initial state (OpenAI's `x-ratelimit-reset-*`). */
  resetMs: number;
}

export type Refusal = 'requests' | 'tokens' | 'daily_usd' | 'monthly_usd';

export interface AdmitResult {
  ok: boolean;
  requests?: WindowState;
  tokens?: WindowState;
  refused?: { reason: Refusal; limit: number; used: number; requested: number; retryAfterMs: number | null };
}

export interface SettleInput {
  requestId: string;
  tokens: number;
  usd: number;
}

export interface LimiterUsage {
  requests_last_minute: number;
  tokens_last_minute: number;
  spend: { day_usd: number; month_usd: number; in_flight_usd: number };
}

const MINUTE = 60_000;
/** An unsettled reservation (a crashed isolate never settles) stops counting after this long. */
const RESERVATION_TTL = 3_600_000;
const DAY = 86_400_000;
const UNCONFIRMED = { allowUnconfirmed: true };
const noop = () => {};

const dayKey = (t: number) => `d:${new Date(t).toISOString().slice(0, 10)}`;
const monthKey = (t: number) => `m:${new Date(t).toISOString().slice(0, 7)}`;
const nextDay = (t: number) => (Math.floor(t / DAY) + 1) * DAY;
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

interface Admitted {
  id: string;
  at: number;
  tokens: number;
}

/** Storage keys: `w:<request>` → [at, tokens], `p:<request>` → [at, usd], `s:<period>` → usd. */
export class KeyLimiter extends DurableObject {
  /** Requests admitted in the last minute, oldest first, from `head` on. */
  private log: Admitted[] = [];
  private head = 0;
  private tokens = 0;
  private readonly byId = new Map<string, Admitted>();
  /** Budget reservations of requests not settled yet, oldest first (Map keeps insertion order). */
  private readonly pending = new Map<string, { at: number; usd: number }>();
  private inFlight = 0;
  private readonly spend = new Map<string, number>();
  private prunedDay = '';

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // The synchronous KV API reads the object's own SQLite: state is back before any request runs.
    for (const [key, value] of ctx.storage.kv.list<unknown>()) {
      const [kind, rest] = [key.slice(0, 2), key.slice(2)];
      if (kind === 'w:' && Array.isArray(value)) this.log.push({ id: rest, at: Number(value[0]), tokens: Number(value[1]) });
      else if (kind === 'p:' && Array.isArray(value)) this.pending.set(rest, { at: Number(value[0]), usd: Number(value[1]) });
      else if (kind === 's:' && typeof value === 'number') this.spend.set(rest, value);
    }
    this.log.sort((a, b) => a.at - b.at);
    for (const e of this.log) {
      this.byId.set(e.id, e);
      this.tokens += e.tokens;
    }
    for (const p of this.pending.values()) this.inFlight += p.usd;
  }

  admit(input: AdmitInput): AdmitResult {
    const now = Date.now();
    const { rpm, tpm, daily_usd, monthly_usd } = input.limits;
    const windowed = rpm !== undefined || tpm !== undefined;
    const budgeted = daily_usd !== undefined || monthly_usd !== undefined;
    this.expire(now);
    const count = this.log.length - this.head;
    const sum = this.tokens;

    const windows = (admitted: boolean): AdmitResult => {
      const result: AdmitResult = { ok: admitted };
      const n = count + (admitted ? 1 : 0);
      const t = sum + (admitted ? input.tokens : 0);
      // Admitted: this request is the newest in the window, so the window is empty a minute from now.
      const reset = (tokensOnly: boolean, empty: boolean) => (empty ? 0 : admitted ? MINUTE : this.untilEmpty(now, tokensOnly));
      if (rpm !== undefined) result.requests = { limit: rpm, remaining: Math.max(0, rpm - n), resetMs: reset(false, n === 0) };
      if (tpm !== undefined) result.tokens = { limit: tpm, remaining: Math.max(0, tpm - t), resetMs: reset(true, t === 0) };
      return result;
    };
    const refuse = (reason: Refusal, limit: number, used: number, requested: number, retryAfterMs: number | null): AdmitResult => ({
      ...windows(false),
      refused: { reason, limit, used, requested, retryAfterMs },
    });

    if (rpm !== undefined && count + 1 > rpm) {
      // The next slot frees when the (count - rpm + 1)-th oldest request leaves the window.
      return refuse('requests', rpm, count, 1, this.log[this.head + count - rpm]!.at + MINUTE - now);
    }
    if (tpm !== undefined && sum + input.tokens > tpm) {
      return refuse('tokens', tpm, sum, input.tokens, input.tokens > tpm ? null : this.untilTokensFit(now, sum + input.tokens - tpm));
    }
    if (budgeted) {
      const budgets: Array<[Refusal, number | undefined, string, number]> = [
        ['daily_usd', daily_usd, dayKey(now), nextDay(now)],
        ['monthly_usd', monthly_usd, monthKey(now), nextMonth(now)],
      ];
      for (const [reason, limit, period, resetAt] of budgets) {
        if (limit === undefined) continue;
        const used = (this.spend.get(period) ?? 0) + this.inFlight;
        // Nothing left, or this request's estimate would not fit: refuse before spending, not after.
        if (used >= limit || used + input.usd > limit) return refuse(reason, limit, used, input.usd, resetAt - now);
      }
      if (input.usd > 0) {
        this.pending.set(input.requestId, { at: now, usd: input.usd });
        this.inFlight += input.usd;
        this.write(`p:${input.requestId}`, [now, input.usd]);
      }
    }
    if (windowed) {
      const entry = { id: input.requestId, at: now, tokens: input.tokens };
      this.log.push(entry);
      this.byId.set(entry.id, entry);
      this.tokens += entry.tokens;
      this.write(`w:${entry.id}`, [now, entry.tokens]);
    }
    return windows(true);
  }

  /** After the response: real tokens replace the estimate; real cost is added to today and this month. */
  settle(input: SettleInput): void {
    const now = Date.now();
    const entry = this.byId.get(input.requestId);
    if (entry) {
      const tokens = Math.max(0, Math.round(input.tokens));
      this.tokens += tokens - entry.tokens;
      entry.tokens = tokens;
      this.write(`w:${entry.id}`, [entry.at, tokens]);
    }
    const reserved = this.pending.get(input.requestId);
    if (reserved) this.release(input.requestId, reserved.usd);
    if (input.usd > 0) {
      for (const period of [dayKey(now), monthKey(now)]) {
        const total = (this.spend.get(period) ?? 0) + input.usd;
        this.spend.set(period, total);
        this.write(`s:${period}`, total);
      }
    }
    if (this.prunedDay !== dayKey(now)) {
      // Old days and months are of no further use; keep ~5 weeks and ~13 months for inspection.
      this.prunedDay = dayKey(now);
      const [oldDay, oldMonth] = [dayKey(now - 35 * DAY), monthKey(now - 400 * DAY)];
      const old = [...this.spend.keys()].filter((p) => (p.startsWith('d:') ? p < oldDay : p < oldMonth));
      for (const p of old) this.spend.delete(p);
      this.remove(old.map((p) => `s:${p}`));
    }
  }

  usage(): LimiterUsage {
    const now = Date.now();
    this.expire(now);
    return {
      requests_last_minute: this.log.length - this.head,
      tokens_last_minute: this.tokens,
      spend: { day_usd: this.spend.get(dayKey(now)) ?? 0, month_usd: this.spend.get(monthKey(now)) ?? 0, in_flight_usd: this.inFlight },
    };
  }

  /** A revoked key's counters are of no further use. */
  async clear(): Promise<void> {
    this.log = [];
    this.head = 0;
    this.tokens = 0;
    this.byId.clear();
    this.pending.clear();
    this.inFlight = 0;
    this.spend.clear();
    await this.ctx.storage.deleteAll();
  }

  /** Drops requests older than a minute and reservations older than RESERVATION_TTL. */
  private expire(now: number) {
    const gone: string[] = [];
    while (this.head < this.log.length && this.log[this.head]!.at <= now - MINUTE) {
      const e = this.log[this.head++]!;
      this.tokens -= e.tokens;
      this.byId.delete(e.id);
      gone.push(`w:${e.id}`);
    }
    // Compact now and then, so the array does not grow with every request ever admitted.
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.head = 0;
    }
    this.remove(gone);
    for (const [id, p] of this.pending) {
      if (p.at > now - RESERVATION_TTL) break;
      this.release(id, p.usd);
    }
  }

  private release(id: string, usd: number) {
    this.pending.delete(id);
    // Reset exactly when nothing is in flight, so float rounding cannot accumulate.
    this.inFlight = this.pending.size === 0 ? 0 : this.inFlight - usd;
    this.remove([`p:${id}`]);
  }

  private write(key: string, value: unknown) {
    this.ctx.storage.put(key, value, UNCONFIRMED).catch(noop);
  }

  private remove(keys: string[]) {
    for (let i = 0; i < keys.length; i += 128) this.ctx.storage.delete(keys.slice(i, i + 128), UNCONFIRMED).catch(noop);
  }

  /** Until every request (or every token) now in the window has left it. */
  private untilEmpty(now: number, tokensOnly: boolean): number {
    for (let i = this.log.length - 1; i >= this.head; i--) {
      if (!tokensOnly || this.log[i]!.tokens > 0) return Math.max(0, this.log[i]!.at + MINUTE - now);
    }
    return 0;
  }

  /** Until enough of the oldest tokens leave the window to free `excess` tokens. */
  private untilTokensFit(now: number, excess: number): number {
    let freed = 0;
    for (let i = this.head; i < this.log.length; i++) {
      freed += this.log[i]!.tokens;
      if (freed >= excess) return Math.max(0, this.log[i]!.at + MINUTE - now);
    }
    return MINUTE;
  }
}
