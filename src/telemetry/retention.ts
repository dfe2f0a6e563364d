import type { TelemetryConfig } from './config';
import { foldRollups } from './rollup-fold';

/**
 * Retention, run by the Cron Trigger (wrangler.toml `[triggers]`): traces older than
 * TRACE_RETENTION_DAYS, minute rollups older than two days (windows past 24 h read hourly ones) and
 * hourly rollups older than ROLLUP_RETENTION_DAYS are deleted. Traces go in chunks so no single
 * statement runs long enough to hit D1's per-query limits on a large backlog.
 */
const DAY = 86_400_000;
export const MINUTE_ROLLUP_DAYS = 2;
const CHUNK = 5_000;
const MAX_CHUNKS = 200;

export interface RetentionResult {
  traces: number;
  rollups: number;
}

export async function applyRetention(db: D1Database, config: Pick<TelemetryConfig, 'retentionDays' | 'rollupRetentionDays'>, now = Date.now()): Promise<RetentionResult> {
  const traceCutoff = now - config.retentionDays * DAY;
  let traces = 0;
  const chunk = db.prepare('DELETE FROM traces WHERE rowid IN (SELECT rowid FROM traces WHERE created_at < ? LIMIT ?)');
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const { meta } = await chunk.bind(traceCutoff, CHUNK).run();
    traces += meta.changes ?? 0;
    if ((meta.changes ?? 0) < CHUNK) break;
  }
  // Pending deltas first, so the rollups they belong to are there to be expired.
  await foldRollups(db);
  const minuteCutoff = now - MINUTE_ROLLUP_DAYS * DAY;
  const hourCutoff = now - config.rollupRetentionDays * DAY;
  const results = await db.batch(
    ['request_rollup', 'latency_rollup', 'guard_rollup'].flatMap((table) => [
      db.prepare(`DELETE FROM ${table} WHERE res = 'm' AND bucket < ?`).bind(minuteCutoff),
      db.prepare(`DELETE FROM ${table} WHERE res = 'h' AND bucket < ?`).bind(hourCutoff),
    ]),
  );
  const rollups = results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
  return { traces, rollups };
}
