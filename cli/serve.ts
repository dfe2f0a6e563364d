/**
 * npm run serve -- [--ip 127.0.0.1] [--port 8787] [--var KEY:VALUE]... [--config wrangler.toml]
 *
 * The Worker as production runs it: bundled by wrangler (as `wrangler deploy` would), served by
 * workerd through Miniflare directly, without `wrangler dev`'s development proxies (which add tens
 * of ms per request). Local D1 is the same database `npm start` uses, with migrations applied.
 * Benchmarks measure through this.
 *
 * The socket on `--ip`/`--port` leads straight to the Worker (Miniflare's `unsafeDirectSockets`),
 * not through Miniflare's own entry Worker: that one exists for local development (error pages,
 * `request.cf` stand-ins, the live-reload and test-helper routes) and put a second isolate on
 * every request — about 0.4 ms of workerd CPU per request on the benchmark machine, as much as
 * the whole passthrough floor. Production has no such hop. Miniflare's entry socket still runs
 * (on a free port) for its own helpers (`getD1Database`, the dev registry).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

export interface ServeOptions {
  ip?: string;
  port?: number;
  vars?: Record<string, string>;
  config?: string;
  /** Bundle output; reuse an existing bundle with `build: false`. */
  outdir?: string;
  build?: boolean;
  /** Where local D1 lives; wrangler's default so `npm start` and `npm run serve` share data. */
  persist?: string | false;
  quiet?: boolean;
  /** Further Miniflare options (the bench's profiler sets `inspectorPort`). */
  miniflare?: Record<string, unknown>;
}

/** `KEY=value` lines of a .dev.vars file. */
function devVars(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

const wrangler = (args: string[], quiet: boolean) =>
  execFileSync(process.execPath, [resolve('node_modules/wrangler/bin/wrangler.js'), ...args], { stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });

/** Bundles the Worker exactly as a deploy would (this also runs the [build] step: policies). */
export function bundle(config: string, outdir: string, quiet = false) {
  rmSync(outdir, { recursive: true, force: true });
  wrangler(['deploy', '--dry-run', '--outdir', outdir, '--config', config], quiet);
}

/** In-memory D1 (no persistence): apply migrations/*.sql through Miniflare itself. */
async function migrateInMemory(mf: Miniflare, dir: string) {
  const db = await mf.getD1Database('DB');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(resolve(dir, file), 'utf8').replace(/^\s*--.*$/gm, '');
    const statements = sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

export async function serve(opts: ServeOptions = {}): Promise<{ mf: Miniflare; url: URL }> {
  const config = opts.config ?? 'wrangler.toml';
  const outdir = resolve(opts.outdir ?? '.wrangler/serve');
  const persist = opts.persist === false ? undefined : resolve(opts.persist ?? '.wrangler/state/v3');
  if (opts.build !== false) bundle(config, outdir, opts.quiet ?? false);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  const hasD1 = (workerOptions.d1Databases && Object.keys(workerOptions.d1Databases).length > 0) ?? false;
  if (persist && hasD1) wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '--config', config], true);

  const bindings = { ...(workerOptions.bindings ?? {}), ...devVars('.dev.vars'), TRIAGE_ENV: 'development', ...opts.vars };
  const mf = new Miniflare({
    ...workerOptions,
    bindings,
    modules: true,
    modulesRoot: outdir,
    modulesRules: [{ type: 'Data', include: ['**/*.bin'] }],
    scriptPath: resolve(outdir, 'index.js'),
    host: opts.ip ?? '127.0.0.1',
    port: 0,
    unsafeDirectSockets: [{ host: opts.ip ?? '127.0.0.1', port: opts.port ?? 8787 }],
    d1Persist: persist ? resolve(persist, 'd1') : false,
    durableObjectsPersist: persist ? resolve(persist, 'do') : false,
    cachePersist: false,
    kvPersist: persist ? resolve(persist, 'kv') : false,
    ...opts.miniflare,
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  const url = await mf.unsafeGetDirectURL();
  if (!persist && hasD1) await migrateInMemory(mf, resolve('migrations'));
  return { mf, url };
}

async function main() {
  const { values } = parseArgs({
    options: {
      ip: { type: 'string' },
      port: { type: 'string' },
      var: { type: 'string', multiple: true },
      config: { type: 'string' },
    },
  });
  const vars: Record<string, string> = {};
  for (const kv of values.var ?? []) {
    const i = kv.indexOf(':');
    if (i <= 0) throw new Error(`--var expects KEY:VALUE, got "${kv}"`);
    vars[kv.slice(0, i)] = kv.slice(i + 1);
  }
  const { mf, url } = await serve({ ip: values.ip, port: values.port ? Number(values.port) : undefined, vars, config: values.config });
  console.log(`triage serving on ${url.origin} (bundled, workerd via Miniflare; Ctrl-C to stop)`);
  const stop = async () => {
    await mf.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
