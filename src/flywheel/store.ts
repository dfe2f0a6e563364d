import type { FeedbackKind } from './labels';

/**
 * D1 storage of the flywheel (migrations/0004_flywheel.sql): labels attached to traces and the
 * routing rows of shadow comparisons. The JSON shapes are those of GET /admin/feedback and
 * GET /admin/routing-labels, which `npm run dataset` reads.
 */
export interface Feedback {
  id: string;
  request_id: string;
  created_at: string;
  kind: FeedbackKind;
  label: string;
  /** Guard labels: about the request's input (its last user message) or the answer. */
  side: 'input' | 'output';
  note: string | null;
  /** `human`, or `grader:<name>`. */
  source: string;
  /** The labelled text as the trace captured it (redacted by default); null when the policy kept none. */
  text: string | null;
  /** Route labels: the small and large models of the trace's policy. */
  weak: string | null;
  strong: string | null;
}

export interface RoutingLabel {
  id: string;
  request_id: string;
  created_at: string;
  text: string;
  weak: string;
  strong: string;
  q_weak: number;
  q_strong: number;
  source: string;
  license: string;
  grader: string;
  detail: Record<string, unknown>;
}

export interface Page {
  limit: number;
  since?: number;
  before?: number;
  request_id?: string;
}

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
const iso = (t: number) => new Date(t).toISOString();

export async function insertFeedback(db: D1Database, f: Omit<Feedback, 'id' | 'created_at'>, now = Date.now()): Promise<Feedback> {
  const row: Feedback = { id: newId('fb'), created_at: iso(now), ...f };
  await db
    .prepare('INSERT INTO feedback (id, request_id, created_at, kind, label, side, note, source, text, weak, strong) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(row.id, row.request_id, now, row.kind, row.label, row.side, row.note, row.source, row.text, row.weak, row.strong)
    .run();
  return row;
}

export type NewRoutingLabel = Omit<RoutingLabel, 'id' | 'created_at'>;

export function insertRoutingLabels(db: D1Database, rows: readonly NewRoutingLabel[], now = Date.now()): Promise<unknown> {
  const stmt = db.prepare('INSERT INTO routing_labels (id, request_id, created_at, text, weak, strong, q_weak, q_strong, source, license, grader, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return db.batch(rows.map((r) => stmt.bind(newId('rl'), r.request_id, now, r.text, r.weak, r.strong, r.q_weak, r.q_strong, r.source, r.license, r.grader, JSON.stringify(r.detail))));
}

/** Newest first; `before` pages back (the created_at of the last row seen, in epoch ms). */
async function page<T>(db: D1Database, table: 'feedback' | 'routing_labels', p: Page, map: (r: Record<string, any>) => T): Promise<T[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (p.since !== undefined) (where.push('created_at >= ?'), args.push(p.since));
  if (p.before !== undefined) (where.push('created_at < ?'), args.push(p.before));
  if (p.request_id !== undefined) (where.push('request_id = ?'), args.push(p.request_id));
  const sql = `SELECT * FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...args, p.limit).all<Record<string, any>>();
  return results.map(map);
}

export const listFeedback = (db: D1Database, p: Page) =>
  page<Feedback>(db, 'feedback', p, (r) => ({ ...(r as Feedback), created_at: iso(r.created_at) }));

export const listRoutingLabels = (db: D1Database, p: Page) =>
  page<RoutingLabel>(db, 'routing_labels', p, (r) => {
    let detail: Record<string, unknown> = {};
    try {
      detail = JSON.parse(r.detail);
    } catch {
      // a row written by hand: no detail
    }
    return { ...(r as RoutingLabel), created_at: iso(r.created_at), detail };
  });
