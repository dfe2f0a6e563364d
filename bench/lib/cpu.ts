/**
 * CPU time per request inside workerd, by prompt length: the floor and Triage served as production
 * runs them (npm run serve), the same requests one at a time, interleaved round by round. The CPU
 * time of each workerd process (user + system, /proc) over the round divided by the requests is
 * what a request costs there, runtime included; Triage minus the floor is what the gateway adds
 * (parsing, guards, routing, trace building and the in-memory D1 write — which in production runs
 * on D1's side, not the Worker's). Also the first request of a fresh instance (module start and
 * model parse) and the resident memory of each workerd.
 */
import { promptOfTokens } from '../classifier';
import { type Contender, startFleet } from '../gateway';
import { distinct, load, median } from './load';
import { usageOf } from './processes';

export interface CpuSection {
  rounds: number;
  /** tokens (or a conversation case) → contender → CPU ms per request (median over rounds). */
  by_length: Record<string, Record<string, number>>;
  /** tokens → Triage (default) minus the floor. */
  added_by_length: Record<string, number>;
  first_request_ms: Record<string, number>;
  rss_bytes: Record<string, number>;
}

const LENGTHS = [1_000, 8_000, 32_000];

/**
 * A 32k-token conversation (a system prompt and 15 earlier exchanges) and a new short question.
 * `seen`: the history is the same on every request — a chat's next turn, whose earlier messages
 * the gateway has guarded before; otherwise every message is new text on every request.
 */
function conversation(seen: boolean): () => string {
  const text = promptOfTokens(32_000);
  const parts = 31;
  const size = Math.ceil(text.length / parts);
  const chunks = Array.from({ length: parts }, (_, i) => text.slice(i * size, (i + 1) * size));
  let n = 0;
  return () => {
    n++;
    const tag = seen ? '' : `Part ${n}. `;
    const messages = chunks.map((c, i) => ({ role: i === 0 ? 'system' : i % 2 ? 'user' : 'assistant', content: tag + c }));
    messages.push({ role: 'user', content: `Question ${n}: and what does that mean for the next step?` });
    return JSON.stringify({ model: 'gpt-4.1-mini', messages, max_tokens: 64 });
  };
}
const CONVERSATIONS: Array<[string, () => string]> = [
  ['32k conversation, history seen', conversation(true)],
  ['32k conversation, all new', conversation(false)],
];

async function firstRequest(c: Contender, body: string | (() => string)): Promise<number> {
  const t = performance.now();
  await load({ url: c.url, body, headers: c.headers, connections: 1, requests: 1 });
  return performance.now() - t;
}

export async function runCpuBench(opts: { rounds: number; quick?: boolean; log?: (s: string) => void }): Promise<CpuSection> {
  const fleet = await startFleet({ 'triage (no guards)': 'passthrough', 'triage (default)': 'default' });
  try {
    const contenders = fleet.contenders.filter((c) => c.name !== 'direct' && c.pid);
    // Every request new text (`distinct`), except the conversation whose history is seen again.
    const bodies = new Map<string, () => string>([
      ...LENGTHS.map((t): [string, () => string] => [String(t), distinct(JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: promptOfTokens(t) }], max_tokens: 64 }))]),
      ...CONVERSATIONS,
    ]);
    const out: CpuSection = { rounds: opts.rounds, by_length: {}, added_by_length: {}, first_request_ms: {}, rss_bytes: {} };
    for (const c of contenders) out.first_request_ms[c.name] = await firstRequest(c, bodies.get('1000')!);
    const samples = new Map<string, number[]>();
    for (let round = 0; round < opts.rounds; round++) {
      opts.log?.(`  cpu round ${round + 1}/${opts.rounds}`);
      for (const [tokens, body] of bodies) {
        const requests = Math.max(10, Math.round((opts.quick ? 60 : 200) / Math.sqrt((Number(tokens) || 32_000) / 1000)));
        for (const c of contenders) {
          const before = usageOf(c.pid!).cpuMs;
          const r = await load({ url: c.url, body, headers: c.headers, connections: 1, requests });
          // Trace writes finish after the responses: give them time to land in this round's count.
          await new Promise((res) => setTimeout(res, 300));
          const key = `${tokens}|${c.name}`;
          samples.set(key, [...(samples.get(key) ?? []), (usageOf(c.pid!).cpuMs - before) / Math.max(1, r.latencies.length)]);
        }
      }
    }
    for (const tokens of bodies.keys()) {
      const row: Record<string, number> = {};
      for (const c of contenders) row[c.name] = median(samples.get(`${tokens}|${c.name}`) ?? []);
      out.by_length[tokens] = row;
      out.added_by_length[tokens] = row['triage (default)']! - row.floor!;
    }
    for (const c of contenders) out.rss_bytes[c.name] = usageOf(c.pid!).rssBytes;
    return out;
  } finally {
    await fleet.stop();
  }
}

export function printCpu(r: CpuSection) {
  const names = Object.keys(Object.values(r.by_length)[0] ?? {});
  console.log(`\nCPU per request inside workerd (ms, /proc, 1 connection, medians of ${r.rounds} interleaved rounds; Workers free plan: 10 ms)`);
  console.log('tokens'.padEnd(32) + names.map((n) => n.padStart(20)).join('') + '   default − floor');
  for (const [tokens, row] of Object.entries(r.by_length)) {
    console.log(tokens.padEnd(32) + names.map((n) => row[n]!.toFixed(2).padStart(20)).join('') + r.added_by_length[tokens]!.toFixed(2).padStart(18));
  }
  console.log(
    'first request on a fresh instance (module start, model parse, JIT): ' +
      Object.entries(r.first_request_ms).map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`).join(', ') +
      '; workerd RSS after: ' +
      Object.entries(r.rss_bytes).map(([n, b]) => `${n} ${(b / 2 ** 20).toFixed(0)} MiB`).join(', '),
  );
}
