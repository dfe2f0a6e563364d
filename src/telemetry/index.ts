import { settle } from '../limits';
import type { RequestState } from '../pipeline/state';
import { type AnalyticsEnv, writeAnalytics } from './analytics';
import { telemetryConfig } from './config';
import { costOf } from './cost';
import { exportOtlp } from './otlp';
import { applyRetention } from './retention';
import { rollupStatements } from './rollup';
import { foldIfDue } from './rollup-fold';
import { type TraceSpool, writeDurably } from './spool';
import { insertTraces, type Trace, traceOf } from './trace';
import { usageOf } from './usage';
import { TraceWriter } from './writer';

export { notePrompt } from './usage';

type TelemetryEnv = { DB?: D1Database; TRACE_SPOOL?: DurableObjectNamespace<TraceSpool> } & AnalyticsEnv;

const writers = new WeakMap<object, TraceWriter>();

/** One writer per environment: D1 (trace rows and their rollup deltas, one batch) and OTLP, side by side. */
function writerFor(env: TelemetryEnv): TraceWriter {
  let writer = writers.get(env);
  if (!writer) {
    const { otlp } = telemetryConfig(env);
    writer = new TraceWriter(async (traces: Trace[]) => {
      const db = env.DB;
      const [written] = await Promise.allSettled([
        db ? writeDurably(env, traces, () => db.batch([...insertTraces(db, traces), ...rollupStatements(db, traces)])) : Promise.resolve(),
        otlp ? exportOtlp(otlp, traces) : Promise.resolve(),
      ]);
      if (written.status === 'rejected') throw written.reason;
      if (db) await foldIfDue(db);
    });
    writers.set(env, writer);
  }
  return writer;
}

/**
 * Records a finished request. Runs after the response (`ctx.waitUntil`); a failure to write is
 * logged (without request content) and never affects the client.
 */
export async function recordTrace(env: TelemetryEnv, state: RequestState): Promise<void> {
  // Called as the handler returns: this is when the client starts receiving the response.
  const responseStartMs = state.timing.get('total');
  await state.completed;
  const usage = await usageOf(state);
  const reachedModel = state.attempts.some((a) => a.status !== null && a.status < 400);
  const cost = costOf({
    policy: state.policy,
    model: state.modelUsed,
    usage,
    blocked: state.decision === 'block' && state.attempts.length === 0,
    // Billed: the upstream reported usage, or answered and produced text (even a cut-short stream).
    // A cache hit used no upstream tokens: it costs nothing and saves the whole large-tier cost.
    billed: state.cache !== 'hit' && (usage.source === 'upstream' || (reachedModel && state.completionText.length > 0)),
    estimated: usage.source === 'estimated',
  });
  if (state.cache === 'hit') {
    const asLarge = costOf({ policy: state.policy, model: cost.baseline_model, usage, blocked: false, billed: true, estimated: false });
    cost.saved_usd = asLarge.cost_usd;
  }
  const trace = traceOf(state, {
    usage,
    cost_usd: cost.cost_usd,
    saved_usd: cost.saved_usd,
    cost_flags: cost.flags,
    responseStartMs,
    // Traces off: nothing is stored, so the captured text is never computed (it is redacted lazily).
    dropText: state.policy?.spec.capture.text === 'none' || !telemetryConfig(env).enabled,
  });
  await settle(env, state, trace).catch((err) => console.error(`[triage] ${state.id} limits not settled: ${(err as Error)?.message ?? err}`));
  if (!telemetryConfig(env).enabled) return;
  writeAnalytics(env, trace);
  // Returned, not awaited: this frame (and the request state it holds) is released while the
  // trace waits for its batch; keeping every request's objects alive for a flush period cost GC time.
  return writerFor(env).write(trace);
}

/** The Cron Trigger: retention (README "Traces"). */
export async function scheduled(_controller: ScheduledController, env: TelemetryEnv, ctx: ExecutionContext): Promise<void> {
  if (!env.DB) return;
  const config = telemetryConfig(env);
  const run = applyRetention(env.DB, config).then(
    (r) => console.log(`[triage] retention: deleted ${r.traces} trace(s) older than ${config.retentionDays} days and ${r.rollups} rollup row(s)`),
    (err) => console.error(`[triage] retention failed: ${(err as Error)?.message ?? err}`),
  );
  ctx.waitUntil(run);
  await run;
}
