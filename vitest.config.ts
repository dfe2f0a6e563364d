import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { buildPolicies } from './cli/policy';

/** A free loopback port for the test upstream, known before the Worker's bindings are set. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export default defineConfig(async () => {
  const port = Number(process.env.TRIAGE_TEST_UPSTREAM_PORT) || (await freePort());
  process.env.TRIAGE_TEST_UPSTREAM_PORT = String(port);
  const upstream = `http://127.0.0.1:${port}`;
  // Shipped policies plus the tests' own (pointing at the scripted upstream), bundled the same way.
  const testPolicies = resolve('test/.gen/policies.gen.ts');
  buildPolicies(['policies', 'test/policies'], testPolicies);

  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  OPENAI_BASE_URL: `${upstream}/v1`,
                  OPENAI_API_KEY: 'sk-upstream-secret',
                  TEST_UPSTREAM: upstream,
                  GATEWAY_API_KEYS: 'test=sk-gw-test,fallback=sk-gw-fallback,demo=sk-gw-demo,alt=sk-gw-alt,guarded=sk-gw-guarded,outonly=sk-gw-outonly,shadow=sk-gw-shadow,failopen=sk-gw-failopen,failclosed=sk-gw-failclosed,cascade=sk-gw-cascade,routes=sk-gw-routes,wai=sk-gw-wai,outharm=sk-gw-outharm',
                  ADMIN_TOKEN: 'admin-test-token',
                  POLICY: 'passthrough',
                  TEST_MIGRATIONS: await readD1Migrations(resolve('migrations')),
                },
              },
            }),
          ],
          resolve: { alias: [{ find: /^\.\/bundled\.gen$/, replacement: testPolicies }] },
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.ts'],
            globalSetup: ['test/support/global-setup.ts'],
            setupFiles: ['test/support/apply-migrations.ts'],
            testTimeout: 30_000,
          },
        },
        {
          // --experimental-websocket: the soak test reads workerd's heap through the V8 inspector (Node 20).
          test: { name: 'node', include: ['test/node/**/*.test.ts'], environment: 'node', testTimeout: 60_000, execArgv: ['--experimental-websocket'] },
        },
      ],
    },
  };
});
