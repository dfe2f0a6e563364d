import { env } from 'cloudflare:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { RequestState } from '../../src/pipeline/state';
import { compilePolicy } from '../../src/policy/compile';
import { policySchema } from '../../src/policy/schema';
import { costOf, largeModel, priceOf } from '../../src/telemetry/cost';
import { notePrompt, usageOf } from '../../src/telemetry/usage';

/** The cost formula (README "Cost and savings") on the shipped price catalog, models/prices.json. */
function policy(extra: Record<string, unknown> = {}, tiers: Record<string, string> = { small: 'gpt-4.1-mini', large: 'gpt-4.1' }) {
  const spec = policySchema.parse({
    providers: { up: { type: 'openai', base_url: 'http://127.0.0.1:9/v1', when_key_missing: 'demo' } },
    models: {
      tiers: Object.fromEntries(Object.entries(tiers).map(([t, model]) => [t, { targets: [{ provider: 'up', model }] }])),
      default_tier: Object.keys(tiers)[0],
      passthrough: { provider: 'up' },
      ...((extra.models as object) ?? {}),
    },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'models')),
  });
  return compilePolicy(spec, env as unknown as Record<string, unknown>);
}

const usage = (prompt_tokens: number, completion_tokens: number, cached_tokens = 0) => ({ prompt_tokens, completion_tokens, cached_tokens });
const answered = { blocked: false, billed: true, estimated: false };

describe('cost and savings', () => {
  it('cost = uncached input × input + cached × cached_input + output × output, per 1M tokens', () => {
    const r = costOf({ policy: policy(), model: 'gpt-4.1-mini', usage: usage(1000, 500), ...answered });
    expect(r.cost_usd).toBeCloseTo((1000 * 0.4 + 500 * 1.6) / 1e6, 12);
    // Saved: the same usage on the large tier (gpt-4.1: $2 in, $8 out) minus what it cost.
    expect(r.saved_usd).toBeCloseTo((1000 * 2 + 500 * 8) / 1e6 - r.cost_usd, 12);
    expect(r).toMatchObject({ baseline_model: 'gpt-4.1', flags: [] });

    const cached = costOf({ policy: policy(), model: 'gpt-4.1-mini', usage: usage(1000, 500, 400), ...answered });
    expect(cached.cost_usd).toBeCloseTo((600 * 0.4 + 400 * 0.1 + 500 * 1.6) / 1e6, 12);
  });

  it('a blocked request costs nothing and saves the large tier\'s input cost', () => {
    const r = costOf({ policy: policy(), model: null, usage: usage(1200, 0), blocked: true, billed: false, estimated: true });
    expect(r.cost_usd).toBe(0);
    expect(r.saved_usd).toBeCloseTo((1200 * 2) / 1e6, 12);
    expect(r.flags).toEqual(['estimated_usage']);
  });

  it('a failed request that produced nothing costs and saves nothing', () => {
    expect(costOf({ policy: policy(), model: 'gpt-4.1-mini', usage: usage(300, 0), blocked: false, billed: false, estimated: true })).toMatchObject({ cost_usd: 0, saved_usd: 0 });
  });

  it('the large tier is the one routing sends hard requests to, else the tier named large', () => {
    const routed = policy({ routing: { enabled: true, threshold: 0.5, below: 'cheap', above: 'smart', on_error: 'below' } }, { cheap: 'gpt-5-nano', smart: 'o3' });
    expect(largeModel(routed)).toBe('o3');
    expect(largeModel(policy())).toBe('gpt-4.1');
    const none = policy({}, { only: 'gpt-4o-mini' });
    expect(largeModel(none)).toBeNull();
    expect(costOf({ policy: none, model: 'gpt-4o-mini', usage: usage(100, 100), ...answered })).toMatchObject({ saved_usd: 0, flags: ['no_large_tier'] });
  });

  it('an unknown model costs 0 and says so, never throws', () => {
    const r = costOf({ policy: policy(), model: 'my-finetune-v3', usage: usage(1000, 1000), ...answered });
    expect(r).toMatchObject({ cost_usd: 0, saved_usd: 0, flags: ['unknown_price'] });
    expect(costOf({ policy: undefined, model: null, usage: usage(0, 0), ...answered }).flags).toEqual(['no_large_tier', 'unknown_price']);
  });

  it('the policy\'s models.prices overrides the catalog; snapshots and provider prefixes resolve', () => {
    const custom = policy({ models: { prices: { 'gpt-4.1-mini': { input: 1, output: 2 }, 'my-finetune-v3': { input: 3, output: 6, cached_input: 1 } } } });
    expect(costOf({ policy: custom, model: 'gpt-4.1-mini', usage: usage(1e6, 1e6), ...answered }).cost_usd).toBeCloseTo(3, 9);
    expect(costOf({ policy: custom, model: 'my-finetune-v3', usage: usage(1e6, 0, 5e5), ...answered }).cost_usd).toBeCloseTo(2, 9);
    expect(priceOf('gpt-4.1-mini-2025-04-14')).toMatchObject({ input: 0.4, output: 1.6 });
    expect(priceOf('openai/gpt-4o')).toMatchObject({ input: 2.5, output: 10 });
    expect(priceOf('toString')).toBeUndefined();
  });

  it('every catalog entry has input, output, a source and a date', async () => {
    const catalog = (await import('../../models/prices.json')).default.models as Record<string, Record<string, unknown>>;
    for (const m of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-4o-mini', 'o4-mini']) expect(catalog[m], m).toBeDefined();
    for (const [name, p] of Object.entries(catalog)) {
      expect(p.input, name).toEqual(expect.any(Number));
      expect(p.output, name).toEqual(expect.any(Number));
      expect(p.source, name).toMatch(/^https:\/\//);
      expect(p.date, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('usage when the upstream reports none', () => {
  it('counts the prompt and the completion with the o200k tokenizer, marked estimated', async () => {
    const state = new RequestState();
    const hindi = 'टीम ने तिमाही योजना की समीक्षा की';
    notePrompt(state, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: hindi }] }] });
    state.completionText = 'Okay: the team reviewed the plan.';
    const u = await usageOf(state);
    const expected = 3 + (3 + countTokens('system') + countTokens('Be brief.')) + (3 + countTokens('user') + countTokens(hindi));
    expect(u).toEqual({ prompt_tokens: expected, completion_tokens: countTokens(state.completionText), cached_tokens: 0, source: 'estimated' });
    // Not the 4-characters-per-token rule of thumb, which is far off outside English.
    expect(countTokens(hindi)).not.toBe(Math.ceil(hindi.length / 4));
  });

  it('the upstream\'s usage wins; text that looks like special tokens is counted as text', async () => {
    const reported = new RequestState();
    reported.usage = { prompt_tokens: 7, completion_tokens: 9, source: 'upstream' };
    expect(await usageOf(reported)).toEqual({ prompt_tokens: 7, completion_tokens: 9, cached_tokens: 0, source: 'upstream' });

    const special = new RequestState();
    notePrompt(special, { messages: [{ role: 'user', content: 'say <|endoftext|> please' }] });
    expect((await usageOf(special)).prompt_tokens).toBeGreaterThan(0);

    expect(await usageOf(new RequestState())).toEqual({ prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, source: null });
  });
});
