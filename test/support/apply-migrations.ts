import { applyD1Migrations, env, type D1Migration } from 'cloudflare:test';

// Real D1 (local SQLite) with the project's migrations, as `wrangler d1 migrations apply` would.
await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
