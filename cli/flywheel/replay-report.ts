// The replay report: decisions, route mix, cost and savings, replayed against recorded.

import type { Replayed } from './replay';

export interface ReplaySummary {
  traces: number;
  skipped: Record<string, number>;
  decisions: { recorded: Record<string, number>; replayed: Record<string, number> };
  /** "allow → block": count, with the rules that fired. */
  changes: Record<string, { count: number; rules: Record<string, number>; examples: string[] }>;
  routes: { recorded: Record<string, number>; replayed: Record<string, number> };
  cost: { recorded_usd: number; replayed_usd: number; recorded_saved_usd: number; replayed_saved_usd: number };
  scores: Record<string, number>;
  router: Record<string, number>;
  completion_unknown: number;
}

const inc = (m: Record<string, number>, k: string, by = 1) => (m[k] = (m[k] ?? 0) + by);
const round = (x: number) => Math.round(x * 1e9) / 1e9;

export function summarize(results: readonly Replayed[], skipped: Record<string, number>): ReplaySummary {
  const s: ReplaySummary = {
    traces: results.length,
    skipped,
    decisions: { recorded: {}, replayed: {} },
    changes: {},
    routes: { recorded: {}, replayed: {} },
    cost: { recorded_usd: 0, replayed_usd: 0, recorded_saved_usd: 0, replayed_saved_usd: 0 },
    scores: {},
    router: {},
    completion_unknown: 0,
  };
  for (const r of results) {
    inc(s.decisions.recorded, r.recorded.decision);
    inc(s.decisions.replayed, r.replayed.decision);
    const routeOf = (x: { tier: string | null; model: string | null }) => (x.tier ? `${x.tier} (${x.model})` : 'none');
    inc(s.routes.recorded, routeOf(r.recorded));
    inc(s.routes.replayed, routeOf(r.replayed));
    s.cost.recorded_usd += r.recorded.cost_usd;
    s.cost.replayed_usd += r.replayed.cost_usd;
    s.cost.recorded_saved_usd += r.recorded.saved_usd;
    s.cost.replayed_saved_usd += r.replayed.saved_usd;
    for (const [k, v] of Object.entries(r.scores)) inc(s.scores, k, v);
    inc(s.router, r.router);
    if (r.completion_unknown) s.completion_unknown++;
    const moved = r.recorded.decision !== r.replayed.decision || r.recorded.tier !== r.replayed.tier;
    if (!moved) continue;
    const key = r.recorded.decision !== r.replayed.decision ? `${r.recorded.decision} → ${r.replayed.decision}` : `route ${r.recorded.tier} → ${r.replayed.tier}`;
    const c = (s.changes[key] ??= { count: 0, rules: {}, examples: [] });
    c.count++;
    for (const f of r.replayed.fired) inc(c.rules, f);
    if (c.examples.length < 5) c.examples.push(r.id);
  }
  for (const k of Object.keys(s.cost) as Array<keyof ReplaySummary['cost']>) s.cost[k] = round(s.cost[k]);
  return s;
}

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '—');
const usd = (x: number) => `$${x.toFixed(6)}`;

function table(title: string, a: Record<string, number>, b: Record<string, number>, total: number): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const width = Math.max(12, ...keys.map((k) => k.length));
  const lines = [`${title.padEnd(width)}  ${'recorded'.padStart(16)}  ${'replayed'.padStart(16)}`];
  for (const k of keys) {
    const cell = (m: Record<string, number>) => `${m[k] ?? 0} (${pct(m[k] ?? 0, total)})`.padStart(16);
    lines.push(`${k.padEnd(width)}  ${cell(a)}  ${cell(b)}`);
  }
  return lines;
}

export function formatSummary(s: ReplaySummary, policyName: string): string {
  const skipped = Object.entries(s.skipped).map(([k, v]) => `${v} ${k}`).join(', ');
  const lines = [
    `replay of ${s.traces} recorded chat requests with policy "${policyName}"${skipped ? ` (skipped: ${skipped})` : ''}`,
    `guard scores: ${s.scores.rescored ?? 0} rescored on captured text, ${s.scores.recorded ?? 0} recorded scores reused (the captured text was redacted, or the guard is remote), ${s.scores.unscored ?? 0} unavailable (counted as not firing)`,
    `router: ${s.router.rescored ?? 0} rescored, ${s.router.recorded ?? 0} recorded scores reused, ${s.router.unscored ?? 0} unavailable, ${s.router.not_routed ?? 0} not routed (explicit model, guard route, blocked)`,
    '',
    ...table('decision', s.decisions.recorded, s.decisions.replayed, s.traces),
    '',
    ...table('route', s.routes.recorded, s.routes.replayed, s.traces),
    '',
    `cost:   recorded ${usd(s.cost.recorded_usd)}   replayed ${usd(s.cost.replayed_usd)}   (${s.cost.replayed_usd - s.cost.recorded_usd >= 0 ? '+' : '−'}${usd(Math.abs(s.cost.replayed_usd - s.cost.recorded_usd))})`,
    `saved:  recorded ${usd(s.cost.recorded_saved_usd)}   replayed ${usd(s.cost.replayed_saved_usd)}   (against sending everything to the large tier)`,
    '(replayed cost prices the recorded token counts on the model the policy picks; another model would answer at another length)',
  ];
  if (s.completion_unknown) lines.push(`${s.completion_unknown} requests got no answer when recorded but would now: their completion tokens are unknown and cost as 0`);
  const changes = Object.entries(s.changes).sort((a, b) => b[1].count - a[1].count);
  lines.push('', changes.length ? 'changes:' : 'no request changes decision or route');
  for (const [k, c] of changes) {
    const rules = Object.entries(c.rules).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    lines.push(`  ${k}: ${c.count}${rules ? ` (rules fired: ${rules})` : ''}; e.g. ${c.examples.join(', ')}`);
  }
  return lines.join('\n');
}
