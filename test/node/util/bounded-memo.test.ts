import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../src/util/bounded-memo';

describe('boundedMemo', () => {
  it('computes each key once, undefined answers included, and only keys it keeps', () => {
    const calls: string[] = [];
    const f = boundedMemo(10, (k) => (calls.push(k), k.startsWith('x') ? undefined : k.length), (k) => k.length <= 5);
    expect([f('ab'), f('ab'), f('xy'), f('xy'), f('toolong'), f('toolong')]).toEqual([2, 2, undefined, undefined, 7, 7]);
    expect(calls).toEqual(['ab', 'xy', 'toolong', 'toolong']);
  });

  it('empties its table when full, and answers stay right', () => {
    let computed = 0;
    const f = boundedMemo(3, (k) => (computed++, k.toUpperCase()));
    for (const k of ['a', 'b', 'c']) f(k);
    expect(computed).toBe(3);
    expect(f('d')).toBe('D'); // table full: emptied, then 'd' kept
    expect(f('a')).toBe('A');
    expect(computed).toBe(5);
    expect(f('d')).toBe('D');
    expect(computed).toBe(5);
  });
});
