import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, DENSE, DENSE_NAMES, featurize, sparseVector } from '../../../src/classifier/router/features';
import { subSource, type RoutingRow } from '../../../cli/router/data';

function dense(text: string, cfg = DEFAULT_FEATURES): Record<string, number> {
  const out = sparseVector();
  featurize(text, cfg, out);
  const d: Record<string, number> = Object.fromEntries(DENSE_NAMES.map((n) => [n, 0]));
  for (let k = 0; k < out.length; k++) if (out.index[k] < DENSE) d[DENSE_NAMES[out.index[k]]] = out.value[k];
  return d;
}

describe('router features', () => {
  it('reads multiple-choice structure, maths, code and question form', () => {
    const mc = dense('Which gas is most abundant in air?\nA. Oxygen\nB. Nitrogen\nC. Argon\nD. Carbon dioxide');
    expect(mc.options).toBeCloseTo(0.4, 6);
    expect(mc.has_options).toBe(1);
    expect(dense('Options out of order:\nB. one\nA. two').options).toBeCloseTo(0.1, 6);
    expect(dense('Find $x$ if $\\frac{x}{2} = 3$.').latex).toBeGreaterThan(0);
    expect(dense('def f(x):\n    return {x: 1};').code).toBeGreaterThan(0);
    expect(dense('Is it raining?  ').ends_question).toBe(1);
    expect(dense('who wrote hamlet').starts_lower).toBe(1);
    expect(dense('apple, pear, plum, fig, kiwi, lime').word_list).toBe(1);
  });

  it('is deterministic and bounded on long inputs', () => {
    const out = sparseVector();
    const huge = 'word '.repeat(400_000); // 2M characters
    featurize(huge, DEFAULT_FEATURES, out);
    const first = Array.from(out.index.subarray(0, out.length));
    // Only the head and tail windows are tokenized: ~6k characters ≈ 1.2k words, 2 features each.
    expect(out.length).toBeLessThan(4000);
    featurize(huge, DEFAULT_FEATURES, out);
    expect(Array.from(out.index.subarray(0, out.length))).toEqual(first);
    // Length features still see the whole text.
    expect(dense(huge).log_chars).toBeCloseTo(Math.log1p(huge.length) / 10, 6);
    expect(dense(huge).log_words).toBeGreaterThan(dense('word '.repeat(1200)).log_words);
  });

  it('keeps dense features only when hashing is off', () => {
    const out = sparseVector();
    featurize('Write a python function to add two numbers.', { ...DEFAULT_FEATURES, hashed: false }, out);
    expect(Array.from(out.index.subarray(0, out.length)).every((j) => j < DENSE)).toBe(true);
  });
});

describe('routing sub-sources', () => {
  const row = (text: string, source = 'LLMRouter'): RoutingRow => ({ text, weak: 'a', strong: 'b', q_weak: 0, q_strong: 1, source, license: 'MIT' });
  it('infers task families from the prompt form', () => {
    expect(subSource(row('Write a python function to reverse a list.'))).toBe('llmrouter/code');
    expect(subSource(row('dog, cat, run, jump, tree, sky, ball'))).toBe('llmrouter/puzzle');
    expect(subSource(row('Find $x$ such that $x^2 = 4$.'))).toBe('llmrouter/math');
    expect(subSource(row('Tom has 3 apples and buys 5 more each day. How many apples does he have after 4 days?'))).toBe('llmrouter/math');
    expect(subSource(row('who wrote the song yesterday'))).toBe('llmrouter/short-qa');
    expect(subSource(row('Solve $\\int x dx$\nA. 1\nB. 2', 'MMLU-Pro'))).toBe('mmlu-pro/latex');
    expect(subSource(row('Calculate the pH of 0.1 M HCl.\nA. 1\nB. 2', 'MMLU-Pro'))).toBe('mmlu-pro/numeric');
    expect(subSource(row('Define the term homeostasis.\nA. x\nB. y', 'MMLU-Pro'))).toBe('mmlu-pro/verbal');
    expect(subSource(row('anything', 'UserLabels'))).toBe('UserLabels');
  });
});
