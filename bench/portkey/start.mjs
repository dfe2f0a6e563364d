/**
 * Starts the Portkey OSS gateway (node build, headless: no UI, no in-memory request log) on a
 * loopback port and prints `ready <port>` once it accepts connections, like bench/upstream.ts.
 * usage: node bench/portkey/start.mjs --port N   (0 = any free port)
 */
import { createServer, connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' } } });

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

const port = Number(values.port ?? 0) || (await freePort());
process.env.NODE_ENV = 'production';
// Portkey's start script reads its flags from argv; its spinner and banner go to stdout.
process.argv = [process.argv[0], 'start-server.js', `--port=${port}`, '--headless'];
await import('@portkey-ai/gateway/build/start-server.js');

const listening = () =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket.end() && true));
    socket.on('error', () => resolve(false));
  });
for (let i = 0; i < 300 && !(await listening()); i++) await new Promise((r) => setTimeout(r, 50));
process.stdout.write(`\nready ${port}\n`);
