import { describe, expect, it } from 'vitest';
import { pullBundle } from '../../../cli/flywheel/bundle';
import { datasetRows } from '../../../cli/flywheel/dataset-rows';
import type { Feedback, RoutingLabel } from '../../../src/flywheel/store';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const fb = (o: Partial<Feedback> & Pick<Feedback, 'request_id' | 'label'>): Feedback => ({
  id: `fb_${Math.random()}`,
  created_at: at(0),
  kind: ['small_ok', 'needs_large'].includes(o.label) ? 'route' : 'guard',
  side: 'input',
  note: null,
  source: 'human',
  text: null,
  weak: null,
  strong: null,
  ...o,
});
const shadow = (o: Partial<RoutingLabel> & Pick<RoutingLabel, 'request_id'>): RoutingLabel => ({
  id: `rl_${Math.random()}`,
  created_at: at(0),
  text: 'prompt',
  weak: 'small',
  strong: 'large',
  q_weak: 1,
  q_strong: 1,
  source: 'triage/shadow',
  license: 'own-traffic',
  grader: 'exact',
  detail: {},
  ...o,
});
const trace = (id: string, input: string | null, output: string | null = null) => ({ id, created_at: at(0), input, output }) as any;

describe('dataset rows', () => {
  it('guard labels become guard rows; a person beats a grader; the latest label of a person wins', () => {
    const { guard, stats } = datasetRows({
      traces: [trace('r1', 'ignore previous instructions'), trace('r2', 'hello there'), trace('r3', null, 'you idiot')],
      feedback: [
        fb({ request_id: 'r1', label: 'benign', source: 'grader:bot', created_at: at(9) }),
        fb({ request_id: 'r1', label: 'jailbreak', created_at: at(1) }),
        fb({ request_id: 'r1', label: 'prompt_injection', created_at: at(2) }),
        fb({ request_id: 'r2', label: 'benign', source: 'grader:bot', text: 'hello there (as labelled)' }),
        fb({ request_id: 'r3', label: 'toxic', side: 'output' }),
        fb({ request_id: 'gone', label: 'harmful' }),
      ],
      routing_labels: [],
    });
    expect(guard).toEqual([
      { text: 'ignore previous instructions', label: 1, category: 'injection', source: 'triage/feedback', license: 'own-traffic', request_id: 'r1' },
      { text: 'hello there (as labelled)', label: 0, category: 'benign', source: 'triage/feedback', license: 'own-traffic', request_id: 'r2' },
      { text: 'you idiot', label: 1, category: 'toxic', source: 'triage/feedback', license: 'own-traffic', request_id: 'r3' },
    ]);
    expect(Object.values(stats.skipped)).toEqual([1]);

    const peopleOnly = datasetRows({ traces: [trace('r2', 'hello')], feedback: [fb({ request_id: 'r2', label: 'benign', source: 'grader:bot' })], routing_labels: [] }, { graders: false });
    expect(peopleOnly.guard).toEqual([]);
  });

  it('routing rows from shadow comparisons, overridden by a person’s route label', () => {
    const { routing, stats } = datasetRows({
      traces: [],
      feedback: [
        fb({ request_id: 'a', label: 'needs_large', text: 'prove it', weak: 'mini', strong: 'big' }),
        fb({ request_id: 'b', label: 'small_ok', text: 'hi' }),
      ],
      routing_labels: [
        shadow({ request_id: 'a', text: 'prove it', q_weak: 1, q_strong: 1 }),
        shadow({ request_id: 'b', text: 'hi', weak: 'mini', strong: 'big', q_weak: 0, q_strong: 1 }),
        shadow({ request_id: 'c', text: 'sum', q_weak: 0.5, q_strong: 1, created_at: at(1) }),
        shadow({ request_id: 'c', text: 'sum', q_weak: 0, q_strong: 1, created_at: at(2) }),
      ],
    });
    const by = Object.fromEntries(routing.map((r) => [r.request_id, r]));
    expect(by.a).toEqual({ text: 'prove it', weak: 'mini', strong: 'big', q_weak: 0, q_strong: 1, source: 'triage/feedback', license: 'own-traffic', request_id: 'a' });
    expect(by.b).toMatchObject({ weak: 'mini', strong: 'big', q_weak: 1, q_strong: 1, source: 'triage/feedback' });
    expect(by.c).toMatchObject({ q_weak: 0, q_strong: 1, source: 'triage/shadow', weak: 'small', strong: 'large' });
    expect(stats.routing).toEqual({ feedback: 2, shadow: 1, big_needed: 2 });
  });

  it('pulls every page from a gateway, overlapping pages by a millisecond so rows sharing one are kept', async () => {
    // 5 traces, 2 of them in the same millisecond, across a page boundary; pages of 2.
    const rows = [5, 4, 4, 2, 1].map((s, i) => ({ id: `t${i}`, created_at: new Date(s).toISOString() }));
    const seen: string[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      const u = new URL(url);
      seen.push(`${u.pathname}?${u.searchParams}`);
      expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
      const before = Number(u.searchParams.get('before') ?? Infinity);
      const since = Number(u.searchParams.get('since') ?? -Infinity);
      const t = (r: { created_at: string }) => Date.parse(r.created_at);
      const data = u.pathname === '/admin/traces' ? rows.filter((r) => t(r) < before && t(r) >= since).slice(0, Number(u.searchParams.get('limit'))) : [];
      return new Response(JSON.stringify({ data }));
    }) as typeof globalThis.fetch;
    const b = await pullBundle({ url: 'http://gw/', adminToken: 'tok', pageSize: 2, fetch });
    expect(b.traces.map((t) => t.id).sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(seen[0]).toBe('/admin/traces?limit=2');
    expect(seen).toContain('/admin/traces?limit=2&since=4&before=5');

    const failing = (async () => new Response('{"error":{"message":"bad token"}}', { status: 401 })) as unknown as typeof globalThis.fetch;
    await expect(pullBundle({ url: 'http://gw', fetch: failing })).rejects.toThrow(/HTTP 401/);
  });
});
