-- Virtual keys created through POST /admin/keys (DESIGN.md). The key itself is never stored:
-- `id` is its public part (the key is `sk-triage-<id without vk_>_<secret>`), `hash` is
-- SHA-256(salt || secret) with a per-key random salt. Revoked keys keep their row (revoked_at set)
-- so traces still name them. Times are Unix epoch milliseconds.
CREATE TABLE virtual_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  policy TEXT,
  limits TEXT NOT NULL DEFAULT '{}',
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX virtual_keys_created_at ON virtual_keys (created_at);
