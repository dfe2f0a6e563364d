// `npm run finetune -- --input LABELLED.jsonl --out FT.jsonl [--validation 0.1] [--validation-out F] [--max-per-label N]`
//   Guard rows (npm run dataset, or ../shared/data) → OpenAI chat fine-tuning files for the remote
//   classifier: FT.jsonl and FT.validation.jsonl, every line checked against the guard's verdict.
// `npm run finetune -- --out FT.jsonl --submit --model BASE [--suffix NAME] [--seed N]`
//   (with --input: builds the files first) uploads them and creates the fine-tuning job through the
//   openai SDK (OPENAI_BASE_URL, OPENAI_API_KEY).
// `npm run finetune -- --status JOB [--wait] [--interval 30]`
//   Follows the job; when it has succeeded, prints the policy lines that use the new model.

import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { buildFineTuneSet, lineProblems } from './flywheel/finetune';
import { readJsonl, writeJsonl } from './flywheel/jsonl';

const USAGE = [
  'usage: npm run finetune -- --input LABELLED.jsonl --out FT.jsonl [--validation 0.1]',
  '       npm run finetune -- --out FT.jsonl --submit --model BASE [--suffix NAME]',
  '       npm run finetune -- --status JOB [--wait]',
].join('\n');
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const log = (m: string) => console.log(m);

const validationPath = (out: string, given?: string) => given ?? out.replace(/(\.jsonl)?$/, '.validation.jsonl');

/** Every line valid as the guard reads it, or an error naming the first bad lines. */
function checkFile(file: string) {
  const bad = readJsonl(file)
    .map((line, i) => ({ i, problems: lineProblems(line) }))
    .filter((x) => x.problems.length);
  if (bad.length) throw new Error(`${file}: ${bad.length} invalid lines, e.g. line ${bad[0]!.i + 1}: ${bad[0]!.problems.join('; ')}`);
}

function build(input: string, out: string, validationOut: string, fraction: number, maxPerLabel?: number) {
  const set = buildFineTuneSet(readJsonl(input), { validation: fraction, maxPerLabel });
  writeJsonl(out, set.train);
  if (set.validation.length) writeJsonl(validationOut, set.validation);
  checkFile(out);
  log(`${out}: ${set.train.length} training lines; ${validationOut}: ${set.validation.length} validation lines`);
  for (const [label, n] of Object.entries(set.counts)) log(`  ${label}: ${n.train} + ${n.validation}`);
  for (const [why, n] of Object.entries(set.skipped)) log(`  skipped ${n}: ${why}`);
  // OpenAI refuses fewer than 10 training examples and recommends 50–100 to start.
  if (set.train.length < 10) log(`warning: ${set.train.length} training lines; OpenAI requires at least 10`);
}

function snippet(model: string): string {
  return [
    'classifiers:',
    `  tuned: { provider: openai, model: ${model}, timeout_ms: 2000 }`,
    'guards:',
    '  input:',
    '    # the embedded head decides when it is sure; its uncertain band goes to the fine-tuned model',
    '    - { guard: prompt_injection, threshold: fpr_1pct, action: block, mode: enforce, on_error: open, timeout_ms: 2000, cascade: tuned }',
  ].join('\n');
}

async function status(client: OpenAI, id: string, wait: boolean, intervalS: number) {
  for (;;) {
    const job = await client.fineTuning.jobs.retrieve(id);
    const events = await client.fineTuning.jobs.listEvents(id, { limit: 5 });
    log(`${job.id}: ${job.status} (base ${job.model}${job.trained_tokens ? `, ${job.trained_tokens} tokens trained` : ''})`);
    for (const e of events.data) log(`  ${new Date(e.created_at * 1000).toISOString()} ${e.level}: ${e.message}`);
    if (job.status === 'failed' && job.error) log(`error: ${job.error.message}`);
    if (job.status === 'succeeded' && job.fine_tuned_model) {
      log(`fine-tuned model: ${job.fine_tuned_model}\n\nuse it in a policy:\n${snippet(job.fine_tuned_model)}`);
    }
    if (!wait || TERMINAL.has(job.status)) return job;
    await new Promise((r) => setTimeout(r, intervalS * 1000));
  }
}

export async function main(argv = process.argv.slice(2)) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      out: { type: 'string' },
      validation: { type: 'string' },
      'validation-out': { type: 'string' },
      'max-per-label': { type: 'string' },
      submit: { type: 'boolean' },
      model: { type: 'string' },
      suffix: { type: 'string' },
      seed: { type: 'string' },
      status: { type: 'string' },
      wait: { type: 'boolean' },
      interval: { type: 'string' },
    },
  });
  const client = () => new OpenAI({ maxRetries: 1 });
  if (v.status) return void (await status(client(), v.status, v.wait === true, Number(v.interval ?? 30)));
  if (!v.out) throw new Error(USAGE);
  const validationOut = validationPath(v.out, v['validation-out']);
  if (v.input) build(v.input, v.out, validationOut, v.validation === undefined ? 0.1 : Number(v.validation), v['max-per-label'] ? Number(v['max-per-label']) : undefined);
  if (!v.submit) return;
  if (!v.model) throw new Error('--submit needs --model BASE (a model that can be fine-tuned, e.g. gpt-4.1-mini-2025-04-14)');
  if (!existsSync(v.out)) throw new Error(`${v.out} does not exist: build it with --input first`);
  checkFile(v.out);
  const api = client();
  const training = await api.files.create({ file: createReadStream(v.out), purpose: 'fine-tune' });
  log(`uploaded ${v.out} as ${training.id}`);
  let validationFile: string | undefined;
  if (existsSync(validationOut) && readFileSync(validationOut, 'utf8').trim()) {
    checkFile(validationOut);
    validationFile = (await api.files.create({ file: createReadStream(validationOut), purpose: 'fine-tune' })).id;
    log(`uploaded ${validationOut} as ${validationFile}`);
  }
  const job = await api.fineTuning.jobs.create({
    model: v.model,
    training_file: training.id,
    ...(validationFile ? { validation_file: validationFile } : {}),
    suffix: v.suffix ?? 'triage-guard',
    ...(v.seed ? { seed: Number(v.seed) } : {}),
  });
  log(`fine-tuning job ${job.id}: ${job.status}\nfollow it: npm run finetune -- --status ${job.id} --wait`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
