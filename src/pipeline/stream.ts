import { DONE, type SseEvent, SseParser, serializeEvent } from '../openai/sse';

/**
 * Streams an upstream SSE response to the client as it arrives, parsing it on the way so later
 * stages can inspect (and, for output guards, rewrite) each event. A stream that breaks upstream
 * (network error, idle past the deadline, ends without `[DONE]`) ends for the client with an
 * OpenAI error event, never a hang.
 */
export interface StreamSummary {
  /** How the stream ended. */
  outcome: 'done' | 'upstream_error' | 'idle_timeout' | 'truncated' | 'client_cancelled' | 'filtered';
  error?: string;
  usage?: Record<string, unknown>;
  model?: string;
  finishReason: string | null;
  events: number;
  /** ms from the start of the stream to the first content delta. */
  firstTokenMs: number | null;
  /** The assistant text as the upstream sent it (first choice), capped; for accounting and guards. */
  text: string;
}

const MAX_TEXT = 1 << 20;

/**
 * A client that stops reading for this long is treated as gone. workerd does not reliably tell a
 * stream that its client disconnected (neither `cancel()` nor the request signal, under load): the
 * stream just stops being pulled and, with nothing pending, the runtime drops the request along
 * with the trace waiting for it. A live client reads a chat stream continuously, and this stays
 * well inside the time `waitUntil` work is allowed after a response.
 */
export const CLIENT_STALL_MS = 10_000;

/** A stage that sees every data event (already parsed when it is JSON) and decides what goes out. */
export interface StreamStage {
  /** Returns the events to send instead of this one (possibly none: held back). */
  event(ev: SseEvent, json: Record<string, any> | undefined): SseEvent[] | Promise<SseEvent[]>;
  /** Upstream finished normally (before `[DONE]` is sent): flush what is held back. */
  flush?(): SseEvent[] | Promise<SseEvent[]>;
  /** Set when the stage ended the stream itself (e.g. an output guard blocked it). */
  stopped?: () => boolean;
}

export interface StreamOptions {
  idleTimeoutMs: number;
  abort: AbortController;
  /**
   * The client's request signal. workerd does not always cancel a response body whose client went
   * away while a read was pending (a slow or stalled upstream): without this the stream, and the
   * trace waiting for it, hung until the runtime gave up on the request and the trace was lost.
   * Needs the `enable_request_signal` compatibility flag (wrangler.toml).
   */
  clientSignal?: AbortSignal;
  /** Overrides CLIENT_STALL_MS (tests). */
  clientStallMs?: number;
  stages?: StreamStage[];
  onEnd?: (summary: StreamSummary) => void;
}

const encoder = new TextEncoder();

export function streamErrorEvent(message: string, code: string): SseEvent {
  return { data: JSON.stringify({ error: { message, type: 'upstream_error', param: null, code } }) };
}

export function proxyStream(upstream: Response, opts: StreamOptions): ReadableStream<Uint8Array> {
  const reader = upstream.body!.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const stages = opts.stages ?? [];
  const t0 = performance.now();
  const summary: StreamSummary = { outcome: 'done', finishReason: null, events: 0, firstTokenMs: null, text: '' };
  let sawDone = false;
  let finished = false;

  let stall: ReturnType<typeof setTimeout> | undefined;
  const finish = (outcome: StreamSummary['outcome'], error?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(stall);
    opts.clientSignal?.removeEventListener('abort', clientGone);
    summary.outcome = outcome;
    if (error) summary.error = error;
    opts.onEnd?.(summary);
  };

  function clientGone() {
    opts.abort.abort(opts.clientSignal?.reason);
    reader.cancel(opts.clientSignal?.reason).catch(() => {});
    finish('client_cancelled');
  }
  if (opts.clientSignal?.aborted) queueMicrotask(clientGone);
  else opts.clientSignal?.addEventListener('abort', clientGone);

  const observe = (json: Record<string, any>) => {
    if (json.usage) summary.usage = json.usage;
    if (typeof json.model === 'string') summary.model = json.model;
    for (const choice of json.choices ?? []) {
      if (choice?.finish_reason) summary.finishReason = choice.finish_reason;
      const d = choice?.delta;
      if (summary.firstTokenMs === null && (d?.content || d?.tool_calls || d?.refusal)) summary.firstTokenMs = performance.now() - t0;
      if ((choice?.index ?? 0) === 0 && summary.text.length < MAX_TEXT) {
        const piece = typeof d?.content === 'string' ? d.content : typeof choice?.text === 'string' ? choice.text : '';
        const args = d?.tool_calls?.[0]?.function?.arguments;
        summary.text += piece + (typeof args === 'string' ? args : '');
      }
    }
  };

  /** Runs an event through the stages, in order; returns what to send. */
  const through = async (ev: SseEvent): Promise<SseEvent[]> => {
    let out = [ev];
    for (const stage of stages) {
      const next: SseEvent[] = [];
      for (const e of out) {
        let json: Record<string, any> | undefined;
        if (e.data !== DONE) {
          try {
            json = JSON.parse(e.data);
          } catch {
            json = undefined;
          }
        }
        next.push(...(await stage.event(e, json)));
      }
      out = next;
    }
    return out;
  };

  /** End of a normal stream: each stage flushes what it held, passed through the later stages. */
  const flushAll = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    for (let i = 0; i < stages.length; i++) {
      let out = await (stages[i]!.flush?.() ?? []);
      for (const later of stages.slice(i + 1)) {
        const next: SseEvent[] = [];
        for (const e of out) next.push(...(await later.event(e, e.data === DONE ? undefined : JSON.parse(e.data))));
        out = next;
      }
      for (const e of out) controller.enqueue(encoder.encode(serializeEvent(e)));
    }
  };

  const stopped = () => stages.some((s) => s.stopped?.());

  const readWithDeadline = () =>
    new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new IdleTimeout()), opts.idleTimeoutMs);
      reader.read().then(
        (r) => (clearTimeout(timer), resolve(r)),
        (e) => (clearTimeout(timer), reject(e)),
      );
    });

  const endWithError = (controller: ReadableStreamDefaultController<Uint8Array>, outcome: StreamSummary['outcome'], message: string, code: string) => {
    controller.enqueue(encoder.encode(serializeEvent(streamErrorEvent(message, code))));
    controller.close();
    opts.abort.abort();
    reader.cancel().catch(() => {});
    finish(outcome, message);
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(stall);
      for (;;) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await readWithDeadline();
        } catch (err) {
          if (finished) return; // the client left meanwhile (clientGone): nothing more to send
          if (err instanceof IdleTimeout) {
            return endWithError(controller, 'idle_timeout', `The upstream sent nothing for ${opts.idleTimeoutMs} ms; the stream was ended.`, 'upstream_timeout');
          }
          return endWithError(controller, 'upstream_error', `The upstream stream broke: ${(err as Error)?.message ?? err}`, 'upstream_stream_error');
        }
        if (finished) return;
        if (result.done) {
          parser.push(decoder.decode());
          if (!sawDone) {
            if (summary.finishReason === null) {
              return endWithError(controller, 'truncated', 'The upstream stream ended before the response was complete.', 'upstream_stream_truncated');
            }
            // Finished but without the terminator some servers omit: complete it for the client.
            await flushAll(controller);
            if (!stopped()) controller.enqueue(encoder.encode(serializeEvent({ data: DONE })));
          }
          controller.close();
          return finish(stopped() ? 'filtered' : 'done');
        }
        let sent = false;
        for (const ev of parser.push(decoder.decode(result.value, { stream: true }))) {
          summary.events++;
          if (ev.data === DONE) {
            sawDone = true;
            await flushAll(controller);
            if (stopped()) {
              controller.close();
              reader.cancel().catch(() => {});
              return finish('filtered');
            }
          } else {
            try {
              observe(JSON.parse(ev.data));
            } catch {
              // non-JSON events pass through untouched
            }
          }
          for (const out of await through(ev)) {
            controller.enqueue(encoder.encode(serializeEvent(out)));
            sent = true;
          }
          if (stopped()) {
            controller.close();
            opts.abort.abort();
            reader.cancel().catch(() => {});
            return finish('filtered');
          }
        }
        if (sent) {
          // Until the next pull: if it never comes, the client has gone (see CLIENT_STALL_MS).
          stall = setTimeout(() => finished || clientGone(), opts.clientStallMs ?? CLIENT_STALL_MS);
          return;
        }
      }
    },
    cancel(reason) {
      opts.abort.abort(reason);
      reader.cancel(reason).catch(() => {});
      finish('client_cancelled');
    },
  });
}

class IdleTimeout extends Error {}
