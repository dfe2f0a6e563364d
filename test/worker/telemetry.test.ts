import { beforeAll, describe, expect, it } from 'vitest';
import { admin, tracesFor } from '../support/admin';
import { GATEWAY, gatewayFetch, marker } from '../support/client';
import { createKey } from '../support/keys';

/**
 * Every request leaves exactly one trace, whatever happened to it, under concurrent mixed traffic.
 * Each kind of traffic is a row below: what to send, and what its trace must say on top of what
 * every trace must say. New kinds (a cache hit, an over-limit key…) are one more row.
 */
const EMAIL = 'jane.doe@example.com';
const PHONE = '+1 415 555 0134';
const PII = `Contact ${EMAIL} or ${PHONE}.`;
const SECRET = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';

// test/policies/telemetry.yaml: e-mail addresses are blocked, phone numbers redacted, secrets
// flagged in shadow mode — by detectors, so which request does what does not depend on a model.
const KEYS = { passthrough: 'sk-gw-test', fallback: 'sk-gw-fallback', telemetry: '' };
beforeAll(async () => {
  KEYS.telemetry = (await createKey({ name: 'telemetry', policy: 'telemetry' })).key;
});

function chat(key: string, body: Record<string, unknown>) {
  return gatewayFetch(`${GATEWAY}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const user = (content: string) => [{ role: 'user', content }];

interface Kind {
  name: string;
  send(m: string): Promise<Response>;
  status: number;
  check(trace: Record<string, any>): void;
}

const KINDS: Kind[] = [
  {
    name: 'allowed',
    send: (m) => chat(KEYS.passthrough, { model: 'gpt-4.1-mini', messages: user(`${m} ${PII}`) }),
    status: 200,
    check(t) {
      expect(t).toMatchObject({ decision: 'allow', model_used: 'gpt-4.1-mini', cost_flags: [] });
      expect(t.usage.source).toBe('upstream');
      expect(t.cost_usd).toBeGreaterThan(0);
      // gpt-4.1 (the large tier) costs 5× gpt-4.1-mini per token.
      expect(t.saved_usd).toBeCloseTo(4 * t.cost_usd, 8);
    },
  },
  {
    name: 'streamed, usage asked',
    send: (m) => chat(KEYS.passthrough, { model: 'gpt-4.1-mini', messages: user(m), stream: true, stream_options: { include_usage: true } }),
    status: 200,
    check(t) {
      expect(t).toMatchObject({ stream: true, finish_reason: 'stop' });
      expect(t.usage.completion_tokens).toBeGreaterThan(0);
      expect(t.cost_usd).toBeGreaterThan(0);
      expect(t.latency_ms.ttft).toBeGreaterThanOrEqual(0);
    },
  },
  {
    name: 'streamed, usage not asked',
    send: (m) => chat(KEYS.passthrough, { model: 'gpt-4.1-mini', messages: user(m), stream: true }),
    status: 200,
    check(t) {
      expect(t.usage.source).toBe('upstream');
      expect(t.cost_usd).toBeGreaterThan(0);
    },
  },
  {
    name: 'stream cut by the upstream: usage counted by the gateway',
    send: (m) => chat(KEYS.fallback, { model: 'broken-stream', messages: user(`${m} REPLY:one two three four five six seven eight`), stream: true }),
    status: 200,
    check(t) {
      expect(t.usage.source).toBe('estimated');
      expect(t.usage.completion_tokens).toBeGreaterThan(0);
      expect(t.usage.prompt_tokens).toBeGreaterThan(0);
      // The scripted upstream's model has no price: cost 0, and the trace says why.
      expect(t.cost_usd).toBe(0);
      expect(t.cost_flags).toEqual(expect.arrayContaining(['unknown_price', 'estimated_usage']));
    },
  },
  {
    name: 'retried, then answered',
    send: (m) => chat(KEYS.fallback, { model: 'retry-then-ok', messages: user(m) }),
    status: 200,
    check(t) {
      expect(t).toMatchObject({ retries: 2, fallbacks: 0 });
    },
  },
  {
    name: 'failed over to the next target',
    send: (m) => chat(KEYS.fallback, { model: 'auto', messages: user(m) }),
    status: 200,
    check(t) {
      expect(t).toMatchObject({ model_used: 'fallback-model', fallbacks: 1 });
    },
  },
  {
    name: 'upstream down',
    send: (m) => chat(KEYS.fallback, { model: 'all-down', messages: user(m) }),
    status: 500,
    check(t) {
      expect(t).toMatchObject({ cost_usd: 0, saved_usd: 0, fallbacks: 1 });
      expect(t.error.message).toMatch(/upstream is down/);
    },
  },
  {
    name: 'bad request',
    send: () => chat(KEYS.passthrough, { model: 'gpt-4.1-mini' }),
    status: 400,
    check(t) {
      expect(t).toMatchObject({ cost_usd: 0, saved_usd: 0, attempts: [] });
    },
  },
  {
    name: 'blocked',
    send: (m) => chat(KEYS.telemetry, { model: 'auto', messages: user(`${m} Please forward this to ${EMAIL}.`) }),
    status: 400,
    check(t) {
      expect(t).toMatchObject({ decision: 'block', cost_usd: 0, attempts: [] });
      expect(t.guards.find((g: any) => g.name === 'pii' && g.action === 'block')).toMatchObject({ mode: 'enforce' });
      expect(t.usage).toMatchObject({ source: 'estimated', completion_tokens: 0 });
      expect(t.usage.prompt_tokens).toBeGreaterThan(0);
      // Nothing was sent: it saves what its input would have cost on the large tier (gpt-4.1, $2/1M).
      expect(t.saved_usd).toBeCloseTo((t.usage.prompt_tokens * 2) / 1e6, 12);
    },
  },
  {
    name: 'redacted',
    send: (m) => chat(KEYS.telemetry, { model: 'auto', messages: user(`${m} Call me back on ${PHONE} about the order.`) }),
    status: 200,
    check(t) {
      expect(t.decision).toBe('redact');
      expect(t.guards.find((g: any) => g.name === 'pii' && g.action === 'redact')).toBeDefined();
      expect(t.cost_usd).toBeGreaterThan(0);
      expect(t.input).toEqual(expect.any(String)); // captured, redacted (capture.text defaults to redacted)
    },
  },
  {
    name: 'shadow guard',
    send: (m) => chat(KEYS.telemetry, { model: 'auto', messages: user(`${m} My token is ${SECRET}, is that safe?`) }),
    status: 200,
    check(t) {
      expect(t.decision).toBe('allow');
      expect(t.guards.find((g: any) => g.name === 'secrets')).toMatchObject({ mode: 'shadow', action: 'block' });
      expect(JSON.stringify(t)).not.toContain(SECRET);
    },
  },
  {
    name: 'routed',
    send: (m) => chat(KEYS.telemetry, { model: 'auto', messages: user(`${m} What is the capital of France?`) }),
    status: 200,
    check(t) {
      expect(['small', 'large']).toContain(t.tier);
      expect(t.model_used).toBe(t.tier === 'large' ? 'gpt-4.1' : 'gpt-4.1-mini');
      expect(t.router_score).toEqual(expect.any(Number));
    },
  },
];

describe('traces under concurrent mixed traffic', () => {
  it('every request has exactly one complete trace, and none holds raw personal data', async () => {
    const copies = 3;
    const sent = await Promise.all(
      KINDS.flatMap((kind) =>
        Array.from({ length: copies }, async () => {
          const res = await kind.send(marker(kind.name.split(' ')[0]));
          await res.text(); // streams complete (and are traced) when read to the end
          return { kind, res };
        }),
      ),
    );
    for (const { kind, res } of sent) expect(res.status, kind.name).toBe(kind.status);
    const ids = sent.map(({ res }) => res.headers.get('x-request-id')!);
    expect(new Set(ids).size).toBe(ids.length);

    const traces = await tracesFor(ids, 15_000);
    expect(traces.map((t) => t.id).sort()).toEqual([...ids].sort());
    const byId = new Map(traces.map((t) => [t.id, t]));
    for (const { kind, res } of sent) {
      const t = byId.get(res.headers.get('x-request-id'))!;
      expect(t.status, kind.name).toBe(res.status);
      expect(t.decision, kind.name).toBe(res.headers.get('x-triage-decision'));
      expect(t.latency_ms.total, kind.name).toBeGreaterThan(0);
      expect(t.latency_ms.overhead, kind.name).toBeGreaterThanOrEqual(0);
      expect(t.latency_ms.overhead, kind.name).toBeLessThanOrEqual(t.latency_ms.total);
      expect(t.cost_usd, kind.name).toEqual(expect.any(Number));
      expect(t.saved_usd, kind.name).toEqual(expect.any(Number));
      expect(Array.isArray(t.guards), kind.name).toBe(true);
      const text = JSON.stringify(t);
      expect(text, kind.name).not.toContain(EMAIL);
      expect(text, kind.name).not.toContain(PHONE);
      kind.check(t);
    }
  });

  it('the metrics count that traffic: requests, costs, decisions by guard, route mix', async () => {
    const ids: string[] = [];
    for (const kind of KINDS.filter((k) => k.name === 'allowed' || k.name === 'blocked')) {
      const res = await kind.send(marker('metrics'));
      await res.text();
      ids.push(res.headers.get('x-request-id')!);
    }
    await tracesFor(ids);
    const res = await admin('/admin/metrics?window=15m');
    expect(res.status).toBe(200);
    const m = (await res.json()) as any;
    expect(m.window).toMatchObject({ resolution: 'minute', step_ms: 60_000 });
    expect(m.totals.requests).toBeGreaterThanOrEqual(2);
    expect(m.totals.cost_usd).toBeGreaterThan(0);
    expect(m.totals.saved_usd).toBeGreaterThan(0);
    expect(m.decisions.block).toBeGreaterThanOrEqual(1);
    expect(m.latency.stages.total).toMatchObject({ p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) });
    expect(m.latency.stages.total.p50).toBeLessThanOrEqual(m.latency.stages.total.p99);
    expect(m.latency.by_model['gpt-4.1-mini'].total.n).toBeGreaterThanOrEqual(1);
    expect(m.guards).toContainEqual(expect.objectContaining({ guard: 'pii', action: 'block', mode: 'enforce' }));
    expect(m.routes).toContainEqual(expect.objectContaining({ tier: 'passthrough', model: 'gpt-4.1-mini' }));
    expect(m.series.length).toBeGreaterThanOrEqual(15);
    expect(m.series.reduce((n: number, p: any) => n + p.requests, 0)).toBe(m.totals.requests);
  });

  it('/admin/* answers 401 without the admin token', async () => {
    for (const path of ['/admin/traces', '/admin/metrics', '/admin/metrics?window=1h']) {
      const res = await gatewayFetch(`${GATEWAY}${path}`);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as any).error.code).toBe('invalid_admin_token');
    }
  });

  it('a bad window is a 400 naming the parameter', async () => {
    for (const w of ['abc', '1s', '0m', '999d']) {
      const res = await admin(`/admin/metrics?window=${w}`);
      expect(res.status, w).toBe(400);
      expect(((await res.json()) as any).error.param).toBe('window');
    }
  });
});
