// The trainer's visiting order is drawn from each row's content, not its position: rows added for
// one head must leave every other head's weights exactly as they were (cli/guard/trainer.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES } from '../../../src/classifier/features';
import { DEFAULT_LIMITS } from '../../../src/classifier/windows';
import type { GuardRow } from '../../../cli/guard/data';
import { buildInstances } from '../../../cli/guard/instances';
import { labelMatrix } from '../../../cli/guard/pipeline';
import { train } from '../../../cli/guard/trainer';
import { seeded } from '../../../cli/lib/random';

const r = seeded(5);
const WORDS = ['weather', 'meeting', 'release', 'recipe', 'table', 'train', 'plants', 'ignore', 'previous', 'instructions', 'bomb', 'idiot', 'moron', 'persona', 'rules'];
const text = (): string => Array.from({ length: 3 + r.int(12) }, () => r.pick(WORDS)).join(' ');
const CATEGORIES = ['benign', 'benign', 'injection', 'jailbreak', 'harmful', 'toxic'];
const base: GuardRow[] = Array.from({ length: 300 }, (_, i) => {
  const category = CATEGORIES[i % CATEGORIES.length];
  return { text: `${text()} ${i}`, label: category === 'benign' ? 0 : 1, category, source: 'tiny', license: 'MIT' };
});
// Extra toxic rows, inserted in the middle so every later row changes position.
const extra: GuardRow[] = Array.from({ length: 60 }, (_, i) => ({ text: `${text()} extra ${i}`, label: 1, category: 'toxic', source: 'tiny', license: 'MIT' }));

function weightsOf(rows: GuardRow[]) {
  const store = buildInstances(rows.map((x) => x.text), { ...DEFAULT_FEATURES, bits: 12 }, DEFAULT_LIMITS);
  const all = Int32Array.from(rows.map((_, i) => i));
  const { labels, weight } = labelMatrix(rows, all);
  return train(store, 4, labels, weight, all, { epochs: 3, learningRate: 0.1, l2: 1e-4, seed: 9 });
}

describe('trainer order', () => {
  const before = weightsOf(base);
  const after = weightsOf([...base.slice(0, 150), ...extra, ...base.slice(150)]);
  const head = (m: typeof before, h: number) => Array.from(m.weights.filter((_, i) => i % 4 === h));

  it('leaves the other heads untouched when rows are added for one head', () => {
    for (const h of [0, 1, 2]) {
      expect(head(after, h)).toEqual(head(before, h));
      expect(after.bias[h]).toBe(before.bias[h]);
    }
  });

  it('does train the head the rows were added for', () => {
    expect(head(after, 3)).not.toEqual(head(before, 3));
  });
});
