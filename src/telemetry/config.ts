import { z } from 'zod';

/**
 * Telemetry settings (README "Traces"), read from the Worker's variables once per environment.
 * A bad value is logged and replaced by its default: tracing settings never take the gateway down.
 */
const text = z.string().trim().optional().transform((v) => (v ? v : undefined));
const days = (fallback: number) =>
  text.transform((v) => (v === undefined ? fallback : Number(v))).pipe(z.number().int().min(1).max(3650)).catch(fallback);

const telemetrySchema = z.object({
  /** `off` turns trace recording off (limits are still settled); for benchmarks and emergencies. */
  TRACES: text.transform((v) => v?.toLowerCase() !== 'off').catch(true),
  /** Traces older than this are deleted by the scheduled job. */
  TRACE_RETENTION_DAYS: days(30),
  /** Hourly rollups (the metrics of long windows) live longer than traces: they hold no content. */
  ROLLUP_RETENTION_DAYS: days(400),
  /** OpenTelemetry: the standard exporter variables (OTLP/HTTP, JSON encoding). */
  OTEL_EXPORTER_OTLP_ENDPOINT: text,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: text,
  OTEL_EXPORTER_OTLP_HEADERS: text,
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: text,
  OTEL_SERVICE_NAME: text.transform((v) => v ?? 'triage'),
});

export interface TelemetryConfig {
  enabled: boolean;
  retentionDays: number;
  rollupRetentionDays: number;
  otlp?: { url: string; headers: Record<string, string>; serviceName: string };
}

const cache = new WeakMap<object, TelemetryConfig>();

/**
 * `OTEL_EXPORTER_OTLP_HEADERS`: `key=value` pairs separated by commas, values percent-encoded
 * (OpenTelemetry SDK environment variable specification).
 */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // not percent-encoded: use as is
    }
    if (key) out[key.toLowerCase()] = value;
  }
  return out;
}

/** The traces URL: a signal-specific endpoint is used as is; the base endpoint gets `/v1/traces`. */
export function otlpTracesUrl(base: string | undefined, traces: string | undefined): string | undefined {
  const url = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return url && URL.canParse(url) ? url : undefined;
}

export function telemetryConfig(env: object): TelemetryConfig {
  let config = cache.get(env);
  if (config) return config;
  const parsed = telemetrySchema.safeParse(env);
  const v = parsed.success ? parsed.data : telemetrySchema.parse({});
  if (!parsed.success) console.error(`[triage] telemetry settings ignored: ${parsed.error.issues[0]?.path.join('.')}`);
  const url = otlpTracesUrl(v.OTEL_EXPORTER_OTLP_ENDPOINT, v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if ((v.OTEL_EXPORTER_OTLP_ENDPOINT || v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && !url) console.error('[triage] OTEL_EXPORTER_OTLP_ENDPOINT is not a URL: export is off');
  config = {
    enabled: v.TRACES,
    retentionDays: v.TRACE_RETENTION_DAYS,
    rollupRetentionDays: Math.max(v.ROLLUP_RETENTION_DAYS, v.TRACE_RETENTION_DAYS),
    otlp: url
      ? { url, headers: { ...parseOtlpHeaders(v.OTEL_EXPORTER_OTLP_HEADERS), ...parseOtlpHeaders(v.OTEL_EXPORTER_OTLP_TRACES_HEADERS) }, serviceName: v.OTEL_SERVICE_NAME }
      : undefined,
  };
  cache.set(env, config);
  return config;
}
