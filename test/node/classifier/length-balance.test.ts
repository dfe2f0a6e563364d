// Length-balanced classes (cli/guard/pipeline.ts, labelMatrix with `lengthBalanced`): within each
// band of text length a head's two classes weigh the same relative to each other, so its size
// offsets cannot learn that tweet length means toxic; class totals and other heads are untouched.

import { describe, expect, it } from 'vitest';
import { HEADS } from '../../../src/classifier/artifact';
import type { GuardRow } from '../../../cli/guard/data';
import { labelMatrix } from '../../../cli/guard/pipeline';

const H = HEADS.length;
const TOXIC = HEADS.indexOf('toxic');

const make = (count: number, chars: number, label: 0 | 1): GuardRow[] =>
  Array.from({ length: count }, (_, i) => ({ text: `${label ? 'toxic' : 'benign'} ${i} `.padEnd(chars, 'x'), label, category: label ? 'toxic' : 'benign', source: 's', license: 'MIT' }));

// Short texts (band 4: 16–31 characters) mostly toxic, long ones (band 7: 128–255) mostly benign,
// and a band (9: 512–1023) with too few toxic rows to balance.
const rows: GuardRow[] = [...make(60, 20, 1), ...make(20, 20, 0), ...make(20, 200, 1), ...make(60, 200, 0), ...make(3, 600, 1), ...make(40, 600, 0)];
const all = Int32Array.from(rows.map((_, i) => i));

function sums(weight: Float32Array, head: number): Record<string, number> {
  const out: Record<string, number> = {};
  rows.forEach((row, r) => {
    const key = `${row.text.length}:${row.label}`;
    out[key] = (out[key] ?? 0) + weight[r * H + head];
  });
  return out;
}

describe('labelMatrix with length-balanced classes', () => {
  const plain = labelMatrix(rows, all).weight;
  const balanced = labelMatrix(rows, all, { lengthBalanced: ['toxic'], lengthBalanceMin: 5 }).weight;

  it('gives every balanced band the same ratio of toxic to benign weight', () => {
    const before = sums(plain, TOXIC);
    const after = sums(balanced, TOXIC);
    // 60:20 short against 20:60 long: nine times the odds.
    expect(before['20:1'] / before['20:0']).toBeCloseTo((9 * before['200:1']) / before['200:0']);
    expect(after['20:1'] / after['20:0']).toBeCloseTo(after['200:1'] / after['200:0']);
  });

  it('keeps each class total, and does not balance a band with too few rows of a class', () => {
    const before = sums(plain, TOXIC);
    const after = sums(balanced, TOXIC);
    for (const y of [0, 1]) expect(after[`20:${y}`] + after[`200:${y}`] + after[`600:${y}`]).toBeCloseTo(before[`20:${y}`] + before[`200:${y}`] + before[`600:${y}`]);
    // Band 9 (three toxic rows) is not balanced.
    expect(after['600:1'] / after['600:0']).not.toBeCloseTo(after['20:1'] / after['20:0']);
    // Without a minimum, the band of three toxic rows is balanced like the others.
    const loose = sums(labelMatrix(rows, all, { lengthBalanced: ['toxic'] }).weight, TOXIC);
    expect(loose['600:1'] / loose['600:0']).toBeCloseTo(loose['20:1'] / loose['20:0']);
  });

  it('leaves the heads it is not asked to balance alone', () => {
    for (let h = 0; h < H; h++) if (h !== TOXIC) for (let i = h; i < plain.length; i += H) expect(balanced[i]).toBe(plain[i]);
  });
});
