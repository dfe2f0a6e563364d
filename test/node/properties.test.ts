import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { compileRules } from '../../src/guards/compile';
import { GuardMemo } from '../../src/guards/memo';
import { detectPii, newRedactionState, redact } from '../../src/guards/pii';
import { registerModelsFromDisk } from '../../src/guards/embedded/node';
import { GatewayError } from '../../src/openai/errors';
import { readJsonBody, validate } from '../../src/openai/parse';
import { chatCompletionRequest } from '../../src/openai/schemas';
import { DONE, SseParser, serializeEvent, type SseEvent } from '../../src/openai/sse';
import { OutputGuards } from '../../src/pipeline/output-guards';
import { outputGuardStage } from '../../src/pipeline/output-stream';
import { proxyStream } from '../../src/pipeline/stream';
import { compilePolicy } from '../../src/policy/compile';
import { PolicyError, parsePolicy } from '../../src/policy/load';
import type { GuardRule } from '../../src/policy/schema';

// Properties of the parsers every request and response goes through, under inputs nobody would
// write by hand: whatever comes in, the outcome is either a correct result or the gateway's own
// typed error — never a crash of another kind.

const encoder = new TextEncoder();

/** Cuts bytes at the given (sorted, deduplicated) offsets. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) out.push(bytes.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

const streamOf = (pieces: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(p);
      controller.close();
    },
  });

const request = (body: Uint8Array[] | string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://gateway.test/v1/chat/completions', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : streamOf(body),
    duplex: 'half',
  } as RequestInit);

/** readJsonBody + validate: the gateway's own error (4xx) or a parsed request, nothing else. */
async function parseRequest(req: Request, max = 1 << 20): Promise<{ ok: true; value: unknown } | { ok: false; status: number }> {
  try {
    return { ok: true, value: validate(chatCompletionRequest, await readJsonBody(req, max)) };
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return { ok: false, status: err.status };
  }
}

describe('request parsing (property)', () => {
  const message = fc.record({
    role: fc.constantFrom('system', 'user', 'developer'),
    content: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ unit: 'grapheme' }) }), { minLength: 1, maxLength: 3 })),
  });
  const chat = fc.record(
    {
      model: fc.string({ minLength: 1, maxLength: 40 }),
      messages: fc.array(message, { minLength: 1, maxLength: 5 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      stream: fc.boolean(),
      extra_field: fc.jsonValue(),
    },
    { requiredKeys: ['model', 'messages'] },
  );

  it('a valid request survives any chunking of its bytes and reads back equal', async () => {
    await fc.assert(
      fc.asyncProperty(chat, fc.array(fc.nat(), { maxLength: 8 }), async (body, at) => {
        const bytes = encoder.encode(JSON.stringify(body));
        const r = await parseRequest(request(cut(bytes, at)));
        expect(r).toEqual({ ok: true, value: JSON.parse(JSON.stringify(body)) });
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary bytes, JSON values and mutated requests: a parsed request or a 4xx GatewayError', async () => {
    const mutated = chat.chain((body) =>
      fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace', 'truncate'), fc.jsonValue()).map(([n, op, v]) => {
        const text = JSON.stringify(body);
        if (op === 'truncate') return text.slice(0, n % text.length);
        const b = structuredClone(body) as Record<string, unknown>;
        const keys = Object.keys(b);
        const k = keys[n % keys.length]!;
        if (op === 'delete') delete b[k];
        else b[k] = v;
        return JSON.stringify(b);
      }),
    );
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => [b]),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      fc.string({ unit: 'binary', maxLength: 200 }),
      mutated,
    );
    await fc.assert(
      fc.asyncProperty(input, async (body) => {
        const r = await parseRequest(request(body as Uint8Array[] | string), 4096);
        if (!r.ok) expect([400, 413, 415]).toContain(r.status);
      }),
      { numRuns: 500 },
    );
  });

  it('the byte cap holds however the body is chunked, declared length or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.array(fc.nat(), { maxLength: 6 }), async (size, max, at) => {
        const bytes = encoder.encode(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(size) }] }));
        const r = await parseRequest(request(cut(bytes, at)), max);
        expect(r.ok).toBe(bytes.length <= max);
        if (!r.ok) expect(r.status).toBe(413);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SSE parser (property)', () => {
  const event = fc.record(
    {
      data: fc.string({ unit: 'grapheme', maxLength: 60 }),
      event: fc.stringMatching(/^[a-z_]{1,10}$/),
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    },
    { requiredKeys: ['data'] },
  );

  it('serialized events, cut anywhere (inside CRLF and multi-byte characters too), parse back', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 20 }), (events, eol, at) => {
        const wire = events.map(serializeEvent).join('').replaceAll('\n', eol);
        const parser = new SseParser();
        const decoder = new TextDecoder();
        const got: SseEvent[] = [];
        for (const piece of cut(encoder.encode(wire), at)) got.push(...parser.push(decoder.decode(piece, { stream: true })));
        got.push(...parser.push(decoder.decode()), ...parser.end());
        // WHATWG rules: line breaks inside data become LF, and the last event id carries over.
        let id: string | undefined;
        const want = events.map((e) => {
          id = e.id ?? id;
          return { ...e, data: e.data.replace(/\r\n|\r|\n/g, '\n'), ...(id === undefined ? {} : { id }) };
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text never throws and never yields an event without its blank line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (text, at) => {
        const parser = new SseParser();
        const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        let events = 0;
        for (const p of [...points, text.length]) {
          events += parser.push(text.slice(from, p)).length;
          from = Math.max(from, p);
        }
        const blankLines = (text.match(/(\r\n|\r|\n)(\r\n|\r|\n)/g) ?? []).length + (/^(\r\n|\r|\n)/.test(text) ? 1 : 0);
        expect(events).toBeLessThanOrEqual(blankLines + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('policy loading (property)', () => {
  registerModelsFromDisk();
  const shipped = ['default', 'strict', 'monitor', 'passthrough'].map((n) => readFileSync(`policies/${n}.yaml`, 'utf8'));
  const env = { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

  /** parse → compile: a compiled policy, a PolicyError naming a line, or a compile error with a message. */
  function load(text: string) {
    let spec: ReturnType<typeof parsePolicy>;
    try {
      spec = parsePolicy(text, 'p.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(PolicyError);
      for (const p of (err as PolicyError).problems) expect(p.line).toBeGreaterThanOrEqual(1);
      return;
    }
    try {
      compilePolicy(spec, env);
    } catch (err) {
      // Reported by `policy check` at build time; a plain Error with a message, not a crash.
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(TypeError);
      expect(err).not.toBeInstanceOf(RangeError);
      expect((err as Error).message.length).toBeGreaterThan(0);
    }
  }

  /** Every path to a value in a parsed document. */
  function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
    if (v === null || typeof v !== 'object') return [at];
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    return [at, ...entries.flatMap(([k, x]) => paths(x, [...at, k]))];
  }

  it('structural mutations of the shipped policies: accepted, or rejected with file and line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shipped), fc.nat(), fc.constantFrom('replace', 'delete', 'add'), fc.jsonValue({ maxDepth: 2 }), (text, n, op, value) => {
        const doc = parseYaml(text) as Record<string, unknown>;
        const all = paths(doc).filter((p) => p.length > 0);
        const path = all[n % all.length]!;
        const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], doc);
        const key = path[path.length - 1]!;
        if (op === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
        else if (op === 'add' && !Array.isArray(parent)) parent[`unknown_${n % 7}`] = value;
        else parent[key] = value;
        load(toYaml(doc));
      }),
      { numRuns: 400 },
    );
  });

  it('textual damage (characters inserted, removed, lines swapped): accepted, or rejected with file and line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shipped), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 4 }), (text, edits) => {
        let t = text;
        for (const [pos, len, insert] of edits) {
          const p = pos % (t.length + 1);
          t = t.slice(0, p) + insert + t.slice(p + len);
        }
        load(t);
      }),
      { numRuns: 300 },
    );
  });
});

describe('redaction of a streamed answer (property)', () => {
  const rule = (guard: 'pii' | 'secrets') => ({ guard, action: 'redact', mode: 'enforce', on_error: 'closed', timeout_ms: 50 }) as GuardRule;
  const rules = compileRules([rule('pii'), rule('secrets')], { classifiers: new Map(), bindings: {} });
  const values = ['jane.doe@example.com', '4111 1111 1111 1111', 'GB82 WEST 1234 5698 7654 32', '+44 20 7946 0958', `sk-proj-${'Ab3dEf6hIj9kLm2nOp5q'.repeat(2)}`, 'ghp_' + 'a1B2c3D4e5'.repeat(3) + '123456'];
  const filler = fc.string({ unit: fc.constantFrom('a', 'é', '日', '🙂', ' ', '.', '\n', '1', '-'), maxLength: 20 });
  const answer = fc.array(fc.tuple(filler, fc.constantFrom(...values)), { minLength: 1, maxLength: 4 }).chain((parts) => filler.map((tail) => parts.map(([f, v]) => `${f} ${v} `).join('') + tail));

  /** An upstream SSE stream of `text` in content deltas of the given sizes. */
  function upstreamWire(text: string, sizes: number[]): Uint8Array {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const chars = [...text];
    let out = '';
    for (let i = 0, k = 0; i < chars.length; k++) {
      const n = sizes.length ? 1 + (sizes[k % sizes.length]! % 9) : chars.length;
      out += serializeEvent({ data: JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: chars.slice(i, i + n).join('') }, finish_reason: null }] }) });
      i += n;
    }
    out += serializeEvent({ data: JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) });
    return encoder.encode(out + serializeEvent({ data: DONE }));
  }

  it('the client receives exactly the whole-text redaction, however deltas and bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), async (text, sizes, at) => {
        const og = new OutputGuards(rules, newRedactionState(), false, { signal: new AbortController().signal, requestId: 'r', memo: new GuardMemo() });
        const upstream = new Response(streamOf(cut(upstreamWire(text, sizes), at)), { headers: { 'content-type': 'text/event-stream' } });
        const body = proxyStream(upstream, { idleTimeoutMs: 5000, abort: new AbortController(), stages: [outputGuardStage(og)] });
        const parser = new SseParser();
        let received = '';
        for (const ev of parser.push(await new Response(body).text())) {
          if (ev.data === DONE) continue;
          received += JSON.parse(ev.data).choices?.[0]?.delta?.content ?? '';
        }
        // Exactly what redacting the whole answer at once gives: no value (or part of one) slips out early.
        expect(received).toBe(redact(text, detectPii(text)));
      }),
      { numRuns: 150 },
    );
  });
});
