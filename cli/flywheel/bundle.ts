// Recorded traffic as the flywheel's commands read it: traces (GET /admin/traces), labels
// (GET /admin/feedback) and shadow comparisons (GET /admin/routing-labels). A TRACES.json file is
// what /admin/traces returns ({"data":[trace…]}); it may also carry "feedback" and
// "routing_labels" arrays, which is what `npm run dataset -- --from URL --save FILE` writes.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Feedback, RoutingLabel } from '../../src/flywheel/store';
import type { Trace } from '../../src/telemetry/trace';

export interface Bundle {
  traces: Trace[];
  feedback: Feedback[];
  routing_labels: RoutingLabel[];
}

const list = <T>(v: unknown, what: string, file: string): T[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${file}: "${what}" is not an array`);
  return v as T[];
};

/** A TRACES.json file: `{"data":[…]}` (optionally with feedback and routing_labels), or a bare array of traces. */
export function readBundle(file: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`);
  }
  if (Array.isArray(json)) return { traces: json as Trace[], feedback: [], routing_labels: [] };
  if (!json || typeof json !== 'object') throw new Error(`${file}: expected {"data":[trace…]} as GET /admin/traces returns`);
  const o = json as Record<string, unknown>;
  return { traces: list<Trace>(o.data, 'data', file), feedback: list(o.feedback, 'feedback', file), routing_labels: list(o.routing_labels, 'routing_labels', file) };
}

/** Extra label files (`--feedback F`, `--routing-labels F`): what those endpoints return, {"data":[…]}. */
export function readData<T>(file: string): T[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(json) ? (json as T[]) : list<T>((json as Record<string, unknown>)?.data, 'data', file);
}

export function writeBundle(file: string, b: Bundle) {
  writeFileSync(file, `${JSON.stringify({ data: b.traces, feedback: b.feedback, routing_labels: b.routing_labels })}\n`);
}

export interface PullOptions {
  url: string;
  adminToken?: string;
  /** Only rows created at or after this (epoch ms). */
  since?: number;
  pageSize?: number;
  /** Stop after this many rows per endpoint (a safety net for huge databases). */
  max?: number;
  fetch?: typeof fetch;
}

/**
 * Every row of one admin endpoint, newest first, paging back with `before` (exclusive). The rows
 * sharing a page's oldest millisecond are fetched on their own (since=t, before=t+1) before
 * paging on, so a page boundary never drops rows written in the same millisecond.
 */
export async function pullAll<T extends { id: string; created_at: string }>(path: string, o: PullOptions): Promise<T[]> {
  const out = new Map<string, T>();
  const limit = o.pageSize ?? 1000;
  const get = async (q: Record<string, number | undefined>): Promise<T[]> => {
    const params = new URLSearchParams({ limit: String(limit) });
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
    const res = await (o.fetch ?? fetch)(`${o.url.replace(/\/+$/, '')}${path}?${params}`, { headers: o.adminToken ? { authorization: `Bearer ${o.adminToken}` } : {} });
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      throw new Error(`GET ${path}: HTTP ${res.status} ${body.slice(0, 300)}`);
    }
    const { data } = (await res.json()) as { data: T[] };
    for (const row of data) out.set(row.id, row);
    return data;
  };
  let before: number | undefined;
  for (;;) {
    const page = await get({ since: o.since, before });
    if (page.length < limit || out.size >= (o.max ?? Infinity)) break;
    const oldest = Math.min(...page.map((r) => Date.parse(r.created_at)));
    await get({ since: oldest, before: oldest + 1 });
    before = oldest;
  }
  return [...out.values()];
}

/** Traces, labels and shadow comparisons from a running gateway. */
export async function pullBundle(o: PullOptions): Promise<Bundle> {
  const [traces, feedback, routing_labels] = await Promise.all([
    pullAll<Trace>('/admin/traces', o),
    pullAll<Feedback>('/admin/feedback', o),
    pullAll<RoutingLabel>('/admin/routing-labels', o),
  ]);
  return { traces, feedback, routing_labels };
}
