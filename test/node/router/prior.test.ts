import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRouter, loadRouter } from '../../../src/classifier/router/index';
import { DEFAULT_FEATURES, DENSE_NAMES, featurize, sparseVector } from '../../../src/classifier/router/features';
import { LOWER_START_PENALTY, mathsMarkup, priorFeatures } from '../../../src/classifier/router/prior';
import { fitRidge } from '../../../cli/router/fit';
import { trainRouter } from '../../../cli/router/train';

const markup = (t: string) => mathsMarkup(t, t.length, t.length);

function denseOf(text: string): Record<string, number> {
  const out = sparseVector();
  featurize(text, { ...DEFAULT_FEATURES, hashed: false }, out);
  const d: Record<string, number> = Object.fromEntries(DENSE_NAMES.map((n) => [n, 0]));
  for (let k = 0; k < out.length; k++) if (out.index[k] < DENSE_NAMES.length) d[DENSE_NAMES[out.index[k]]] = out.value[k];
  return d;
}

function jsonl(rows: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'router-prior-')), 'rows.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

describe('the complexity prior', () => {
  it('counts TeX maths markup ("$"), not backslashes, in the scanned windows only', () => {
    expect(markup('Find $x$ if $\\frac{x}{2} = 3$.')).toBe(4);
    expect(markup('print("a\\nb\\tc")')).toBe(0);
    expect(markup('no maths here')).toBe(0);
  });

  it('is log length + log markup, a third as long for a lower-case start', () => {
    const upper = 'Compute $x$.', lower = 'compute $x$.';
    expect(priorFeatures(upper, DEFAULT_FEATURES).prior).toBeCloseTo(Math.log1p(upper.length) + Math.log1p(2), 12);
    expect(priorFeatures(upper, DEFAULT_FEATURES).prior - priorFeatures(lower, DEFAULT_FEATURES).prior).toBeCloseTo(LOWER_START_PENALTY, 12);
    expect(priorFeatures('   leading spaces', DEFAULT_FEATURES).prior).toBeLessThan(priorFeatures('   Leading spaces', DEFAULT_FEATURES).prior);
  });

  it('gives the same values through featurize and the tokenizer-free path, long inputs included', () => {
    const long = 'Intro. '.repeat(2000) + '$\\alpha$ '.repeat(50) + 'middle '.repeat(3000) + 'Tail $y$ \\int';
    for (const text of ['', 'x', 'Find $x$ if $\\frac{x}{2} = 3$.', 'who wrote hamlet', long, '$'.repeat(9000)]) {
      const d = denseOf(text), f = priorFeatures(text, DEFAULT_FEATURES);
      expect(Math.fround(f.prior)).toBe(d.prior);
      expect(Math.fround(f.core)).toBe(d.prior_core);
      expect(Math.fround(f.markup)).toBe(d.maths_markup);
      expect(Math.fround(f.logChars)).toBe(d.log_chars);
    }
    // Only the windows are scanned: markup in the skipped middle does not count.
    const hidden = 'A'.repeat(5000) + '$'.repeat(100) + 'B'.repeat(5000);
    expect(denseOf(hidden).maths_markup).toBe(0);
  });
});

describe('ridge solver', () => {
  it('recovers the coefficients of a noiseless linear target, in raw feature units', () => {
    // y = 0.5 + 2·x0 − 3·x1 on features 0 and 1; feature 2 is present but not a column.
    const examples = Array.from({ length: 50 }, (_, i) => {
      const x0 = (i % 7) / 3, x1 = ((i * 5) % 11) / 4;
      return { index: Int32Array.from([0, 1, 2]), value: Float32Array.from([x0, x1, 1]), y: 0.5 + 2 * Math.fround(x0) - 3 * Math.fround(x1), weight: 1 + (i % 3) };
    });
    const w = fitRidge(examples, 4, [0, 1], 2, 1e-9);
    expect(w[0]).toBeCloseTo(2, 6);
    expect(w[1]).toBeCloseTo(-3, 6);
    expect(w[2]).toBeCloseTo(0.5, 6); // the intercept lands on the bias feature
    expect(w[3]).toBe(0);
  });
});

describe('prior recipe', () => {
  it('keeps the order of the margin when P(need) and the gain disagree', async () => {
    // Long prompts: the big model is needed 30% of the time and never loses (gain +0.3).
    // Short ones: needed 50% of the time but the small model wins 40% (gain +0.1).
    // Ranked by gain, long prompts go first; an unconstrained calibration to P(need) reverses that.
    const rows: object[] = [];
    for (let i = 0; i < 100; i++) {
      const long = i % 2 === 0, k = Math.floor(i / 2) % 10;
      const text = long ? `Question ${i}: ${'with a lot of detail, '.repeat(10)}what follows?` : `Q${i}?`;
      const [q_weak, q_strong] = long ? (k < 3 ? [0, 1] : [1, 1]) : k < 5 ? [0, 1] : k < 9 ? [1, 0] : [1, 1];
      rows.push({ text, weak: 's', strong: 'b', q_weak, q_strong, source: 'Tiny', license: 'MIT' });
    }
    const { bytes } = await trainRouter({ data: jsonl(rows), out: mkdtempSync(join(tmpdir(), 'rp-')), recipe: 'prior' });
    const router = loadRouter(bytes);
    const long = `Question 1: ${'with a lot of detail, '.repeat(10)}what follows?`;
    expect(router.margin(long)).toBeGreaterThan(router.margin('Q1?'));
    expect(router.score(long)).toBeGreaterThan(router.score('Q1?'));
    expect(decodeRouter(bytes).header.calibration.a).toBeGreaterThan(0);
  });

  it('learns the prior’s sign from the labels: inverted outcomes give the inverted router', async () => {
    const rows: object[] = [];
    for (let i = 0; i < 60; i++) {
      const hard = i % 2 === 0;
      const text = hard ? `Prove that $\\sum_{k=1}^{${i}} k^2$ ${'has a closed form, '.repeat(6)}and derive it.` : `Name ${i}?`;
      rows.push({ text, weak: 's', strong: 'b', q_weak: hard ? 0 : 1, q_strong: 1, source: 'Tiny', license: 'MIT' });
    }
    const right = loadRouter((await trainRouter({ data: jsonl(rows), out: mkdtempSync(join(tmpdir(), 'rr-')), recipe: 'prior' })).bytes);
    const swapped = rows.map((r: any) => ({ ...r, q_weak: r.q_strong, q_strong: r.q_weak }));
    const wrong = loadRouter((await trainRouter({ data: jsonl(swapped), out: mkdtempSync(join(tmpdir(), 'rw-')), recipe: 'prior' })).bytes);
    const hard = 'Prove that $\\int_0^1 x^2 dx = 1/3$ and explain each step.', easy = 'Name a colour?';
    expect(right.score(hard)).toBeGreaterThan(right.score(easy));
    expect(wrong.margin(hard)).toBeLessThan(wrong.margin(easy));
  });
});
