/**
 * Local OpenAI-protocol routes for the flywheel's tests, added to the test upstream with
 * `addRoute` (test/support/upstream-server.ts) in node:
 *
 * - a judge for the model grader (response_format `triage_grade`), deterministic:
 *     pairwise: the answer that starts with "Detailed" wins when the prompt says needs-large
 *               (or NEEDS_LARGE),
 *               the answers tie otherwise; a prompt containing JUDGE_GARBAGE gets a non-verdict;
 *     scored:   SCORE:<n> in the answer is the score (5 otherwise);
 * - files and fine-tuning jobs (POST /v1/files, POST/GET /v1/fine_tuning/jobs[/:id[/events]]),
 *   recording every upload and job so tests can read what `npm run finetune -- --submit` sent.
 *   A job advances one state per GET: validating_files → running → succeeded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

function section(text: string, name: string): string {
  const m = new RegExp(`\\[${name}\\]\\n([\\s\\S]*?)(?:\\n\\n\\[|$)`).exec(text);
  return m?.[1] ?? '';
}

export function judgeVerdict(user: string): Record<string, unknown> {
  const prompt = section(user, 'User prompt');
  if (prompt.includes('JUDGE_GARBAGE')) return { verdict: 'dunno' };
  if (user.includes('[Answer A]')) {
    const a = section(user, 'Answer A');
    const b = section(user, 'Answer B');
    if (!/needs[-_]large/i.test(prompt)) return { reason: 'equally good', winner: 'tie' };
    return { reason: 'one is detailed', winner: a.startsWith('Detailed') ? 'A' : b.startsWith('Detailed') ? 'B' : 'tie' };
  }
  const score = Number(/SCORE:(\d+)/.exec(section(user, 'Answer'))?.[1] ?? 5);
  return { reason: 'as scored', score };
}

/** For `addRoute`: answers the model grader's requests, leaves everything else to the upstream. */
export function graderRoute(req: IncomingMessage, res: ServerResponse, raw: string, path: string): boolean {
  if (req.method !== 'POST' || path !== '/v1/chat/completions') return false;
  let body: any;
  try {
    body = JSON.parse(raw);
  } catch {
    return false;
  }
  if (body?.response_format?.json_schema?.name !== 'triage_grade') return false;
  const user = body.messages?.find((m: any) => m.role === 'user')?.content ?? '';
  const content = JSON.stringify(judgeVerdict(user));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-judge',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
    }),
  );
  return true;
}

export interface Upload {
  id: string;
  purpose: string;
  filename: string;
  content: string;
}

export interface Job {
  id: string;
  object: 'fine_tuning.job';
  model: string;
  status: string;
  training_file: string;
  validation_file: string | null;
  fine_tuned_model: string | null;
  suffix: string | null;
  [field: string]: unknown;
}

export const uploads: Upload[] = [];
export const jobs: Job[] = [];

/** Parts of a multipart/form-data body (RFC 7578), enough for the openai SDK's uploads. */
function multipart(raw: Buffer, contentType: string): Map<string, { filename?: string; value: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const parts = new Map<string, { filename?: string; value: string }>();
  if (!boundary) return parts;
  const text = raw.toString('utf8');
  for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (!name) continue;
    parts.set(name, { filename: /filename="([^"]*)"/.exec(headers)?.[1], value: part.slice(split + 4).replace(/\r\n$/, '') });
  }
  return parts;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const NEXT: Record<string, string> = { validating_files: 'running', running: 'succeeded' };

/** For `addRoute`. The upstream hands routes the body as UTF-8 text, which JSONL uploads are. */
export function fineTuningRoute(req: IncomingMessage, res: ServerResponse, raw: string, path: string): boolean {
  const created = 1_700_000_000;
  if (req.method === 'POST' && path === '/v1/files') {
    const parts = multipart(Buffer.from(raw, 'utf8'), String(req.headers['content-type'] ?? ''));
    const file = parts.get('file');
    const upload: Upload = { id: `file-${uploads.length + 1}`, purpose: parts.get('purpose')?.value ?? '', filename: file?.filename ?? '', content: file?.value ?? '' };
    uploads.push(upload);
    send(res, 200, { id: upload.id, object: 'file', bytes: Buffer.byteLength(upload.content), created_at: created, filename: upload.filename, purpose: upload.purpose, status: 'processed' });
    return true;
  }
  if (req.method === 'POST' && path === '/v1/fine_tuning/jobs') {
    const body = JSON.parse(raw);
    const job: Job = {
      id: `ftjob-${jobs.length + 1}`,
      object: 'fine_tuning.job',
      created_at: created,
      model: body.model,
      status: 'validating_files',
      training_file: body.training_file,
      validation_file: body.validation_file ?? null,
      fine_tuned_model: null,
      suffix: body.suffix ?? null,
      seed: body.seed ?? 0,
      organization_id: 'org-test',
      hyperparameters: { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' },
      result_files: [],
      trained_tokens: null,
      finished_at: null,
      error: null,
      request: body,
    };
    jobs.push(job);
    send(res, 200, job);
    return true;
  }
  const m = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events)?$/.exec(path);
  if (req.method === 'GET' && m) {
    const job = jobs.find((j) => j.id === m[1]);
    if (!job) {
      send(res, 404, { error: { message: `No such job: ${m[1]}`, type: 'invalid_request_error', param: null, code: null } });
      return true;
    }
    if (m[2]) {
      send(res, 200, { object: 'list', has_more: false, data: [{ id: `ftevent-${job.id}`, object: 'fine_tuning.job.event', created_at: created, level: 'info', message: `Job is ${job.status}` }] });
      return true;
    }
    job.status = NEXT[job.status] ?? job.status;
    if (job.status === 'succeeded') {
      job.fine_tuned_model = `ft:${job.model}:triage:${job.suffix ?? 'x'}:${job.id}`;
      job.trained_tokens = 1234;
      job.finished_at = created + 60;
    }
    const { request: _request, ...visible } = job;
    send(res, 200, visible);
    return true;
  }
  return false;
}
