// `npm run dataset -- --traces TRACES.json --out OUT.jsonl`
// `npm run dataset -- --from URL --admin-token T --out OUT.jsonl [--save TRACES.json] [--since T]`
//   Recorded traffic → labelled JSONL (guard rows and routing rows, ../shared/README.md), from
//   labels (POST /admin/feedback) and shadow comparisons. TRACES.json is what GET /admin/traces
//   returns; --feedback F and --routing-labels F add what GET /admin/feedback and
//   GET /admin/routing-labels return. --from pulls all three from a running gateway (paging back
//   with `before`); --save keeps them as one TRACES.json for `npm run replay`.
//   Options: --no-graders (only labels people gave), --license NAME (default own-traffic).

import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { writeJsonl } from './flywheel/jsonl';
import { type Bundle, pullBundle, readBundle, readData, writeBundle } from './flywheel/bundle';
import { datasetRows, formatStats } from './flywheel/dataset-rows';

const USAGE = 'usage: npm run dataset -- (--traces TRACES.json | --from URL [--admin-token T]) --out OUT.jsonl';

export async function main(argv = process.argv.slice(2)) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      traces: { type: 'string' },
      from: { type: 'string' },
      'admin-token': { type: 'string' },
      since: { type: 'string' },
      save: { type: 'string' },
      feedback: { type: 'string' },
      'routing-labels': { type: 'string' },
      out: { type: 'string' },
      'no-graders': { type: 'boolean' },
      license: { type: 'string' },
    },
  });
  if (!v.out || (!v.traces && !v.from)) throw new Error(USAGE);
  let bundle: Bundle;
  if (v.from) {
    const since = v.since === undefined ? undefined : /^\d+$/.test(v.since) ? Number(v.since) : Date.parse(v.since);
    bundle = await pullBundle({ url: v.from, adminToken: v['admin-token'] ?? process.env.ADMIN_TOKEN, since });
    if (v.save) writeBundle(v.save, bundle);
  } else {
    bundle = readBundle(v.traces!);
  }
  if (v.feedback) bundle.feedback.push(...readData<Bundle['feedback'][number]>(v.feedback));
  if (v['routing-labels']) bundle.routing_labels.push(...readData<Bundle['routing_labels'][number]>(v['routing-labels']));

  const { guard, routing, stats } = datasetRows(bundle, { graders: v['no-graders'] !== true, license: v.license });
  writeJsonl(v.out, [...guard, ...routing]);
  console.error(`${bundle.traces.length} traces, ${bundle.feedback.length} labels, ${bundle.routing_labels.length} shadow comparisons`);
  console.error(formatStats(stats));
  console.error(`wrote ${guard.length + routing.length} rows to ${v.out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
