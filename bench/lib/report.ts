/**
 * The gateway section of the report: the table, the ratios against the floor, the direct call and
 * Portkey, and the targets (issue 8 "Done when") checked against the medians.
 */
import type { GatewayReport } from '../gateway';

export const fmt = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));

export interface Target {
  name: string;
  value: number;
  limit: number;
  /** `max`: value ≤ limit passes; `min`: value ≥ limit passes. */
  kind: 'max' | 'min';
  pass: boolean;
}

/** The targets for one contender (the gateway with its default policy). */
export function gatewayTargets(r: GatewayReport, gateway: string, portkey: string): Target[] {
  const g = r.contenders[gateway];
  const floor = r.contenders.floor;
  const direct = r.contenders.direct;
  const pk = r.contenders[portkey];
  if (!g || !floor || !direct) return [];
  const t = (name: string, value: number, limit: number, kind: 'max' | 'min'): Target => ({ name, value, limit, kind, pass: kind === 'max' ? value <= limit : value >= limit });
  const out = [
    t('c1 added p50 over the floor (ms)', g.c1.p50 - floor.c1.p50, 1, 'max'),
    t('c1 added p99 over the floor (ms)', g.c1.p99 - floor.c1.p99, 3, 'max'),
  ];
  if (pk) {
    out.push(
      t("c8 added p50 over direct, as a share of Portkey's", (g.c8.p50 - direct.c8.p50) / (pk.c8.p50 - direct.c8.p50), 0.5, 'max'),
      t("c8 throughput, as a multiple of Portkey's", g.c8.rps / pk.c8.rps, 2, 'min'),
    );
  }
  const failed = Object.values(r.contenders).reduce((n, c) => n + c.c1.errors + c.c8.errors + c.stream_c1.errors, 0);
  out.push(t('failed requests (all contenders)', failed, 0, 'max'));
  return out;
}

export function printGateway(r: GatewayReport, targets: Target[], gateway: string, portkey: string) {
  const floor = r.contenders.floor!;
  const direct = r.contenders.direct!;
  const pk = r.contenders[portkey];
  console.log(`\nGateway latency, ~${r.prompt_tokens_approx}-token prompt, medians of ${r.rounds} interleaved rounds (ms)`);
  console.log(
    'contender'.padEnd(30) +
      'c1 p50  c1 p99  +p50/floor  +p99/floor  c1 rps | c8 p50  c8 p99  +p50/direct   c8 rps  ×floor  ×portkey | TTFT p50  +TTFT/floor | CPU ms/req  RSS MiB | errors',
  );
  for (const [name, c] of Object.entries(r.contenders)) {
    const errors = c.c1.errors + c.c8.errors + c.stream_c1.errors;
    const mib = c.rss_bytes ? fmt(c.rss_bytes.end / 2 ** 20, 0) : '—';
    console.log(
      name.padEnd(30) +
        `${fmt(c.c1.p50).padStart(6)}  ${fmt(c.c1.p99).padStart(6)}  ${fmt(c.c1.p50 - floor.c1.p50).padStart(10)}  ${fmt(c.c1.p99 - floor.c1.p99).padStart(10)}  ${fmt(c.c1.rps, 0).padStart(6)} | ` +
        `${fmt(c.c8.p50).padStart(6)}  ${fmt(c.c8.p99).padStart(6)}  ${fmt(c.c8.p50 - direct.c8.p50).padStart(11)}  ${fmt(c.c8.rps, 0).padStart(7)}  ${fmt(c.c8.rps / floor.c8.rps).padStart(6)}  ${fmt(pk ? c.c8.rps / pk.c8.rps : NaN).padStart(8)} | ` +
        `${fmt(c.stream_c1.ttft_p50).padStart(8)}  ${fmt((c.stream_c1.ttft_p50 ?? NaN) - (floor.stream_c1.ttft_p50 ?? NaN)).padStart(11)} | ` +
        `${fmt(c.c8.cpu_ms_per_request, 3).padStart(10)}  ${mib.padStart(7)} | ${errors}`,
    );
  }
  console.log(
    '(direct = the upstream itself; floor = a no-logic passthrough Worker served like Triage (npm run serve); ' +
      'CPU ms/req = CPU time of the serving process (workerd or node) per request at c8, from /proc)',
  );
  if (!pk) console.log(`(${portkey}: not run)`);
  printTargets(targets, `Targets (issue 8), ${gateway}:`);
}

export function printTargets(targets: Target[], title: string) {
  if (!targets.length) return;
  console.log(`\n${title}`);
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${fmt(t.value)} (${t.kind === 'max' ? '≤' : '≥'} ${t.limit})`);
}
