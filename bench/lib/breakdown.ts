/**
 * What Triage's overhead is made of, at 8 connections: the floor, Triage with no guards and with
 * the default policy, each with tracing on and off (TRACES=off), in one interleaved run. The CPU
 * time of the serving workerd per request separates the framework (parse, validate, auth, route,
 * respond), the trace write (in-memory D1 here, in the same process: in production D1's own cost
 * is on D1's side) and the guards.
 */
import { runGatewayBench, startFleet } from '../gateway';

export interface BreakdownSection {
  rounds: number;
  rows: Record<string, { c8_rps: number; c8_p50: number; cpu_ms_per_request: number; errors: number }>;
  /** CPU ms per request each layer adds. */
  added_cpu_ms: { framework: number; tracing_no_guards: number; guards: number; tracing_default: number };
}

export async function runBreakdown(opts: { rounds: number; quick?: boolean; log?: (s: string) => void }): Promise<BreakdownSection> {
  const fleet = await startFleet({
    'no guards, traces off': { policy: 'passthrough', vars: { TRACES: 'off' } },
    'no guards': 'passthrough',
    'default, traces off': { policy: 'default', vars: { TRACES: 'off' } },
    default: 'default',
  });
  try {
    const contenders = fleet.contenders.filter((c) => c.name !== 'direct');
    const r = await runGatewayBench(contenders, { rounds: opts.rounds, c1: 20, c8: opts.quick ? 200 : 600, stream: 5, log: opts.log });
    const rows: BreakdownSection['rows'] = {};
    for (const [name, c] of Object.entries(r.contenders)) rows[name] = { c8_rps: c.c8.rps, c8_p50: c.c8.p50, cpu_ms_per_request: c.c8.cpu_ms_per_request ?? NaN, errors: c.c1.errors + c.c8.errors + c.stream_c1.errors };
    const cpu = (n: string) => rows[n]!.cpu_ms_per_request;
    return {
      rounds: opts.rounds,
      rows,
      added_cpu_ms: {
        framework: cpu('no guards, traces off') - cpu('floor'),
        tracing_no_guards: cpu('no guards') - cpu('no guards, traces off'),
        guards: cpu('default, traces off') - cpu('no guards, traces off'),
        tracing_default: cpu('default') - cpu('default, traces off'),
      },
    };
  } finally {
    await fleet.stop();
  }
}

export function printBreakdown(r: BreakdownSection) {
  console.log(`\nWhere Triage's overhead goes (8 connections, ~1k-token prompt, medians of ${r.rounds} interleaved rounds)`);
  console.log('contender'.padEnd(26) + 'c8 rps   c8 p50   workerd CPU ms/request   errors');
  for (const [name, row] of Object.entries(r.rows)) {
    console.log(name.padEnd(26) + `${row.c8_rps.toFixed(0).padStart(6)}  ${row.c8_p50.toFixed(2).padStart(7)}  ${row.cpu_ms_per_request.toFixed(3).padStart(10)}   ${String(row.errors).padStart(13)}`);
  }
  const a = r.added_cpu_ms;
  console.log(
    `added CPU per request: framework ${a.framework.toFixed(3)} ms (parse, validate, auth, route, respond), ` +
      `guards ${a.guards.toFixed(3)} ms (default policy, input and output), ` +
      `trace write ${a.tracing_no_guards.toFixed(3)}–${a.tracing_default.toFixed(3)} ms (in-memory D1 in the same workerd)`,
  );
}
