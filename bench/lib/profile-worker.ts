/**
 * CPU profile of Triage inside workerd under load, through the V8 inspector (Miniflare's
 * `inspectorPort`): where the gateway's CPU time per request goes. Prints the top functions by
 * self time and by total time, and writes a .cpuprofile (open it in Chrome DevTools).
 *
 *   NODE_OPTIONS=--experimental-websocket npx tsx bench/lib/profile-worker.ts [--policy default] [--requests 2000] [--connections 8] [--stream] [--var TRACES:off] [--tokens 32000]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, serve } from '../../cli/serve';
import { promptOfTokens } from '../classifier';
import { ordinaryPrompt } from '../gateway';
import { connectInspector } from './inspector';
import { distinct, load } from './load';
import { freePort, runMain, startScript } from './processes';

const { values } = parseArgs({
  options: {
    policy: { type: 'string', default: 'default' },
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '8' },
    stream: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/worker.cpuprofile' },
    top: { type: 'string', default: '30' },
    /** The prompt's length; default: the ~1k-token ordinary prompt of the gateway section. */
    tokens: { type: 'string' },
    var: { type: 'string', multiple: true },
  },
});

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(p: Profile, top: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const key = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let all = 0;
  for (const [id, us] of self) {
    all += us;
    const n = byId.get(id)!;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + us);
    // Total time: each frame on the stack once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (!seen.has(k)) totalBy.set(k, (totalBy.get(k) ?? 0) + us), seen.add(k);
    }
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (share of sampled time, ${(all / 1000).toFixed(0)} ms sampled)`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((us / all) * 100).toFixed(1).padStart(6)}%  ${k}`);
  };
  show('self time', selfBy);
  show('total time', totalBy);
}

async function main() {
  const up = await startScript('bench/upstream.ts', ['--port', '0']);
  const outdir = resolve('.wrangler/bench-profile');
  bundle('wrangler.toml', outdir, true);
  const inspectorPort = await freePort();
  const vars = { OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`, OPENAI_API_KEY: 'sk-bench', GATEWAY_API_KEYS: 'bench=sk-gw-bench', TRIAGE_ENV: 'production', POLICY: values.policy!, ...Object.fromEntries((values.var ?? []).map((kv) => [kv.slice(0, kv.indexOf(':')), kv.slice(kv.indexOf(':') + 1)])) };
  const { mf, url } = await serve({ outdir, build: false, persist: false, port: await freePort(), vars, quiet: true, miniflare: { inspectorPort } });
  try {
    const target = new URL('/v1/chat/completions', url).href;
    const body = distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: values.tokens ? promptOfTokens(Number(values.tokens)) : ordinaryPrompt() }], max_tokens: 64, ...(values.stream ? { stream: true } : {}) }));
    const opts = { url: target, body, headers: { authorization: 'Bearer sk-gw-bench' }, connections: Number(values.connections), stream: values.stream };
    await load({ ...opts, requests: 300 });
    const cdp = await connectInspector(inspectorPort);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const r = await load({ ...opts, requests: Number(values.requests) });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    cdp.close();
    writeFileSync(values.out!, JSON.stringify(profile));
    console.log(`${r.latencies.length} requests, ${r.errors} errors, ${((r.latencies.length / r.elapsedMs) * 1000).toFixed(0)} rps; profile written to ${values.out}`);
    summarize(profile, Number(values.top));
  } finally {
    await mf.dispose();
    up.child.kill();
  }
}

runMain(main);
