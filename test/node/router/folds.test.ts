import { describe, expect, it } from 'vitest';
import { DESIGNS, MIN_GAP, folds, gap } from '../../../cli/router/folds';
import type { RoutingRow } from '../../../cli/router/data';

// Two families, several pairs over shared prompts, like the real data.
function rows(): RoutingRow[] {
  const out: RoutingRow[] = [];
  const pairs = { 'MMLU-Pro': ['w1', 'w2', 'w3'], LLMRouter: ['v1', 'v2'] } as const;
  for (const [source, weaks] of Object.entries(pairs)) {
    for (let i = 0; i < 60; i++) {
      const text = source === 'MMLU-Pro'
        ? `${i % 3 === 0 ? 'Calculate 12 + 30 + ' + i : i % 3 === 1 ? 'Find $x_' + i + '$' : 'Define word ' + i}\nA. a\nB. b`
        : i % 2 ? `Write a python function number ${i}.` : `who is person ${i}`;
      weaks.forEach((weak, k) => out.push({ text, weak, strong: `${weak}-big`, q_weak: (i + k) % 3 === 0 ? 1 : 0, q_strong: (i + k) % 4 === 0 ? 0 : 1, source, license: 'MIT' }));
    }
  }
  return out;
}

describe('held-out folds', () => {
  const data = rows();
  for (const design of DESIGNS) {
    it(`${design}: no prompt is on both sides, and tested cells have a real gap`, () => {
      const fs = folds(data, design);
      expect(fs.length).toBeGreaterThan(1);
      for (const f of fs) {
        const trained = new Set(f.train.map((r) => r.text));
        for (const cell of f.cells) {
          expect(cell.rows.length).toBeGreaterThan(0);
          expect(gap(cell.rows)).toBeGreaterThanOrEqual(MIN_GAP);
          for (const r of cell.rows) expect(trained.has(r.text)).toBe(false);
        }
      }
    });
  }

  it('pair design: the tested model pair is absent from training', () => {
    for (const f of folds(data, 'pair')) {
      const pair = f.cells[0].pair;
      expect(f.train.some((r) => `${r.weak} → ${r.strong}` === pair)).toBe(false);
    }
  });
});
