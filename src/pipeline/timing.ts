/**
 * Stage timings for `server-timing` and the trace. Workers freeze the clock during CPU work and
 * advance it on I/O (a Spectre mitigation), so in production a pure-CPU stage such as the embedded
 * guards honestly reads ~0 ms here; its CPU cost is measured by `npm run bench` instead.
 */
export const STAGES = ['auth', 'guard', 'route', 'upstream', 'output-guard', 'total'] as const;
export type Stage = (typeof STAGES)[number];

const INDEX = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;

export class Timing {
  readonly startedAt = performance.now();
  /** Per stage (STAGES order): time spent, and when an open measurement started (NaN: none open). */
  private readonly spent = new Float64Array(STAGES.length);
  private readonly open = new Float64Array(STAGES.length).fill(NaN);

  start(stage: Stage) {
    this.open[INDEX[stage]] = performance.now();
  }

  end(stage: Stage) {
    const i = INDEX[stage];
    const t0 = this.open[i]!;
    if (Number.isNaN(t0)) return;
    this.open[i] = NaN;
    this.spent[i]! += performance.now() - t0;
  }

  add(stage: Stage, ms: number) {
    this.spent[INDEX[stage]]! += ms;
  }

  async measure<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
    this.start(stage);
    try {
      return await work();
    } finally {
      this.end(stage);
    }
  }

  get(stage: Stage): number {
    if (stage === 'total') return performance.now() - this.startedAt;
    return this.spent[INDEX[stage]]!;
  }

  /** Every stage, rounded to µs; stages that did nothing report 0. */
  snapshot(): Record<Stage, number> {
    const out = {} as Record<Stage, number>;
    for (const s of STAGES) out[s] = Math.round(this.get(s) * 1000) / 1000;
    return out;
  }

  header(): string {
    const snap = this.snapshot();
    return STAGES.map((s) => `${s};dur=${snap[s]}`).join(', ');
  }
}
