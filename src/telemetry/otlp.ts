import type { TelemetryConfig } from './config';
import type { Trace } from './trace';

/**
 * Traces as OpenTelemetry spans, sent as OTLP/HTTP with the JSON encoding (OTLP specification:
 * trace and span ids as hex strings, times as decimal strings of Unix nanoseconds, enums as
 * integers). Each request becomes a SERVER span for the gateway with INTERNAL children for the
 * stages it went through and, when it reached a model, a CLIENT span named and attributed by the
 * GenAI semantic conventions (`chat gpt-4.1-mini`, `gen_ai.request.model`, `gen_ai.usage.*`).
 * Stage spans are laid out in pipeline order from their measured durations.
 *
 * Only the trace's fields are exported: captured text (input/output) is not, so a collector never
 * receives more than the trace table holds, and usually less.
 */
type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean } | { arrayValue: { values: AnyValue[] } };
interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  events?: Array<{ name: string; timeUnixNano: string; attributes: KeyValue[] }>;
  status?: { code: number; message?: string };
}

const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
const STATUS = { unset: 0, ok: 1, error: 2 } as const;
const EXPORT_TIMEOUT_MS = 5_000;

function value(v: string | number | boolean | string[]): AnyValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

function attributes(pairs: Record<string, string | number | boolean | string[] | null | undefined>): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, v] of Object.entries(pairs)) if (v !== null && v !== undefined) out.push({ key, value: value(v) });
  return out;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const randomId = (bytes: number) => hex(crypto.getRandomValues(new Uint8Array(bytes)));

/** Request ids are `req_` + 32 hex digits: the trace id is those digits, so the two can be matched. */
export function traceIdOf(requestId: string): string {
  const m = /^req_([0-9a-f]{32})$/.exec(requestId);
  return m ? m[1]! : randomId(16);
}

/** Unix nanoseconds as a decimal string, exact (a double cannot hold them). */
function nanos(epochMs: number, offsetMs = 0): string {
  return (BigInt(Math.floor(epochMs)) * 1_000_000n + BigInt(Math.round(offsetMs * 1e6))).toString();
}

export function spansOf(t: Trace): OtlpSpan[] {
  const traceId = traceIdOf(t.id);
  const at = Date.parse(t.created_at);
  const l = t.latency_ms;
  const root: OtlpSpan = {
    traceId,
    spanId: randomId(8),
    name: `POST ${t.endpoint}`,
    kind: SPAN_KIND.server,
    startTimeUnixNano: nanos(at),
    endTimeUnixNano: nanos(at, l.total),
    attributes: attributes({
      'http.request.method': 'POST',
      'url.path': t.endpoint,
      'http.response.status_code': t.status,
      'error.type': t.status >= 500 ? (t.error?.code ?? String(t.status)) : undefined,
      'triage.request_id': t.id,
      'triage.key_id': t.key_id,
      'triage.policy': t.policy,
      'triage.decision': t.decision,
      'triage.tier': t.tier,
      'triage.router_score': t.router_score,
      'triage.cost_usd': t.cost_usd,
      'triage.saved_usd': t.saved_usd,
      'triage.cost_flags': t.cost_flags.length ? t.cost_flags : undefined,
      'triage.usage_source': t.usage.source,
      'triage.latency.overhead_ms': l.overhead,
      'triage.retries': t.retries,
      'triage.fallbacks': t.fallbacks,
      'triage.cache': t.cache,
      'gen_ai.request.model': t.model_requested,
    }),
    status: t.status >= 500 ? { code: STATUS.error, message: t.error?.message?.slice(0, 200) } : { code: STATUS.unset },
  };
  const spans = [root];
  let cursor = 0;
  const child = (name: string, kind: number, ms: number, attrs: KeyValue[] = []): OtlpSpan => {
    const span: OtlpSpan = { traceId, spanId: randomId(8), parentSpanId: root.spanId, name, kind, startTimeUnixNano: nanos(at, cursor), endTimeUnixNano: nanos(at, cursor + ms), attributes: attrs };
    cursor += ms;
    spans.push(span);
    return span;
  };

  child('triage.auth', SPAN_KIND.internal, l.auth);
  const inputGuards = t.guards.filter((g) => g.side === 'input');
  if (inputGuards.length || l.guard > 0) guardEvents(child('triage.guard', SPAN_KIND.internal, l.guard), inputGuards);
  if (t.tier !== null) child('triage.route', SPAN_KIND.internal, l.route, attributes({ 'triage.tier': t.tier, 'triage.router_score': t.router_score }));
  if (t.attempts.length > 0) {
    const failed = t.status >= 500 || (t.error !== null && t.status >= 400 && t.decision !== 'block');
    const model = t.model_used ?? t.model_requested ?? 'unknown';
    const llm = child(`chat ${model}`, SPAN_KIND.client, l.upstream, attributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': t.model_requested,
      'gen_ai.response.model': t.model_used,
      'gen_ai.usage.input_tokens': t.usage.prompt_tokens,
      'gen_ai.usage.output_tokens': t.usage.completion_tokens,
      'gen_ai.usage.cache_read.input_tokens': t.usage.cached_tokens || undefined,
      'gen_ai.response.finish_reasons': t.finish_reason ? [t.finish_reason] : undefined,
      'gen_ai.request.stream': t.stream,
      'triage.provider': t.provider,
      'triage.attempts': t.attempts.length,
      'triage.ttft_ms': l.ttft,
    }));
    if (failed) llm.status = { code: STATUS.error, message: t.error?.message?.slice(0, 200) };
    llm.events = t.attempts.map((a, i) => ({
      name: 'triage.attempt',
      timeUnixNano: llm.startTimeUnixNano,
      attributes: attributes({ 'triage.attempt': i, 'triage.target': a.target, 'http.response.status_code': a.status, 'error.type': a.error, 'triage.retry': a.retry, 'triage.latency_ms': a.latency_ms }),
    }));
  }
  const outputGuards = t.guards.filter((g) => g.side === 'output');
  if (outputGuards.length || l.output_guard > 0) guardEvents(child('triage.output_guard', SPAN_KIND.internal, l.output_guard), outputGuards);
  return spans;
}

function guardEvents(span: OtlpSpan, guards: Trace['guards']) {
  span.events = guards.map((g) => ({
    name: 'triage.guard',
    timeUnixNano: span.startTimeUnixNano,
    attributes: attributes({ 'triage.guard.name': g.name, 'triage.guard.score': g.score, 'triage.guard.action': g.action, 'triage.guard.mode': g.mode, 'triage.guard.error': g.error }),
  }));
}

export function otlpPayload(traces: Trace[], serviceName: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes({ 'service.name': serviceName, 'telemetry.sdk.name': 'triage', 'telemetry.sdk.language': 'webjs', 'cloud.provider': 'cloudflare' }) },
        scopeSpans: [{ scope: { name: 'triage', version: '0.1.0' }, spans: traces.flatMap(spansOf) }],
      },
    ],
  };
}

/** Sends a batch; failures are logged (status only, never content) and never thrown. */
export async function exportOtlp(otlp: NonNullable<TelemetryConfig['otlp']>, traces: Trace[]): Promise<void> {
  if (traces.length === 0) return;
  try {
    const res = await fetch(otlp.url, {
      method: 'POST',
      headers: { ...otlp.headers, 'content-type': 'application/json' },
      body: JSON.stringify(otlpPayload(traces, otlp.serviceName)),
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) console.warn(`[triage] OTLP export of ${traces.length} trace(s) failed: HTTP ${res.status}`);
  } catch (err) {
    console.warn(`[triage] OTLP export of ${traces.length} trace(s) failed: ${(err as Error)?.name ?? 'error'}`);
  }
}
