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

/** `times` requests of one key, each computing `text` for backend `name`. */
function requests(shared: SharedResults, scope: string | undefined, text: string, fn: (t: string) => unknown, times = 1, name = 'x') {
  for (let i = 0; i < times; i++) new GuardMemo(scope, shared).of(name, text, fn);
}

describe('guard memo: results shared across requests', () => {
  it('a long text is kept the second time a key sends it and found from the third; a short one never', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('the same system prompt');
    requests(shared, 'k1', text, c.fn);
    expect(shared.size.entries).toBe(0); // seen once: not kept
    requests(shared, 'k1', text, c.fn);
    expect(shared.size.entries).toBe(1);
    requests(shared, 'k1', text, c.fn, 5);
    expect(c.calls).toHaveLength(2);
    expect(shared.hits).toBe(5);

    const short = 'hello';
    const m = new GuardMemo('k1', shared);
    m.of('x', short, c.fn);
    m.of('x', short, c.fn); // same request: the request's own table
    requests(shared, 'k1', short, c.fn, 3);
    expect(c.calls.filter((t) => t === short)).toHaveLength(4);
    expect(shared.size.entries).toBe(1);
  });

  it('texts sent once are not kept: a stream of new prompts leaves the table empty', () => {
    const shared = new SharedResults();
    for (let i = 0; i < 500; i++) requests(shared, 'k', `${long('a new prompt')} number ${i}`, (t) => t.length);
    expect(shared.size.entries).toBeLessThan(5); // fingerprint collisions only
  });

  it('keys do not see each other\'s entries, and a backend\'s results are its own', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('a prompt two clients send');
    requests(shared, 'alice', text, c.fn, 2);
    requests(shared, 'bob', text, c.fn);
    requests(shared, 'alice', text, c.fn, 1, 'y');
    expect(c.calls).toHaveLength(4); // bob and backend y: first sight each
    requests(shared, 'alice', text, c.fn);
    expect(c.calls).toHaveLength(4);
    requests(shared, 'bob', text, c.fn, 2); // second sight (kept), then found
    expect(c.calls).toHaveLength(5);
  });

  it('no scope, requestOnly() and share=false keep results to the request', () => {
    const shared = new SharedResults();
    const c = counted((t) => t.length);
    const text = long('an answer being streamed');
    requests(shared, undefined, text, c.fn, 3);
    const m = new GuardMemo('k', shared);
    m.requestOnly().of('x', text, c.fn);
    m.of('x', text, c.fn); // found in the request's table: requestOnly shares the request's tables
    expect(c.calls).toHaveLength(4);
    for (let i = 0; i < 3; i++) new GuardMemo('k', shared).requestOnly().of('x', text, c.fn);
    for (let i = 0; i < 3; i++) new GuardMemo('k', shared).of('remote', text, c.fn, false);
    expect(shared.size.entries).toBe(0);
  });

  it('is bounded by characters and by entries, evicting the least recently used', () => {
    const shared = new SharedResults(3 * 300, 100);
    const c = counted((t) => t.length);
    const texts = ['a', 'b', 'c', 'd'].map((s) => s.repeat(300));
    for (const t of texts.slice(0, 3)) requests(shared, 'k', t, c.fn, 2);
    requests(shared, 'k', texts[0]!, c.fn); // a is now the most recent
    requests(shared, 'k', texts[3]!, c.fn, 2); // kept: evicts b, the least recent
    expect(shared.size).toEqual({ entries: 3, chars: 900 });
    const before = c.calls.length;
    requests(shared, 'k', texts[0]!, c.fn);
    requests(shared, 'k', texts[2]!, c.fn);
    requests(shared, 'k', texts[3]!, c.fn);
    expect(c.calls.length).toBe(before);
    requests(shared, 'k', texts[1]!, c.fn);
    expect(c.calls.length).toBe(before + 1);

    const few = new SharedResults(1e9, 2);
    for (const t of texts) requests(few, 'k', t, c.fn, 2);
    expect(few.size).toEqual({ entries: 2, chars: 600 });
    // A text larger than the whole budget is computed and never kept.
    const tiny = new SharedResults(500, 10);
    requests(tiny, 'k', 'z'.repeat(600), c.fn, 3);
    expect(tiny.size.entries).toBe(0);
  });

  it('keeps exactly what scoring again gives: head scores and detector spans', () => {
    const text = `${long('Please review the attached quarterly report before Friday.')} Reach me at jane.doe@example.com or 4111 1111 1111 1111.`;
    for (let i = 0; i < 2; i++) headScores(text, { memo: new GuardMemo('k') });
    const first = new GuardMemo('k');
    const scores = headScores(text, { memo: first });
    const spans = allSpans(text, first);
    allSpans(text, new GuardMemo('k'));
    expect(headScores(text, { memo: new GuardMemo('k') })).toBe(scores); // the kept object, not a second pass
    expect(headScores(text, { memo: new GuardMemo() })).toEqual(scores); // scored afresh: the same numbers
    expect(allSpans(text, new GuardMemo('k'))).toBe(allSpans(text, new GuardMemo('k')));
    expect(allSpans(text, new GuardMemo('k'))).toEqual(detectPii(text));
    expect(spans.map((s) => s.type).sort()).toEqual(['CREDIT_CARD', 'EMAIL']);
  });
});

beforeAll(() => registerModelsFromDisk());
