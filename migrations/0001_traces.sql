-- One row per request the gateway answered (DESIGN.md: GET /admin/traces).
-- Latencies are in milliseconds; created_at is Unix epoch milliseconds.
CREATE TABLE traces (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  key_id TEXT,
  policy TEXT,
  endpoint TEXT NOT NULL,
  stream INTEGER NOT NULL DEFAULT 0,
  model_requested TEXT,
  model_used TEXT,
  provider TEXT,
  tier TEXT,
  decision TEXT NOT NULL,
  status INTEGER NOT NULL,
  latency_total REAL NOT NULL,
  latency_auth REAL NOT NULL DEFAULT 0,
  latency_guard REAL NOT NULL DEFAULT 0,
  latency_route REAL NOT NULL DEFAULT 0,
  latency_upstream REAL NOT NULL DEFAULT 0,
  latency_output_guard REAL NOT NULL DEFAULT 0,
  ttft_ms REAL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  cached_tokens INTEGER NOT NULL DEFAULT 0,
  usage_source TEXT,
  cost_usd REAL NOT NULL DEFAULT 0,
  saved_usd REAL NOT NULL DEFAULT 0,
  router_score REAL,
  finish_reason TEXT,
  guards TEXT NOT NULL DEFAULT '[]',
  attempts TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  input TEXT,
  output TEXT
);
CREATE INDEX traces_created_at ON traces (created_at);
CREATE INDEX traces_key_created_at ON traces (key_id, created_at);
