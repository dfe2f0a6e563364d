import { settle } from '../limits';
import type { RequestState } from '../pipeline/state';
import { traceOf, writeTraces } from './trace';

/**
 * Records a finished request. Runs after the response (`ctx.waitUntil`); a failure to write is
 * logged (without request content) and never affects the client.
 */
export async function recordTrace(env: { DB?: D1Database }, state: RequestState): Promise<void> {
  await state.completed;
  const trace = traceOf(state);
  await settle(env, state, trace).catch((err) => console.error(`[triage] ${state.id} limits not settled: ${(err as Error)?.message ?? err}`));
  if (!env.DB) return;
  try {
    await writeTraces(env.DB, [trace]);
  } catch (err) {
    console.error(`[triage] trace ${state.id} not written: ${(err as Error)?.message ?? err}`);
  }
}
