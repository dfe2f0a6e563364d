-- Rollup deltas not yet folded into request_rollup, latency_rollup and guard_rollup
-- (src/telemetry/rollup-fold.ts). The trace writer adds one row per batch, in the same transaction
-- as the batch's traces, instead of upserting every rollup row it touches; a fold (at most once a
-- minute per isolate, before every metrics query, and on the Cron Trigger) adds them to the rollup
-- tables and deletes them, in one transaction. Each column holds a JSON array of rows in the column
-- order of its rollup table (keys first, then the values to add).
CREATE TABLE rollup_pending (
  id INTEGER PRIMARY KEY,
  requests TEXT NOT NULL,
  latency TEXT NOT NULL,
  guards TEXT NOT NULL
);
