/**
 * Group commit for the flywheel's D1 writes, as traces do (src/telemetry/writer.ts): rows written
 * in the same isolate within `delayMs` of each other go in one D1 batch (one round trip, one
 * transaction). A single insert per comparison costs the local D1 several ms of CPU; a batch of
 * a hundred costs about the same as one. Each caller's promise resolves when its row's batch has
 * been written (so `waitUntil` keeps the isolate alive until then) and rejects if it failed.
 */
export class Batcher<T> {
  private pending: { rows: T[]; done: Promise<void>; flush: () => void; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(
    private readonly write: (rows: T[]) => Promise<unknown>,
    private readonly delayMs = 100,
    private readonly max = 100,
  ) {}

  add(row: T): Promise<void> {
    let p = this.pending;
    if (!p) {
      let flush!: () => void;
      const started = new Promise<void>((r) => (flush = r));
      const rows: T[] = [];
      const done = started.then(async () => {
        await this.write(rows);
      });
      p = this.pending = { rows, done, flush, timer: setTimeout(() => this.close(rows), this.delayMs) };
    }
    p.rows.push(row);
    if (p.rows.length >= this.max) this.close(p.rows);
    return p.done;
  }

  private close(rows: T[]) {
    const p = this.pending;
    if (!p || p.rows !== rows) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.flush();
  }
}
