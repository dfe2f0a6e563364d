import { DurableObject } from 'cloudflare:workers';
import { rollupStatements } from './rollup';
import { insertTraces, type Trace } from './trace';

/**
 * Traces survive a D1 outage. A batch that D1 refuses is retried with backoff inside the request's
 * `waitUntil` (a blip: a few hundred ms); if D1 is still down, the batch goes to the trace spool, a
 * Durable Object with its own storage, which keeps retrying on an alarm (exponential backoff, capped)
 * until D1 takes it. Nothing is dropped unless the spool itself is full (SPOOL_MAX_TRACES, the oldest
 * go first, logged with counts only) or unreachable (then the writer logs, as before).
 *
 * A retry after an ambiguous failure (D1 committed but the answer was lost) rewrites the same trace
 * rows (`INSERT OR REPLACE`, idempotent) but adds that batch to the rollups again: during an outage
 * the metrics may over-count slightly; the traces themselves are exact.
 */
export const RETRY_DELAYS_MS = [100, 400, 1_600];
const ALARM_FIRST_MS = 5_000;
const ALARM_MAX_MS = 5 * 60_000;
/** Traces per stored row: a trace with captured text is up to ~20 KB; rows stay well under 2 MB. */
const ROW_TRACES = 25;
export const SPOOL_MAX_TRACES = 100_000;

type SpoolEnv = { DB?: D1Database; TRACE_SPOOL?: DurableObjectNamespace<TraceSpool> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const message = (err: unknown) => (err as Error)?.message ?? String(err);

/** Writes a batch to D1, retrying with jittered backoff, then hands it to the spool. */
export async function writeDurably(env: SpoolEnv, traces: Trace[], write: () => Promise<unknown>): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      last = err;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay !== undefined) await sleep(delay / 2 + Math.random() * delay);
    }
  }
  if (!env.TRACE_SPOOL) throw last;
  await env.TRACE_SPOOL.get(env.TRACE_SPOOL.idFromName('traces')).stash(traces);
  console.warn(`[triage] D1 unavailable (${message(last)}): ${traces.length} trace(s) spooled for a later write`);
}

export class TraceSpool extends DurableObject<SpoolEnv> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: SpoolEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec('CREATE TABLE IF NOT EXISTS spool (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL, traces TEXT NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS retry (k INTEGER PRIMARY KEY CHECK (k = 0), failures INTEGER NOT NULL)');
  }

  /** Keeps a batch until D1 takes it. */
  async stash(traces: Trace[]): Promise<void> {
    for (let i = 0; i < traces.length; i += ROW_TRACES) {
      const part = traces.slice(i, i + ROW_TRACES);
      this.sql.exec('INSERT INTO spool (n, traces) VALUES (?, ?)', part.length, JSON.stringify(part));
    }
    this.trim();
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + ALARM_FIRST_MS);
  }

  /** Traces waiting for D1. */
  async pending(): Promise<number> {
    return Number(this.sql.exec('SELECT COALESCE(SUM(n), 0) AS n FROM spool').one().n);
  }

  /** Writes what is spooled, oldest first; on failure, tries again later (backoff). */
  override async alarm(): Promise<void> {
    const db = this.env.DB;
    if (!db) return;
    for (;;) {
      const rows = this.sql.exec<{ id: number; traces: string }>('SELECT id, traces FROM spool ORDER BY id LIMIT 4').toArray();
      if (rows.length === 0) break;
      const traces = rows.flatMap((r) => JSON.parse(r.traces) as Trace[]);
      try {
        await db.batch([...insertTraces(db, traces), ...rollupStatements(db, traces)]);
      } catch (err) {
        const failures = this.failures() + 1;
        this.sql.exec('INSERT OR REPLACE INTO retry (k, failures) VALUES (0, ?)', failures);
        const wait = Math.min(ALARM_MAX_MS, ALARM_FIRST_MS * 2 ** (failures - 1));
        console.warn(`[triage] trace spool: D1 still unavailable (${message(err)}); ${await this.pending()} trace(s) kept, next try in ${wait} ms`);
        await this.ctx.storage.setAlarm(Date.now() + wait);
        return;
      }
      this.sql.exec(`DELETE FROM spool WHERE id IN (${rows.map(() => '?').join(', ')})`, ...rows.map((r) => r.id));
    }
    this.sql.exec('DELETE FROM retry');
  }

  private failures(): number {
    return Number(this.sql.exec('SELECT failures FROM retry').toArray()[0]?.failures ?? 0);
  }

  /** A bound on what an endless outage can hold: the oldest traces go first. */
  private trim() {
    let total = Number(this.sql.exec('SELECT COALESCE(SUM(n), 0) AS n FROM spool').one().n);
    if (total <= SPOOL_MAX_TRACES) return;
    let dropped = 0;
    for (const row of this.sql.exec<{ id: number; n: number }>('SELECT id, n FROM spool ORDER BY id').toArray()) {
      if (total <= SPOOL_MAX_TRACES) break;
      this.sql.exec('DELETE FROM spool WHERE id = ?', row.id);
      total -= row.n;
      dropped += row.n;
    }
    console.error(`[triage] trace spool full: dropped the ${dropped} oldest trace(s)`);
  }
}
