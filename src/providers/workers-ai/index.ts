import { serializeEvent, SseParser } from '../../openai/sse';
import type { Provider, ProviderConfig, UpstreamRequest } from '../types';

/**
 * Cloudflare Workers AI through the `AI` binding, spoken to as if it were OpenAI: chat requests
 * are passed to `AI.run(model, { messages, … })` and its answers (`{ response, usage }`, or an
 * SSE stream of `{ response }` pieces) are turned into chat.completion objects and chunks.
 */
interface AiBinding {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

type Json = Record<string, any>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const error = (status: number, message: string) => json({ error: { message, type: 'upstream_error', param: null, code: 'workers_ai_error' } }, status);

function aiInput(body: Json): Record<string, unknown> {
  const input: Record<string, unknown> = { messages: body.messages };
  for (const [from, to] of [['max_completion_tokens', 'max_tokens'], ['max_tokens', 'max_tokens'], ['temperature', 'temperature'], ['top_p', 'top_p'], ['seed', 'seed'], ['stream', 'stream'], ['tools', 'tools'], ['response_format', 'response_format']] as const) {
    if (body[from] !== undefined && body[from] !== null && input[to] === undefined) input[to] = body[from];
  }
  return input;
}

function usageOf(u: Json | undefined) {
  const prompt_tokens = Number(u?.prompt_tokens ?? 0);
  const completion_tokens = Number(u?.completion_tokens ?? 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Workers AI SSE (`data: {"response":"…"}`) → OpenAI chat.completion.chunk events. */
function toChunks(source: ReadableStream<Uint8Array>, base: Json, includeUsage: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const chunk = (delta: Json, finish: string | null) => encoder.encode(serializeEvent({ data: JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] }) }));
  let usage: Json | undefined;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        controller.enqueue(chunk({ role: 'assistant', content: '' }, null));
      },
      transform(bytes, controller) {
        for (const ev of parser.push(decoder.decode(bytes, { stream: true }))) {
          if (ev.data === '[DONE]') continue;
          try {
            const piece = JSON.parse(ev.data) as Json;
            if (piece.usage) usage = piece.usage;
            if (typeof piece.response === 'string' && piece.response) controller.enqueue(chunk({ content: piece.response }, null));
          } catch {
            // not JSON: ignore, as OpenAI clients would
          }
        }
      },
      flush(controller) {
        controller.enqueue(chunk({}, 'stop'));
        if (includeUsage) controller.enqueue(encoder.encode(serializeEvent({ data: JSON.stringify({ ...base, choices: [], usage: usageOf(usage) }) })));
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      },
    }),
  );
}

export function createWorkersAi(config: ProviderConfig): Provider {
  return {
    id: config.id,
    kind: 'workers-ai',
    async send(req: UpstreamRequest) {
      const ai = config.binding as AiBinding | undefined;
      if (!ai || typeof ai.run !== 'function') return error(503, `provider "${config.id}": no Workers AI binding (add [ai] binding = "AI" to wrangler.toml)`);
      if (req.endpoint !== 'chat/completions') return error(400, `provider "${config.id}": Workers AI serves chat completions only through the gateway`);
      const body = (req.body ?? {}) as Json;
      const base = { id: `chatcmpl-wai${req.requestId.slice(-20)}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model };
      let out: unknown;
      try {
        out = await ai.run(String(body.model), aiInput(body));
      } catch (err) {
        return error(502, `Workers AI: ${(err as Error)?.message ?? err}`);
      }
      if (out instanceof ReadableStream) {
        return new Response(toChunks(out, base, body.stream_options?.include_usage === true), { headers: { 'content-type': 'text/event-stream' } });
      }
      const result = (out ?? {}) as Json;
      const toolCalls = Array.isArray(result.tool_calls)
        ? result.tool_calls.map((t: Json, i: number) => ({ id: `call_${i}`, type: 'function', function: { name: t.name, arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments ?? {}) } }))
        : undefined;
      const content = typeof result.response === 'string' ? result.response : result.response == null ? null : JSON.stringify(result.response);
      const message = toolCalls?.length ? { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null } : { role: 'assistant', content, refusal: null };
      return json({
        id: base.id,
        object: 'chat.completion',
        created: base.created,
        model: body.model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls?.length ? 'tool_calls' : 'stop' }],
        usage: usageOf(result.usage),
      });
    },
  };
}
