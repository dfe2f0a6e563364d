import { ROLLUP_TABLES, type RollupTable } from './rollup';

/**
 * Folds rollup_pending (the deltas each trace batch recorded) into the rollup tables. One fold is
 * one D1 batch, so one transaction: the deltas of up to CHUNK batches are summed per rollup key and
 * upserted, and exactly those pending rows are deleted. D1 runs transactions one at a time, so two
 * isolates folding at once never count a delta twice: the second finds the rows gone.
 *
 * Runs at most once a minute per isolate after a trace batch (so the table stays small), before
 * every metrics query (so metrics count every written trace) and before retention.
 */
export const FOLD_EVERY_MS = 60_000;
/** Pending rows per transaction: bounds a fold's work whatever the backlog. */
const CHUNK = 500;
/** Folds per call: a backlog larger than this is left to the next call. */
const MAX_FOLDS = 40;

const CHUNK_IDS = `id <= (SELECT MIN(id) FROM rollup_pending) + ${CHUNK - 1}`;

/**
 * The deltas are materialized once (json_each renders each delta row as JSON text; without
 * MATERIALIZED every json_extract below would render it again), then grouped by key.
 */
function foldSql(t: RollupTable): string {
  const cols = [...t.keys, ...t.sums, ...(t.max ? [t.max] : [])];
  const at = (i: number) => `json_extract(v, '$[${i}]')`;
  const select = [
    ...t.keys.map((_, i) => at(i)),
    ...t.sums.map((_, j) => `SUM(${at(t.keys.length + j)})`),
    ...(t.max ? [`MAX(${at(t.keys.length + t.sums.length)})`] : []),
  ];
  const update = [...t.sums.map((c) => `${c} = ${c} + excluded.${c}`), ...(t.max ? [`${t.max} = MAX(${t.max}, excluded.${t.max})`] : [])];
  return (
    `WITH d(v) AS MATERIALIZED (SELECT r.value FROM rollup_pending AS p, json_each(p.${t.pending}) AS r WHERE p.${CHUNK_IDS}) ` +
    `INSERT INTO ${t.table} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM d WHERE true ` +
    `GROUP BY ${t.keys.map((_, i) => i + 1).join(', ')} ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${update.join(', ')}`
  );
}

const FOLDS = ROLLUP_TABLES.map(foldSql);
const DELETE_FOLDED = `DELETE FROM rollup_pending WHERE ${CHUNK_IDS}`;

/** Folds everything pending (up to MAX_FOLDS × CHUNK batches); resolves with the batches folded. */
export async function foldRollups(db: D1Database): Promise<number> {
  let folded = 0;
  for (let i = 0; i < MAX_FOLDS; i++) {
    const results = await db.batch([...FOLDS.map((sql) => db.prepare(sql)), db.prepare(DELETE_FOLDED)]);
    const deleted = results[results.length - 1]?.meta.changes ?? 0;
    folded += deleted;
    // Ids are contiguous (rowids are max + 1, and folds delete from the low end): a short chunk was the last.
    if (deleted < CHUNK) break;
  }
  return folded;
}

const lastFold = new WeakMap<object, number>();

/** After a trace batch: a fold once this isolate has written for FOLD_EVERY_MS since its last. Never throws. */
export async function foldIfDue(db: D1Database, now = Date.now()): Promise<void> {
  const last = lastFold.get(db);
  if (last === undefined) lastFold.set(db, now); // a new isolate's first batch starts the clock
  if (last === undefined || now - last < FOLD_EVERY_MS) return;
  lastFold.set(db, now);
  await foldRollups(db).catch((err) => console.error(`[triage] rollup fold failed (retried later): ${(err as Error)?.message ?? err}`));
}
