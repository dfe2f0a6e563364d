import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_VALUE_LENGTH,
  PII_TYPES,
  PiiStreamRedactor,
  detectPii,
  newRedactionState,
  pendingStart,
  redact,
} from '../../../src/guards/pii/index';
import { resolveOverlaps } from '../../../src/guards/pii/resolve';

const CARD = '4111 1111 1111 1111';

function checkSpans(text: string): void {
  const spans = detectPii(text);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.start).toBeLessThan(s.end);
    expect(PII_TYPES as readonly string[]).toContain(s.type);
    if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1].end);
  }
}

describe('detectPii', () => {
  it('returns sorted, non-overlapping spans and filters by type', () => {
    const text = 'mail a@b.io, card 4111-1111-1111-1111, ip 10.0.0.1';
    expect(detectPii(text).map((s) => s.type)).toEqual(['EMAIL', 'CREDIT_CARD', 'IP_ADDRESS']);
    expect(detectPii(text, { types: ['IP_ADDRESS'] })).toEqual([expect.objectContaining({ type: 'IP_ADDRESS', start: 42, end: 50 })]);
    expect(detectPii('')).toEqual([]);
  });

  it('resolves overlaps by type priority, then length', () => {
    const spans = resolveOverlaps([
      { type: 'PHONE', start: 0, end: 10 },
      { type: 'CREDIT_CARD', start: 2, end: 12 },
      { type: 'SECRET', start: 20, end: 40 },
      { type: 'JWT', start: 22, end: 38 },
      { type: 'EMAIL', start: 50, end: 60 },
      { type: 'EMAIL', start: 55, end: 70 },
    ]);
    expect(spans).toEqual([
      { type: 'CREDIT_CARD', start: 2, end: 12 },
      { type: 'JWT', start: 22, end: 38 },
      { type: 'EMAIL', start: 55, end: 70 },
    ]);
  });

  it('keeps the password of a URL rather than an e-mail made of its tail', () => {
    const text = 'postgres://app:p4ss@db.internal.example.com/x';
    expect(detectPii(text).map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([['SECRET', 'p4ss']]);
  });

  it('stays correct on pathological input', () => {
    for (const text of ['1'.repeat(50_000), '1 '.repeat(25_000), 'a@'.repeat(25_000), '1:'.repeat(25_000), 'sk-'.repeat(20_000), '-----BEGIN PRIVATE KEY-----'.repeat(2_000)]) {
      checkSpans(text);
    }
  });

  it('spans are always in bounds, sorted and non-overlapping (property)', () => {
    const piece = fc.constantFrom('4111 1111 1111 1111', ' ', '-', '.', '@', 'a', 'Z', '0', '9', ':', '+', '(', ')', 'x', 'sk-', 'eyJ', 'password=', 'tel ', '\n', 'ü', '€');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (parts) => checkSpans(parts.join(''))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => checkSpans(text)), { numRuns: 300 });
  });

  it('finds a valid card inserted anywhere in random text at its exact offsets (property)', () => {
    const prose = fc.string({ unit: fc.constantFrom(...'abcdefghij XYZ,.;:!?()\n'.split('')), maxLength: 80 });
    fc.assert(
      fc.property(prose, prose, (before, after) => {
        const text = `${before} ${CARD} ${after}`;
        const start = before.length + 1;
        expect(detectPii(text)).toContainEqual(expect.objectContaining({ type: 'CREDIT_CARD', start, end: start + CARD.length }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('redaction', () => {
  it('replaces values with numbered typed placeholders, the same value with the same one', () => {
    const text = 'a@b.io wrote to c@d.io, then a@b.io again; card 4111111111111111';
    const state = newRedactionState();
    expect(redact(text, detectPii(text), state)).toBe('[EMAIL_1] wrote to [EMAIL_2], then [EMAIL_1] again; card [CREDIT_CARD_1]');
    expect(redact('reply to c@d.io', detectPii('reply to c@d.io'), state)).toBe('reply to [EMAIL_2]');
  });

  it('exports a maximum length for every type', () => {
    for (const t of PII_TYPES) expect(MAX_VALUE_LENGTH[t]).toBeGreaterThan(10);
  });
});

describe('streaming', () => {
  const samples = [
    'Sure! Write to jane.roe@example-mail.com or call +44 7700 900123 tonight.',
    'The card 4111 1111 1111 1111 expires 12/27 and the IBAN is DE89 3704 0044 0532 0130 00 ok',
    'Use OPENAI_API_KEY=sk-proj-Q2xL7pA3vK8mN1bR5tY6wZ0cE4hJ2s9fU3dG7kL1pX5v then run it',
    'password: hunter22! and server 10.1.2.3 with SSN 536-90-4399 done',
    'key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nQ2xL7pA3vK8mN1bR5tY6wZ0cE4hJ\n-----END PRIVATE KEY-----\nbye',
    // Phones decided by the word after them: a phone word ("office", "(mobile)") or a counted noun.
    '61 51 81 office\n516 466 638 (mobile) ok, but buy 1 292 374 office chairs and call 1 496 849 customers',
    'name,email,phone\nMaria,o@example.org,8123 1314\nTom,t@example.org,+52 222 123 9616\n',
  ];

  it('never releases the start of a value that is not complete yet', () => {
    for (const text of samples) {
      for (const s of detectPii(text)) {
        for (let p = s.start + 1; p < s.end; p++) expect(pendingStart(text.slice(0, p)), `${text.slice(0, p)}|`).toBeLessThanOrEqual(s.start);
      }
    }
  });

  it('redacts a stream cut into any chunks exactly like the whole text (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }), (text, sizes) => {
        const stream = new PiiStreamRedactor();
        let out = '';
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = sizes[i % sizes.length];
          out += stream.push(text.slice(at, at + size));
          at += size;
        }
        out += stream.end();
        expect(out).toBe(redact(text, detectPii(text)));
      }),
      { numRuns: 200 },
    );
  });

  it('holds back only the tail that can still become a value', () => {
    expect(pendingStart('Hello there, how are you ')).toBe(25);
    expect(pendingStart('Hello there, how are')).toBe(17);
    expect(pendingStart('call me on +44 7700 ')).toBe(11);
    expect(pendingStart('the IBAN is DE89 3704 0044')).toBe(12);
  });
});
