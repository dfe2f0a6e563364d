// `npm run replay -- --policy FILE --input TRACES.json [--json REPORT.json] [--models DIR]`
//   What a policy would have done to recorded traffic — decisions, route mix, cost and savings —
//   against what was done: the safe way to change a policy. TRACES.json is what GET /admin/traces
//   returns (or what `npm run dataset -- --from URL --save FILE` saved). Guards are rescored on
//   the captured text with the models in --models (default models/), or their recorded scores are
//   reused; the report says how many of each. Nothing is sent to any upstream.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { registerModelsFromDisk } from '../src/guards/embedded/node';
import { compilePolicy } from '../src/policy/compile';
import { parsePolicy, PolicyError } from '../src/policy/load';
import { readBundle } from './flywheel/bundle';
import { type Replayed, replayTrace } from './flywheel/replay';
import { formatSummary, summarize } from './flywheel/replay-report';

const USAGE = 'usage: npm run replay -- --policy FILE --input TRACES.json [--json REPORT.json] [--models DIR]';

export async function main(argv = process.argv.slice(2)) {
  const { values: v } = parseArgs({ args: argv, options: { policy: { type: 'string' }, input: { type: 'string' }, json: { type: 'string' }, models: { type: 'string' } } });
  if (!v.policy || !v.input) throw new Error(USAGE);
  registerModelsFromDisk(v.models ?? process.env.TRIAGE_MODELS_DIR ?? 'models');
  const spec = parsePolicy(readFileSync(v.policy, 'utf8'), v.policy);
  // Provider secrets are irrelevant here: nothing is sent upstream.
  const policy = compilePolicy({ ...spec, name: spec.name ?? v.policy }, {});
  const { traces } = readBundle(v.input);

  const skipped: Record<string, number> = {};
  const results: Replayed[] = [];
  for (const t of [...traces].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))) {
    if (t.endpoint !== '/v1/chat/completions') {
      skipped[`${t.endpoint || 'unknown'} requests`] = (skipped[`${t.endpoint || 'unknown'} requests`] ?? 0) + 1;
      continue;
    }
    results.push(await replayTrace(policy, t));
  }
  const summary = summarize(results, skipped);
  console.log(formatSummary(summary, policy.name));
  if (v.json) writeFileSync(v.json, `${JSON.stringify({ policy: policy.name, summary, requests: results }, null, 2)}\n`);
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof PolicyError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
