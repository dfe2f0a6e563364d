/**
 * Spend per key for the admin list and the dashboard, from the traces (one query for every key,
 * env keys included). Enforcement never reads this: the key's Durable Object holds the exact
 * figure (GET /admin/keys/:id shows it); the two agree unless a trace failed to be written.
 */
export interface KeySpend {
  day_usd: number;
  month_usd: number;
  requests_today: number;
}

const DAY = 86_400_000;

export function periodStarts(now = Date.now()): { day: number; month: number } {
  const d = new Date(now);
  return { day: Math.floor(now / DAY) * DAY, month: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) };
}

export async function spendByKey(db: D1Database, now = Date.now()): Promise<Map<string, KeySpend>> {
  const { day, month } = periodStarts(now);
  const { results } = await db
    .prepare(
      `SELECT key_id, SUM(cost_usd) AS month_usd, SUM(CASE WHEN created_at >= ?1 THEN cost_usd ELSE 0 END) AS day_usd,
              SUM(CASE WHEN created_at >= ?1 THEN 1 ELSE 0 END) AS requests_today
         FROM traces WHERE created_at >= ?2 AND key_id IS NOT NULL GROUP BY key_id`,
    )
    .bind(day, month)
    .all<{ key_id: string; month_usd: number; day_usd: number; requests_today: number }>();
  const round = (n: number) => Math.round((n ?? 0) * 1e9) / 1e9;
  return new Map(results.map((r) => [r.key_id, { day_usd: round(r.day_usd), month_usd: round(r.month_usd), requests_today: r.requests_today ?? 0 }]));
}
