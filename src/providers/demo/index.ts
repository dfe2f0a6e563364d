import { serializeEvent } from '../../openai/sse';
import type { Provider, ProviderConfig, UpstreamRequest } from '../types';
import { demoAnswer, demoEmbedding, estimateTokens, sampleForSchema } from './answer';

type Json = Record<string, any>;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: Json) => (p?.type === 'text' ? p.text : '')).join(' ');
  return '';
}

function promptTokens(messages: Json[]): number {
  // ~4 tokens of chat framing per message, as OpenAI's models count them.
  return messages.reduce((n, m) => n + 4 + estimateTokens(textOf(m.content)), 3);
}

/** Which tool call, if any, the demo model makes: when forced, or when the prompt names a tool. */
function pickTool(body: Json, prompt: string): Json | undefined {
  const tools: Json[] = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length === 0 || body.tool_choice === 'none') return undefined;
  const forced = body.tool_choice?.function?.name;
  if (forced) return tools.find((t) => t.function?.name === forced);
  if (body.tool_choice === 'required') return tools[0];
  return tools.find((t) => t.function?.name && prompt.includes(t.function.name));
}

function chatCompletion(body: Json, id: string, created: number) {
  const messages: Json[] = body.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const prompt = textOf(lastUser?.content);
  const tool = pickTool(body, prompt);
  const { text, truncated } = demoAnswer(prompt, body.max_completion_tokens ?? body.max_tokens);
  const format = body.response_format?.type;
  const content = format === 'json_object' || format === 'json_schema'
    ? JSON.stringify(format === 'json_schema' ? sampleForSchema(body.response_format.json_schema?.schema) : { answer: text })
    : text;
  const toolCalls = tool
    ? [{ id: `call_${id.slice(-12)}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(sampleForSchema(tool.function.parameters)) } }]
    : undefined;
  const message = toolCalls ? { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null } : { role: 'assistant', content, refusal: null };
  const finish = toolCalls ? 'tool_calls' : truncated ? 'length' : 'stop';
  const completionTokens = toolCalls ? estimateTokens(toolCalls[0]!.function.arguments) + 8 : estimateTokens(content);
  const usage = { prompt_tokens: promptTokens(messages), completion_tokens: completionTokens, total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const n = Math.max(1, Number(body.n) || 1);
  const choices = Array.from({ length: n }, (_, index) => ({ index, message, logprobs: null, finish_reason: finish }));
  return { id, object: 'chat.completion', created, model: body.model, choices, usage, system_fingerprint: 'fp_triage_demo' };
}

function streamChat(full: Json, includeUsage: boolean, cfg: ProviderConfig, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const base = { id: full.id, object: 'chat.completion.chunk', created: full.created, model: full.model, system_fingerprint: full.system_fingerprint };
  const choice = full.choices[0];
  const deltas: Json[] = [{ role: 'assistant', content: '', refusal: null }];
  if (choice.message.tool_calls) {
    const call = choice.message.tool_calls[0];
    deltas.push({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
    deltas.push({ tool_calls: [{ index: 0, function: { arguments: call.function.arguments } }] });
  } else {
    for (const piece of String(choice.message.content).match(/\S+\s*/g) ?? []) deltas.push({ content: piece });
  }
  return new ReadableStream({
    async start(controller) {
      try {
        for (const delta of deltas) {
          controller.enqueue(encoder.encode(serializeEvent({ data: JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] }) })));
          await sleep(cfg.chunkDelayMs ?? 0, signal);
        }
        controller.enqueue(encoder.encode(serializeEvent({ data: JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: choice.finish_reason }] }) })));
        if (includeUsage) controller.enqueue(encoder.encode(serializeEvent({ data: JSON.stringify({ ...base, choices: [], usage: full.usage }) })));
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      } catch (err) {
        controller.error(err);
      }
    },
  });
}

/** Answers locally, deterministically, with realistic usage and a little latency. */
export function createDemo(cfg: ProviderConfig): Provider {
  return {
    id: cfg.id,
    kind: 'demo',
    async send(req: UpstreamRequest) {
      await sleep(cfg.latencyMs ?? 0, req.signal);
      const body = (req.body ?? {}) as Json;
      const created = Math.floor(Date.now() / 1000);
      const id = `chatcmpl-demo${req.requestId.replace(/[^a-zA-Z0-9]/g, '').slice(-20)}`;
      switch (req.endpoint) {
        case 'chat/completions': {
          const full = chatCompletion(body, id, created);
          if (!body.stream) return json(full);
          const stream = streamChat(full, body.stream_options?.include_usage === true, cfg, req.signal);
          return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
        }
        case 'completions': {
          const prompt = Array.isArray(body.prompt) ? body.prompt.join('\n') : String(body.prompt ?? '');
          const { text, truncated } = demoAnswer(prompt, body.max_tokens ?? 16);
          const usage = { prompt_tokens: estimateTokens(prompt), completion_tokens: estimateTokens(text), total_tokens: 0 };
          usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
          return json({ id: id.replace('chatcmpl', 'cmpl'), object: 'text_completion', created, model: body.model, choices: [{ index: 0, text, logprobs: null, finish_reason: truncated ? 'length' : 'stop' }], usage });
        }
        case 'embeddings': {
          const inputs: unknown[] = Array.isArray(body.input) ? body.input : [body.input];
          const dims = Number(body.dimensions) || 256;
          const data = inputs.map((input, index) => ({ object: 'embedding', index, embedding: demoEmbedding(JSON.stringify(input), dims) }));
          const tokens = inputs.reduce<number>((n, i) => n + (typeof i === 'string' ? estimateTokens(i) : Array.isArray(i) ? i.length : 1), 0);
          return json({ object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
        }
        case 'models':
          return json({ object: 'list', data: [] });
      }
    },
  };
}
