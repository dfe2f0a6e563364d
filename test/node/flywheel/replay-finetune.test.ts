import { beforeAll, describe, expect, it } from 'vitest';
import { buildFineTuneSet, lineProblems } from '../../../cli/flywheel/finetune';
import { replayTrace } from '../../../cli/flywheel/replay';
import { summarize } from '../../../cli/flywheel/replay-report';
import { registerModelsFromDisk } from '../../../src/guards/embedded/node';
import { compilePolicy } from '../../../src/policy/compile';
import { parsePolicy } from '../../../src/policy/load';

const POLICY = `
providers:
  up: { type: openai, base_url: http://127.0.0.1:9/v1, api_key_env: UP_KEY, when_key_missing: demo }
models:
  tiers:
    small: { targets: [{ provider: up, model: mini }] }
    large: { targets: [{ provider: up, model: big }] }
  default_tier: small
  passthrough: false
  prices:
    mini: { input: 1, output: 2 }
    big: { input: 10, output: 20 }
classifiers:
  verdict: { provider: up, model: judge, timeout_ms: 1000 }
guards:
  input:
    - { guard: secrets, action: block, mode: enforce, on_error: closed, timeout_ms: 50, messages: [all] }
    - { guard: pii, action: redact, mode: enforce, on_error: closed, timeout_ms: 50, messages: [all] }
    - { guard: "remote:verdict", threshold: 0.5, action: flag, mode: enforce, on_error: open, timeout_ms: 1000 }
`;

const trace = (o: Record<string, unknown>) => ({
  id: 'r',
  created_at: '2026-01-01T00:00:00Z',
  endpoint: '/v1/chat/completions',
  model_requested: 'auto',
  model_used: 'mini',
  tier: 'small',
  decision: 'allow',
  status: 200,
  guards: [],
  usage: { prompt_tokens: 1000, completion_tokens: 500, cached_tokens: 0 },
  cost_usd: 0.002,
  saved_usd: 0.018,
  router_score: 0.1,
  input: 'hello',
  output: 'hi',
  ...o,
}) as any;

describe('replay', () => {
  let policy: ReturnType<typeof compilePolicy>;
  beforeAll(() => {
    registerModelsFromDisk('models');
    policy = compilePolicy({ ...parsePolicy(POLICY, 'test.yaml'), name: 'test' }, {});
  });

  it('a placeholder in redacted text is a detection; a secret in full text blocks, and saves the large input cost', async () => {
    const redacted = await replayTrace(policy, trace({ id: 'a', input: 'mail [EMAIL_1] the plan' }));
    expect(redacted.replayed).toMatchObject({ decision: 'redact', tier: 'small', model: 'mini', fired: ['input:pii:redact'] });
    expect(redacted.replayed.cost_usd).toBeCloseTo((1000 * 1 + 500 * 2) / 1e6, 9);

    const secret = await replayTrace(policy, trace({ id: 'b', input: `token ghp_${'a1B2c3D4e5'.repeat(3)}123456` }));
    expect(secret.replayed).toMatchObject({ decision: 'block', tier: null, cost_usd: 0, fired: ['input:secrets:block'] });
    expect(secret.replayed.saved_usd).toBeCloseTo((1000 * 10) / 1e6, 9);
  });

  it('remote guards reuse the recorded score; with none recorded they are unscored and do not fire', async () => {
    const flagged = await replayTrace(policy, trace({ id: 'c', guards: [{ name: 'remote:verdict', side: 'input', score: 0.9, action: 'flag', mode: 'enforce' }] }));
    expect(flagged.replayed.decision).toBe('flag');
    expect(flagged.scores).toEqual({ rescored: 2, recorded: 1, unscored: 0 });
    const unknown = await replayTrace(policy, trace({ id: 'd' }));
    expect(unknown.replayed.decision).toBe('allow');
    expect(unknown.scores.unscored).toBe(1);
    const s = summarize([flagged, unknown], { '/v1/embeddings requests': 2 });
    expect(s.decisions).toEqual({ recorded: { allow: 2 }, replayed: { flag: 1, allow: 1 } });
    expect(s.changes['allow → flag']).toMatchObject({ count: 1, examples: ['c'] });
  });

  it('a model the policy refuses is an error, not a crash', async () => {
    const r = await replayTrace(policy, trace({ id: 'e', model_requested: 'gpt-unknown' }));
    expect(r.replayed.decision).toBe('error');
    expect(r.replayed.error).toContain('gpt-unknown');
  });
});

describe('fine-tuning files', () => {
  it('keeps a text once, drops texts labelled two ways, splits each label deterministically', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ text: `benign ${i}`, label: 0, category: 'benign_lookalike' })),
      ...Array.from({ length: 4 }, (_, i) => ({ text: `attack ${i}`, label: 1, category: 'injection_indirect' })),
      { text: 'benign 0', label: 0, category: 'benign' },
      { text: 'both', label: 1, category: 'toxic' },
      { text: 'both', label: 0, category: 'benign' },
      { text: 'x', label: 1, category: 'pii' },
      { text: 'q', weak: 'a', strong: 'b', q_weak: 0, q_strong: 1 },
    ];
    const a = buildFineTuneSet(rows, { validation: 0.2 });
    const b = buildFineTuneSet([...rows].reverse(), { validation: 0.2 });
    expect(a.counts).toEqual({ benign: { train: 8, validation: 2 }, prompt_injection: { train: 3, validation: 1 } });
    expect(a.train).toEqual(b.train);
    expect(a.validation).toEqual(b.validation);
    expect(a.skipped).toEqual({
      'duplicate texts': 1,
      'texts labelled two different ways': 1,
      'rows without text or with a category the verdict has no label for': 1,
      'routing rows (the remote classifier is a guard)': 1,
    });
    for (const line of [...a.train, ...a.validation]) expect(lineProblems(line)).toEqual([]);
    const user = (l: (typeof a.train)[number]) => l.messages[1]!.content;
    expect(new Set([...a.train, ...a.validation].map(user)).size).toBe(14);
    expect(lineProblems({ messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'y' }, { role: 'assistant', content: '{"label":"spam","confidence":1}' }] })).toEqual([
      'the system turn is not the verdict prompt',
      expect.stringContaining('the assistant turn is not a verdict'),
    ]);
  });
});
