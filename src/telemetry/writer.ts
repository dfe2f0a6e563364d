import type { Trace } from './trace';

/**
 * Group commit for traces. Traces finished in the same isolate within FLUSH_DELAY_MS of each other
 * are written by one flush: one D1 batch (one round trip, one transaction) holding the rows and
 * the rollups they update, which the batch aggregates first (a hundred traces of one minute and
 * model update one rollup row, not a hundred). One exporter call carries the batch's spans.
 *
 * Every request's `waitUntil` waits for the flush that carries its trace, so the runtime keeps the
 * isolate until the trace is written. A failed flush is retried once, then logged (counts only,
 * never content); a failure never reaches the client, whose response has already gone.
 */
export const FLUSH_DELAY_MS = 100;
export const MAX_BATCH = 100;
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
    try {
      await this.sink(p.traces);
    } catch (first) {
      await sleep(RETRY_DELAY_MS);
      try {
        await this.sink(p.traces);
      } catch (err) {
        console.error(`[triage] ${p.traces.length} trace(s) not written: ${(err as Error)?.message ?? err} (first try: ${(first as Error)?.message ?? first})`);
      }
    }
  }
}
