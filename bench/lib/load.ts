/**
 * A small closed-loop load generator with sub-millisecond timing (performance.now around each
 * request on a keep-alive connection). `connections` loops each send their next request as soon as
 * the previous one is answered in full.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  latencies: number[];
  /** Streams: time to the first content chunk. */
  ttft: number[];
  errors: number;
  statuses: Record<number, number>;
  elapsedMs: number;
}

export interface LoadOptions {
  url: string;
  /** The request body, or a function giving each request's (`distinct` below). */
  body: string | (() => string);
  headers?: Record<string, string>;
  connections: number;
  requests: number;
  stream?: boolean;
}

function once(agent: Agent, url: URL, opts: LoadOptions): Promise<{ ms: number; ttft: number; status: number }> {
  const body = typeof opts.body === 'function' ? opts.body() : opts.body;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttft = -1;
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...opts.headers } },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          if (ttft < 0 && (!opts.stream || chunk.includes('"content":"') )) ttft = performance.now() - t0;
        });
        res.on('end', () => resolve({ ms: performance.now() - t0, ttft, status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let sent = 0;
// Letters only: a word like "k3j9x" would read as leetspeak to the guards and add a view.
const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/**
 * Every request its own text: the JSON body with `<run> <n>. ` inserted at the start of its first
 * message's content, n counting every request of the process. The gateway keeps the guards'
 * results for long texts it has already seen (a conversation's history, a system prompt), so a
 * benchmark that sent one text over and over would time that shortcut, not the scoring.
 */
export function distinct(body: string): () => string {
  const at = body.indexOf('"content":"');
  if (at < 0) throw new Error('distinct(): the body has no message content');
  const head = body.slice(0, at + '"content":"'.length);
  const tail = body.slice(head.length);
  return () => `${head}${run} ${++sent}. ${tail}`;
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const url = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const result: LoadResult = { latencies: [], ttft: [], errors: 0, statuses: {}, elapsedMs: 0 };
  let remaining = opts.requests;
  const t0 = performance.now();
  const worker = async () => {
    while (remaining-- > 0) {
      try {
        const r = await once(agent, url, opts);
        result.statuses[r.status] = (result.statuses[r.status] ?? 0) + 1;
        if (r.status !== 200) result.errors++;
        result.latencies.push(r.ms);
        if (r.ttft >= 0) result.ttft.push(r.ttft);
      } catch {
        result.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  result.elapsedMs = performance.now() - t0;
  agent.destroy();
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (values: number[]) => percentile(values, 50);
