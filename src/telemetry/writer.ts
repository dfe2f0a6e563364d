import type { Trace } from './trace';

/**
 * Group commit for traces. Traces finished in the same isolate within FLUSH_DELAY_MS of each other
 * (up to MAX_BATCH) are written by one flush: one sink call (for D1, one batch: one round trip, one
 * transaction) per GROUP_CHARS of traces, holding the rows and the rollup deltas they add, which
 * the group aggregates first (a hundred traces of one minute and model make one delta row, not a
 * hundred). One exporter call carries the group's spans.
 *
 * Why half a second: a flush has a fixed cost (the D1 round trip and transaction) plus a cost per
 * trace, and while it is being serialized (and, with a local D1, written) the isolate serves no
 * one. Rare, larger flushes cost less CPU per trace and delay fewer requests: at one busy
 * connection, flushing every 100 ms held up 1-2% of all requests (the p99) by the flush's length;
 * every 500 ms it is ~0.3% (`npm run bench`, p99 at one connection). Traces appear in
 * /admin/traces and the metrics that much later.
 *
 * Every request's `waitUntil` waits for the flush that carries its trace, so the runtime keeps the
 * isolate until the trace is written. A failed flush is retried once, then logged (counts only,
 * never content); a failure never reaches the client, whose response has already gone.
 */
export const FLUSH_DELAY_MS = 500;
export const MAX_BATCH = 500;
/** Trace text per sink call: D1 requests stay a few MB whatever the captured text. */
export const GROUP_CHARS = 2_000_000;
const sizeOf = (t: Trace) => 1_500 + (t.input?.length ?? 0) + (t.output?.length ?? 0);
const RETRY_DELAY_MS = 250;

export type Sink = (traces: Trace[]) => Promise<void>;

interface Pending {
  traces: Trace[];
  done: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  start: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TraceWriter {
  private pending: Pending | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly delayMs = FLUSH_DELAY_MS,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  /** Resolves once the trace's batch is written (or has definitively failed and been logged). */
  write(trace: Trace): Promise<void> {
    let p = this.pending;
    if (!p) {
      let start!: () => void;
      const started = new Promise<void>((r) => (start = r));
      const batch: Pending = { traces: [], start, done: Promise.resolve() };
      batch.done = started.then(() => this.flush(batch));
      batch.timer = setTimeout(start, this.delayMs);
      this.pending = p = batch;
    }
    p.traces.push(trace);
    if (p.traces.length >= this.maxBatch) this.close(p);
    return p.done;
  }

  private close(p: Pending) {
    if (this.pending === p) this.pending = undefined;
    clearTimeout(p.timer);
    p.start();
  }

  private async flush(p: Pending): Promise<void> {
    if (this.pending === p) this.pending = undefined;
    const all = p.traces;
    for (let start = 0; start < all.length; ) {
      let end = start + 1;
      for (let size = sizeOf(all[start]!); end < all.length && size + sizeOf(all[end]!) <= GROUP_CHARS; end++) size += sizeOf(all[end]!);
      await this.writeGroup(all.slice(start, end));
      start = end;
    }
  }

  /** A group is retried on its own: groups already written are not written (and counted) again. */
  private async writeGroup(traces: Trace[]): Promise<void> {
    try {
      await this.sink(traces);
    } catch (first) {
      await sleep(RETRY_DELAY_MS);
      try {
        await this.sink(traces);
      } catch (err) {
        console.error(`[triage] ${traces.length} trace(s) not written: ${(err as Error)?.message ?? err} (first try: ${(first as Error)?.message ?? first})`);
      }
    }
  }
}
