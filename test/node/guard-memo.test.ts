import { beforeAll, describe, expect, it } from 'vitest';
import { headScores } from '../../src/guards/embedded';
import { registerModelsFromDisk } from '../../src/guards/embedded/node';
import { GuardMemo, SHARED_MIN_CHARS, SharedResults } from '../../src/guards/memo';
import { allSpans } from '../../src/guards/pii/guard';
import { detectPii } from '../../src/guards/pii';

const long = (seed: string) => `${seed} `.repeat(Math.ceil(SHARED_MIN_CHARS / (seed.length + 1)) + 1);

/** A compute function that counts its calls. */
function counted<T>(f: (t: string) => T) {
  const calls: string[] = [];
  return { calls, fn: (t: string) => (calls.push(t), f(t)) };
}

describe('guard memo: results shared across requests', () => {
  it('a long text is computed once per key, across requests; a short one once per request', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('the same system prompt');
    expect(new GuardMemo('k1', shared).of('x', text, c.fn)).toBe(text.length);
    expect(new GuardMemo('k1', shared).of('x', text, c.fn)).toBe(text.length);
    expect(c.calls).toHaveLength(1);
    expect(shared.hits).toBe(1);

    const short = 'hello';
    const m = new GuardMemo('k1', shared);
    m.of('x', short, c.fn);
    m.of('x', short, c.fn); // same request: memo
    new GuardMemo('k1', shared).of('x', short, c.fn); // next request: computed again
    expect(c.calls.filter((t) => t === short)).toHaveLength(2);
    expect(shared.size.entries).toBe(1);
  });

  it('keys do not see each other\'s entries, and a backend\'s results are its own', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('a prompt two clients send');
    new GuardMemo('alice', shared).of('x', text, c.fn);
    new GuardMemo('bob', shared).of('x', text, c.fn);
    new GuardMemo('alice', shared).of('y', text, c.fn);
    expect(c.calls).toHaveLength(3);
    new GuardMemo('alice', shared).of('x', text, c.fn);
    new GuardMemo('bob', shared).of('x', text, c.fn);
    expect(c.calls).toHaveLength(3);
    expect(shared.hits).toBe(2);
  });

  it('no scope, requestOnly() and share=false keep results to the request', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('an answer being streamed');
    new GuardMemo(undefined, shared).of('x', text, c.fn);
    const m = new GuardMemo('k', shared);
    m.requestOnly().of('x', text, c.fn);
    m.of('x', text, c.fn); // the request's table already has it: requestOnly shares the request's tables
    expect(c.calls).toHaveLength(2);
    new GuardMemo('k', shared).of('remote', text, c.fn, false);
    expect(shared.size.entries).toBe(0);
  });

  it('is bounded by characters and by entries, evicting the least recently used', () => {
    const shared = new SharedResults(3 * 300, 100);
    const c = counted((t) => t.length);
    const texts = ['a', 'b', 'c', 'd'].map((s) => s.repeat(300));
    for (const t of texts.slice(0, 3)) new GuardMemo('k', shared).of('x', t, c.fn);
    new GuardMemo('k', shared).of('x', texts[0]!, c.fn); // a is now the most recent
    new GuardMemo('k', shared).of('x', texts[3]!, c.fn); // evicts b, the least recent
    expect(shared.size).toEqual({ entries: 3, chars: 900 });
    const before = c.calls.length;
    new GuardMemo('k', shared).of('x', texts[0]!, c.fn);
    new GuardMemo('k', shared).of('x', texts[2]!, c.fn);
    expect(c.calls.length).toBe(before);
    new GuardMemo('k', shared).of('x', texts[1]!, c.fn);
    expect(c.calls.length).toBe(before + 1);

    const few = new SharedResults(1e9, 2);
    for (const t of texts) new GuardMemo('k', few).of('x', t, c.fn);
    expect(few.size).toEqual({ entries: 2, chars: 600 });
    // A text larger than the whole budget is computed and not kept.
    const tiny = new SharedResults(500, 10);
    expect(new GuardMemo('k', tiny).of('x', 'z'.repeat(600), c.fn)).toBe(600);
    expect(tiny.size.entries).toBe(0);
  });

  it('keeps exactly what scoring again gives: head scores and detector spans', () => {
    registerModelsFromDisk();
    const text = `${long('Please review the attached quarterly report before Friday.')} Reach me at jane.doe@example.com or 4111 1111 1111 1111.`;
    const first = new GuardMemo('k');
    const scores = headScores(text, { memo: first });
    const spans = allSpans(text, first);
    const second = new GuardMemo('k');
    expect(headScores(text, { memo: second })).toBe(scores); // the kept object, not a second pass
    expect(headScores(text, { memo: new GuardMemo() })).toEqual(scores); // scored afresh: the same numbers
    expect(allSpans(text, second)).toEqual(detectPii(text));
    expect(spans.map((s) => s.type).sort()).toEqual(['CREDIT_CARD', 'EMAIL']);
  });
});

beforeAll(() => registerModelsFromDisk());
