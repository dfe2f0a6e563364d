/**
 * A local upstream that speaks the OpenAI protocol (JSON and SSE) and records every request it
 * receives, so tests can assert what reached the upstream — not only what the client got.
 *
 * Behaviour is chosen by a path prefix, so a policy target can point at a misbehaving upstream:
 *   /v1/...                      well-behaved
 *   /s/<scenario>/v1/...         e.g. fail-500-2 (first two calls per prompt fail), always-500,
 *                                429-once (retry-after: 0), always-429, slow-<ms>, break-after-<n>,
 *                                stall-after-<n>, truncate-after-<n>, not-json, no-usage
 * and by the prompt: a user message containing `REPLY:<text>` is answered with <text> verbatim;
 * `CHUNK:<n>` streams it in pieces of n characters.
 *
 * Control: GET /__log?contains=<marker> → recorded requests whose body contains marker.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  scenario: string | null;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  raw: string;
  at: number;
}

const log: Recorded[] = [];
const counters = new Map<string, number>();
const extraRoutes: Array<(req: IncomingMessage, res: ServerResponse, raw: string, path: string) => boolean> = [];

/** Lets other suites (fine-tuning, graders) add endpoints without touching the core. */
export function addRoute(route: (req: IncomingMessage, res: ServerResponse, raw: string, path: string) => boolean) {
  extraRoutes.push(route);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lastUser(body: any): string {
  const msgs: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const m = [...msgs].reverse().find((x) => x?.role === 'user');
  if (!m) return typeof body?.prompt === 'string' ? body.prompt : '';
  return typeof m.content === 'string' ? m.content : (m.content ?? []).map((p: any) => p?.text ?? '').join(' ');
}

function answerFor(body: any): string {
  const prompt = lastUser(body);
  // A remote classifier's question: answer with a verdict (INJECT in the text → prompt_injection).
  if (body?.response_format?.json_schema?.name === 'triage_verdict') {
    return JSON.stringify(prompt.includes('INJECT') ? { label: 'prompt_injection', confidence: 0.97 } : { label: 'benign', confidence: 0.93 });
  }
  const reply = /REPLY:([\s\S]*)$/.exec(prompt);
  if (reply) return reply[1]!.replace(/(CHUNK|SPLIT):\d+/g, '').trim();
  return `Echo: ${prompt.slice(0, 200)}`;
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function chatCompletion(body: any) {
  const content = answerFor(body);
  const forced = body.tool_choice?.function?.name ?? (body.tool_choice === 'required' ? body.tools?.[0]?.function?.name : undefined);
  const named = (body.tools ?? []).find((t: any) => lastUser(body).includes(`call:${t.function?.name}`))?.function?.name;
  const tool = forced ?? named;
  const message = tool
    ? { role: 'assistant', content: null, tool_calls: [{ id: 'call_test1', type: 'function', function: { name: tool, arguments: '{"city":"Paris"}' } }], refusal: null }
    : { role: 'assistant', content: body.response_format?.type === 'json_object' ? JSON.stringify({ answer: content }) : content, refusal: null };
  const prompt_tokens = tokens(JSON.stringify(body.messages ?? ''));
  const completion_tokens = tokens(message.content ?? '{"city":"Paris"}');
  return {
    id: 'chatcmpl-upstream1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: `${body.model}-upstream`,
    choices: [{ index: 0, message, logprobs: null, finish_reason: tool ? 'tool_calls' : 'stop' }],
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    system_fingerprint: 'fp_upstream',
  };
}

async function streamChat(res: ServerResponse, body: any, scenario: string) {
  const full = chatCompletion(body);
  const base = { id: full.id, object: 'chat.completion.chunk', created: full.created, model: full.model, system_fingerprint: 'fp_upstream' };
  const msg: any = full.choices[0]!.message;
  const size = Number(/CHUNK:(\d+)/.exec(lastUser(body))?.[1] ?? 4);
  const split = /SPLIT:(\d+)/.exec(lastUser(body));
  const deltas: any[] = [{ role: 'assistant', content: '' }];
  if (msg.tool_calls) {
    const call = msg.tool_calls[0];
    deltas.push({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
    for (const piece of call.function.arguments.match(/.{1,5}/gs) ?? []) deltas.push({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
  } else if (split) {
    const k = Number(split[1]);
    deltas.push({ content: msg.content.slice(0, k) }, { content: msg.content.slice(k) });
  } else {
    for (let i = 0; i < msg.content.length; i += size) deltas.push({ content: msg.content.slice(i, i + size) });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const limit = Number(/(?:break|stall|truncate)-after-(\d+)/.exec(scenario)?.[1] ?? Infinity);
  const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  for (let i = 0; i < deltas.length; i++) {
    if (i >= limit) {
      if (scenario.startsWith('break')) return res.socket?.destroy();
      if (scenario.startsWith('truncate')) return res.end();
      // stall until the gateway's idle timeout gives up and closes the connection
      await new Promise((r) => {
        res.on('close', r);
        setTimeout(r, 60_000).unref();
      });
      return res.end();
    }
    send({ ...base, choices: [{ index: 0, delta: deltas[i], logprobs: null, finish_reason: null }] });
    await sleep(1);
  }
  send({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: full.choices[0]!.finish_reason }] });
  if (body.stream_options?.include_usage && scenario !== 'no-usage') send({ ...base, choices: [], usage: full.usage });
  res.end('data: [DONE]\n\n');
}

async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
  const url = new URL(req.url ?? '/', 'http://upstream');
  if (url.pathname === '/__log') {
    const marker = url.searchParams.get('contains');
    return json(res, 200, { data: marker ? log.filter((r) => r.raw.includes(marker) || r.path.includes(marker)) : log });
  }
  const m = /^(?:\/s\/([^/]+))?(\/.*)$/.exec(url.pathname)!;
  const scenario = m[1] ?? null;
  const path = m[2]!;
  let body: any = null;
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  log.push({ method: req.method ?? '', path: url.pathname, scenario, headers: req.headers, body, raw, at: Date.now() });
  for (const route of extraRoutes) if (route(req, res, raw, path)) return;

  const key = `${scenario}|${lastUser(body)}|${body?.input ?? ''}`;
  const count = (counters.get(key) ?? 0) + 1;
  counters.set(key, count);
  const s = scenario ?? '';
  const failN = /^fail-(\d{3})-(\d+)$/.exec(s);
  if (failN && count <= Number(failN[2])) return json(res, Number(failN[1]), { error: { message: `scripted failure ${count}`, type: 'server_error', param: null, code: null } });
  if (s === 'always-500') return json(res, 500, { error: { message: 'upstream is down', type: 'server_error', param: null, code: null } });
  if (s === '429-once' && count === 1) return json(res, 429, { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '0' });
  if (s === 'always-429') return json(res, 429, { error: { message: 'rate limited upstream', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '120' });
  if (s.startsWith('slow-')) await sleep(Number(s.slice(5)));
  if (s === 'not-json') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<html>gateway timeout page</html>');
  }

  if (req.method === 'GET' && path === '/v1/models') {
    return json(res, 200, { object: 'list', data: [{ id: 'upstream-model-a', object: 'model', created: 1_700_000_000, owned_by: 'upstream' }] });
  }
  if (path === '/v1/chat/completions') {
    if (body?.model === 'nonexistent-model') {
      return json(res, 404, { error: { message: 'The model `nonexistent-model` does not exist', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
    }
    return body?.stream ? streamChat(res, body, s) : json(res, 200, chatCompletion(body));
  }
  if (path === '/v1/completions') {
    const text = answerFor(body);
    return json(res, 200, { id: 'cmpl-1', object: 'text_completion', created: 1_700_000_000, model: body.model, choices: [{ index: 0, text, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: tokens(text), total_tokens: 3 + tokens(text) } });
  }
  if (path === '/v1/embeddings') {
    const inputs = Array.isArray(body?.input) ? body.input : [body?.input];
    return json(res, 200, { object: 'list', model: body.model, data: inputs.map((_: unknown, index: number) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })), usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
  }
  return json(res, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error', param: null, code: null } });
}

export async function startUpstream(port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err) => {
        if (!res.headersSent) json(res, 500, { error: { message: String(err), type: 'server_error', param: null, code: null } });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}
