// `npm run eval -- --data ANSWERS.jsonl --grader GRADER` (README "Graders"): grades answers the way
// shadow comparisons do, with the same graders (src/flywheel/graders). Rows:
//   {"prompt"?, "answer", "reference"?, "source"?}
// GRADER is a JSON or YAML file, or inline JSON, in the policy's `flywheel.shadow.grader` form,
// e.g. '{"type":"numeric","tolerance":0.01}'. Model graders call OPENAI_BASE_URL with OPENAI_API_KEY.

import { existsSync, readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { parse as parseYaml } from 'yaml';
import { createGrader, type Grade, type GraderConfig, graderSchema } from '../../src/flywheel/graders';
import { readJsonl } from './jsonl';

export function readGraderConfig(spec: string): GraderConfig {
  const text = existsSync(spec) ? readFileSync(spec, 'utf8') : spec;
  const parsed = graderSchema.safeParse(existsSync(spec) && /\.ya?ml$/.test(spec) ? parseYaml(text) : JSON.parse(text));
  if (!parsed.success) throw new Error(`--grader: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(grader)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface GradeSummary {
  grader: string;
  n: number;
  errors: number;
  mean_score: number;
  pass_rate: number;
  by_source: Record<string, { n: number; mean_score: number; pass_rate: number }>;
}

export async function gradeRows(rows: ReadonlyArray<Record<string, unknown>>, config: GraderConfig, opts: { concurrency?: number; openai?: OpenAI } = {}): Promise<GradeSummary> {
  const client = config.type === 'model' ? (opts.openai ?? new OpenAI({ maxRetries: 2 })) : undefined;
  const grader = createGrader(config, {
    chat: () => (body, signal) => client!.chat.completions.create(body as never, { signal }) as Promise<unknown>,
  });
  const results: Array<{ source: string; grade?: Grade }> = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const r = rows[next++]!;
      const source = typeof r.source === 'string' ? r.source : 'unknown';
      if (typeof r.answer !== 'string' || (grader.needsReference && typeof r.reference !== 'string')) {
        results.push({ source });
        continue;
      }
      const input = { prompt: typeof r.prompt === 'string' ? r.prompt : '', answer: r.answer, reference: typeof r.reference === 'string' ? r.reference : undefined };
      results.push({ source, grade: await grader.grade(input).catch(() => undefined) });
    }
  };
  await Promise.all(Array.from({ length: config.type === 'model' ? (opts.concurrency ?? 4) : 1 }, worker));
  const stats = (rs: typeof results) => {
    const graded = rs.filter((r) => r.grade);
    // NaN (shown as "—") when nothing in the slice could be graded.
    return {
      n: rs.length,
      mean_score: graded.reduce((s, r) => s + r.grade!.score, 0) / graded.length,
      pass_rate: graded.filter((r) => r.grade!.pass).length / graded.length,
    };
  };
  const sources = [...new Set(results.map((r) => r.source))].sort();
  return {
    grader: grader.name,
    ...stats(results),
    errors: results.filter((r) => !r.grade).length,
    by_source: Object.fromEntries(sources.map((s) => [s, stats(results.filter((r) => r.source === s))])),
  };
}

export function formatGradeSummary(s: GradeSummary): string {
  const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
  const num = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));
  const lines = [`grader ${s.grader}: ${s.n} answers, mean score ${num(s.mean_score)}, pass rate ${pct(s.pass_rate)}${s.errors ? `, ${s.errors} not graded (missing answer or reference, or the grader failed)` : ''}`];
  lines.push('| source | n | mean score | pass rate |', '|---|---:|---:|---:|');
  for (const [src, x] of Object.entries(s.by_source)) lines.push(`| ${src} | ${x.n} | ${num(x.mean_score)} | ${pct(x.pass_rate)} |`);
  return lines.join('\n');
}

export async function gradeFile(data: string, grader: string): Promise<GradeSummary> {
  const summary = await gradeRows(readJsonl(data), readGraderConfig(grader));
  console.log(formatGradeSummary(summary));
  return summary;
}
