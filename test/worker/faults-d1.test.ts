import { createExecutionContext, env, listDurableObjectIds, runDurableObjectAlarm, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { GATEWAY, marker } from '../support/client';

// D1 unavailable while traces are written: the client's answer never depends on it, and the trace
// is not lost — retried with backoff inside waitUntil, then kept in the trace spool (a Durable
// Object with its own storage) and written when D1 answers again.

/** The real D1, except that its writes fail: the first `failures` of them, or all with Infinity. */
function unavailableD1(db: D1Database, failures: number) {
  let left = failures;
  const fail = () => {
    if (left-- > 0) throw new Error('D1_ERROR: Network connection lost.');
  };
  const flaky = {
    attempts: 0,
    prepare: (query: string) => db.prepare(query),
    batch: async (statements: D1PreparedStatement[]) => {
      flaky.attempts++;
      fail();
      return db.batch(statements);
    },
    exec: async (query: string) => {
      fail();
      return db.exec(query);
    },
    withSession: () => flaky,
    dump: () => db.dump(),
  };
  return flaky;
}

/** One chat request through the Worker with this D1; resolves once its waitUntil work is done. */
async function requestWith(db: object, content: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${GATEWAY}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-gw-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }] }),
    }),
    { ...env, DB: db } as never,
    ctx,
  );
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, body };
}

const traceRow = (id: string) => env.DB.prepare('SELECT id, status FROM traces WHERE id = ?').bind(id).first<{ id: string; status: number }>();

describe('D1 unavailable during trace writes', () => {
  it('a short outage: the answer is unaffected and the trace is written when D1 answers again', async () => {
    const db = unavailableD1(env.DB, 3);
    const { res, body } = await requestWith(db, `short outage ${marker('d1')}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(body).choices[0].message.content).toMatch(/^Echo: short outage/);
    const id = res.headers.get('x-request-id')!;
    expect(await traceRow(id)).toEqual({ id, status: 200 });
    expect(db.attempts).toBe(4);
  });

  it('a long outage: the trace waits in the spool and reaches D1 once it is back', async () => {
    const db = unavailableD1(env.DB, Infinity);
    const { res } = await requestWith(db, `long outage ${marker('d1')}`);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;
    expect(await traceRow(id)).toBeNull();

    // The spool holds it; its retry (an alarm) writes with the spool's own D1 binding, healthy here.
    const ids = await listDurableObjectIds(env.TRACE_SPOOL);
    expect(ids.length).toBeGreaterThan(0);
    const spool = env.TRACE_SPOOL.get(ids[0]!);
    expect(await spool.pending()).toBeGreaterThan(0);
    expect(await runDurableObjectAlarm(spool)).toBe(true);
    expect(await traceRow(id)).toEqual({ id, status: 200 });
    expect(await spool.pending()).toBe(0);
  });
});
