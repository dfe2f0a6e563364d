import { DurableObject } from 'cloudflare:workers';
import type { KeyLimits } from '../policy/schema';

/**
 * One Durable Object per key (SQLite-backed): the only place that key's counters live, so limits
 * hold exactly however many Worker instances serve it. Each method runs synchronously from start to
 * finish (the SQL API is synchronous; there is no await inside), so concurrent requests to the same
 * key are checked and counted one after another — no read-modify-write races.
 *
 * - Requests and tokens per minute: a sliding 60 s log of admitted requests (never more than `rpm`
 *   requests, or `tpm` tokens, in any 60 s window — unlike fixed windows, which allow 2× at a
 *   boundary). A request reserves its estimated tokens; `settle` replaces them with real usage.
 * - Spend per UTC day and month: settled spend plus the estimated cost of requests still in
 *   flight; a request is admitted only if its estimate still fits under the budget.
 *
 * Limits come with every call (from the key's record and its policy), so changing a policy takes
 * effect on the next request; the object stores only counters.
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

const dayKey = (t: number) => `d:${new Date(t).toISOString().slice(0, 10)}`;
const monthKey = (t: number) => `m:${new Date(t).toISOString().slice(0, 7)}`;
const nextDay = (t: number) => (Math.floor(t / DAY) + 1) * DAY;
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export class KeyLimiter extends DurableObject {
  private readonly sql: SqlStorage;
  private prunedDay = '';

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS recent (request_id TEXT PRIMARY KEY, at INTEGER NOT NULL, tokens INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS recent_at ON recent (at, tokens);
      CREATE TABLE IF NOT EXISTS pending (request_id TEXT PRIMARY KEY, at INTEGER NOT NULL, usd REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS spend (period TEXT PRIMARY KEY, usd REAL NOT NULL);
    `);
  }

  admit(input: AdmitInput): AdmitResult {
    const now = Date.now();
    const { rpm, tpm, daily_usd, monthly_usd } = input.limits;
    const windowed = rpm !== undefined || tpm !== undefined;
    const budgeted = daily_usd !== undefined || monthly_usd !== undefined;
    let count = 0;
    let sum = 0;
    if (windowed) {
      this.sql.exec('DELETE FROM recent WHERE at <= ?', now - MINUTE);
      const row = this.sql.exec<{ n: number; t: number }>('SELECT COUNT(*) AS n, COALESCE(SUM(tokens), 0) AS t FROM recent').one();
      count = row.n;
      sum = row.t;
    }
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
      const at = this.sql.exec<{ at: number }>('SELECT at FROM recent ORDER BY at LIMIT 1 OFFSET ?', count - rpm).one().at;
      return refuse('requests', rpm, count, 1, at + MINUTE - now);
    }
    if (tpm !== undefined && sum + input.tokens > tpm) {
      return refuse('tokens', tpm, sum, input.tokens, input.tokens > tpm ? null : this.untilTokensFit(now, sum + input.tokens - tpm));
    }
    if (budgeted) {
      this.sql.exec('DELETE FROM pending WHERE at <= ?', now - RESERVATION_TTL);
      const inFlight = this.sql.exec<{ usd: number }>('SELECT COALESCE(SUM(usd), 0) AS usd FROM pending').one().usd;
      const budgets: Array<[Refusal, number | undefined, string, number]> = [
        ['daily_usd', daily_usd, dayKey(now), nextDay(now)],
        ['monthly_usd', monthly_usd, monthKey(now), nextMonth(now)],
      ];
      for (const [reason, limit, period, resetAt] of budgets) {
        if (limit === undefined) continue;
        const used = this.spent(period) + inFlight;
        // Nothing left, or this request's estimate would not fit: refuse before spending, not after.
        if (used >= limit || used + input.usd > limit) return refuse(reason, limit, used, input.usd, resetAt - now);
      }
      if (input.usd > 0) this.sql.exec('INSERT OR REPLACE INTO pending (request_id, at, usd) VALUES (?, ?, ?)', input.requestId, now, input.usd);
    }
    if (windowed) this.sql.exec('INSERT OR REPLACE INTO recent (request_id, at, tokens) VALUES (?, ?, ?)', input.requestId, now, input.tokens);
    return windows(true);
  }

  /** After the response: real tokens replace the estimate; real cost is added to today and this month. */
  settle(input: SettleInput): void {
    const now = Date.now();
    this.sql.exec('UPDATE recent SET tokens = ? WHERE request_id = ?', Math.max(0, Math.round(input.tokens)), input.requestId);
    this.sql.exec('DELETE FROM pending WHERE request_id = ?', input.requestId);
    if (input.usd > 0) {
      for (const period of [dayKey(now), monthKey(now)]) {
        this.sql.exec('INSERT INTO spend (period, usd) VALUES (?, ?) ON CONFLICT (period) DO UPDATE SET usd = usd + excluded.usd', period, input.usd);
      }
    }
    // Old days and months are of no further use; keep ~5 weeks and ~13 months for inspection.
    // Once per day per instance is enough (this runs on every request otherwise).
    if (this.prunedDay !== dayKey(now)) {
      this.prunedDay = dayKey(now);
      this.sql.exec("DELETE FROM spend WHERE (period LIKE 'd:%' AND period < ?) OR (period LIKE 'm:%' AND period < ?)", dayKey(now - 35 * DAY), monthKey(now - 400 * DAY));
    }
  }

  usage(): LimiterUsage {
    const now = Date.now();
    const row = this.sql.exec<{ n: number; t: number }>('SELECT COUNT(*) AS n, COALESCE(SUM(tokens), 0) AS t FROM recent WHERE at > ?', now - MINUTE).one();
    const inFlight = this.sql.exec<{ usd: number }>('SELECT COALESCE(SUM(usd), 0) AS usd FROM pending WHERE at > ?', now - RESERVATION_TTL).one().usd;
    return {
      requests_last_minute: row.n,
      tokens_last_minute: row.t,
      spend: { day_usd: this.spent(dayKey(now)), month_usd: this.spent(monthKey(now)), in_flight_usd: inFlight },
    };
  }

  /** A revoked key's counters are of no further use. */
  async clear(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  private spent(period: string): number {
    return this.sql.exec<{ usd: number }>('SELECT usd FROM spend WHERE period = ?', period).toArray()[0]?.usd ?? 0;
  }

  /** Until every request (or every token) now in the window has left it. */
  private untilEmpty(now: number, tokensOnly: boolean): number {
    const row = this.sql.exec<{ last: number | null }>(`SELECT MAX(at) AS last FROM recent${tokensOnly ? ' WHERE tokens > 0' : ''}`).one();
    return row.last === null ? 0 : Math.max(0, row.last + MINUTE - now);
  }

  /** Until enough of the oldest tokens leave the window to free `excess` tokens. */
  private untilTokensFit(now: number, excess: number): number {
    let freed = 0;
    for (const row of this.sql.exec<{ at: number; tokens: number }>('SELECT at, tokens FROM recent ORDER BY at')) {
      freed += row.tokens;
      if (freed >= excess) return Math.max(0, row.at + MINUTE - now);
    }
    return MINUTE;
  }
}
