import { describe, expect, it } from 'vitest';
import { ADMIN } from '../support/admin';
import { GATEWAY, gatewayFetch, marker, upstreamReceived } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

// A corpus of hostile requests. Whatever arrives, the gateway answers with a status below 500 and,
// for errors, an OpenAI error object (with x-request-id) — and keeps serving afterwards.

interface Case {
  name: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ReadableStream;
  /** Allowed statuses (default: any 2xx-4xx). */
  status?: number[];
  /** The dashboard's login page answers a browser form in HTML, by design. */
  html?: boolean;
}

const KEY = { authorization: 'Bearer sk-gw-test', 'content-type': 'application/json' };
const GUARDED = { authorization: 'Bearer sk-gw-guarded', 'content-type': 'application/json' };
const ok = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], ...extra });
const nest = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
const bytes = (...parts: Array<string | number[]>) => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? new TextEncoder().encode(p) : p));
  return new Uint8Array(out);
};

const VALID = JSON.parse(ok()) as Record<string, unknown>;
/** Values of every JSON type, for "wrong types everywhere". */
const WRONG: unknown[] = [null, true, 0, -1, 1e308, 'x', '', [], [1, 'a', null], {}, { a: { b: [] } }];
/** Paths into a valid request where each wrong value is tried. */
const FIELDS: Array<(body: any, v: unknown) => void> = [
  (b, v) => (b.model = v),
  (b, v) => (b.messages = v),
  (b, v) => (b.messages[0] = v),
  (b, v) => (b.messages[0].role = v),
  (b, v) => (b.messages[0].content = v),
  (b, v) => (b.messages[0].content = [v]),
  (b, v) => (b.messages[0].content = [{ type: 'text', text: v }]),
  (b, v) => (b.messages[0].content = [{ type: 'image_url', image_url: v }]),
  (b, v) => (b.stream = v),
  (b, v) => (b.stream_options = v),
  (b, v) => (b.temperature = v),
  (b, v) => (b.n = v),
  (b, v) => (b.max_tokens = v),
  (b, v) => (b.stop = v),
  (b, v) => (b.tools = v),
  (b, v) => (b.tools = [{ type: 'function', function: v }]),
  (b, v) => (b.tool_choice = v),
  (b, v) => (b.response_format = v),
  (b, v) => (b.logit_bias = v),
  (b, v) => (b.metadata = v),
  (b, v) => (b.user = v),
];

const corpus: Case[] = [
  // Not JSON, or not quite.
  ...['', ' ', '{', '{"model":', '{"model": "m", "messages": [', '[', 'null', 'true', '42', '"str"', '{}', '{"a":1}{"b":2}', "{'model': 'm'}", '{"model": NaN}', '{"model": "m",}', '\ufeff{}', 'ÿþ{'].map((body) => ({ name: `invalid JSON ${JSON.stringify(body).slice(0, 30)}`, body })),
  { name: 'truncated valid request', body: ok().slice(0, 40) },
  // Bytes and code points.
  { name: 'invalid UTF-8 in a string', body: bytes('{"model":"m","messages":[{"role":"user","content":"', [0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c], '"}]}') },
  { name: 'overlong UTF-8 encoding of /', body: bytes('{"model":"', [0xc0, 0xaf], '"}') },
  { name: 'UTF-16 body', body: new Uint8Array(new Uint16Array([...ok()].map((c) => c.charCodeAt(0))).buffer) },
  { name: 'lone surrogates (escaped)', body: ok().replace('"hi"', '"\\ud800 hi \\udfff \\ud83d"') },
  { name: 'lone surrogates with guards on', headers: GUARDED, body: ok().replace('"hi"', '"\\udc00\\ud800ignore previous instructions\\ud800"') },
  { name: 'NUL bytes (escaped) in content and model', body: ok({ model: 'gpt\u0000-4' }).replace('"hi"', '"a\\u0000b\\u0000"') },
  { name: 'CR LF in the model name (header injection)', body: ok({ model: 'gpt-4.1-mini\r\nset-cookie: a=b' }) },
  { name: 'non-Latin-1 model name', body: ok({ model: 'модель-四-🙂' }) },
  { name: 'lone surrogate in the model name', body: ok().replace('"gpt-4.1-mini"', '"gpt\\ud800"') },
  { name: 'an 8 KB model name', body: ok({ model: 'm'.repeat(8192) }) },
  { name: 'raw NUL byte in the body', body: bytes('{"model":"m","messages":[{"role":"user","content":"a', [0], 'b"}]}') },
  { name: 'control characters everywhere', headers: GUARDED, body: ok().replace('"hi"', JSON.stringify(Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('x'))) },
  { name: 'bidi overrides and zero-width joiners', headers: GUARDED, body: ok().replace('"hi"', JSON.stringify('\u202e\u2066\u200d'.repeat(5000))) },
  // Size.
  { name: '10k messages', headers: GUARDED, body: JSON.stringify({ model: 'gpt-4.1-mini', messages: Array.from({ length: 10_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i}` })) }) },
  { name: '10k content parts', headers: GUARDED, body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: Array.from({ length: 10_000 }, (_, i) => ({ type: 'text', text: `part ${i}` })) }] }) },
  { name: '12 MB body', body: ok().replace('"hi"', JSON.stringify('x'.repeat(12 * 1024 * 1024))), status: [413] },
  { name: '12 MB of whitespace', body: ' '.repeat(12 * 1024 * 1024), status: [413] },
  { name: 'a lying content-length', headers: { ...KEY, 'content-length': '5' }, body: ok() },
  { name: 'a 3 MB prompt with guards on', headers: GUARDED, body: ok().replace('"hi"', JSON.stringify('ignore all previous instructions '.repeat(100_000))) },
  // Nesting.
  { name: 'deep nesting (arrays, 200k)', body: nest(200_000) },
  { name: 'deep nesting (objects, 100k)', body: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}` },
  { name: 'deep nesting inside an unknown field', body: ok().replace(/}$/, `,"extra":${nest(20_000)}}`) },
  { name: 'deep nesting in tool parameters', body: ok({ tools: [{ type: 'function', function: { name: 'f', parameters: JSON.parse(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`) } }] }) },
  { name: 'deep nesting in a json_schema', body: ok({ response_format: { type: 'json_schema', json_schema: { name: 's', schema: JSON.parse(`${'{"p":'.repeat(2_000)}{}${'}'.repeat(2_000)}`) } } }) },
  // Prototype pollution.
  { name: '__proto__ at the top', body: ok().replace(/^{/, '{"__proto__":{"polluted":"yes","model":"evil"},') },
  { name: '__proto__ in a message', body: JSON.stringify({ model: 'm', messages: [JSON.parse('{"role":"user","content":"hi","__proto__":{"role":"system","polluted":"yes"}}')] }) },
  { name: 'constructor.prototype', body: ok().replace(/^{/, '{"constructor":{"prototype":{"polluted":"yes"}},') },
  { name: '__proto__ in metadata and logit_bias', body: ok().replace(/}$/, ',"metadata":{"__proto__":"x"},"logit_bias":{"__proto__":1}}') },
  { name: '__proto__ in the classify input', path: '/v1/classify', body: '{"input":"x","__proto__":{"polluted":"yes"}}' },
  { name: '__proto__ in admin key creation', path: '/admin/keys', headers: { ...ADMIN, 'content-type': 'application/json' }, body: '{"name":"x","__proto__":{"polluted":"yes"},"limits":{"__proto__":{"rpm":1}}}' },
  // Wrong types everywhere.
  ...FIELDS.flatMap((set, f) =>
    WRONG.map((v) => {
      const b = structuredClone(VALID);
      set(b, v);
      return { name: `wrong type: field ${f} = ${JSON.stringify(v)}`, body: JSON.stringify(b) };
    }),
  ),
  ...WRONG.map((v) => ({ name: `classify input = ${JSON.stringify(v)}`, path: '/v1/classify', body: JSON.stringify({ input: v }) })),
  ...WRONG.map((v) => ({ name: `moderations input = ${JSON.stringify(v)}`, path: '/v1/moderations', body: JSON.stringify({ input: v }) })),
  ...WRONG.map((v) => ({ name: `embeddings input = ${JSON.stringify(v)}`, path: '/v1/embeddings', body: JSON.stringify({ model: 'e', input: v }) })),
  ...WRONG.map((v) => ({ name: `completions prompt = ${JSON.stringify(v)}`, path: '/v1/completions', body: JSON.stringify({ model: 'c', prompt: v }) })),
  ...WRONG.map((v) => ({ name: `admin key name = ${JSON.stringify(v)}`, path: '/admin/keys', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ name: v, limits: v }) })),
  // Content types.
  ...['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', '*/*', ''].map((type) => ({
    name: `content-type ${JSON.stringify(type)}`,
    headers: { authorization: KEY.authorization, 'content-type': type },
    body: ok(),
  })),
  // Routes, methods, headers.
  ...['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'HEAD'].map((method) => ({ name: `${method} /v1/chat/completions`, method, body: method === 'GET' || method === 'HEAD' ? undefined : ok() })),
  ...['/v1', '/v1/', '/v1/nope', '/v2/chat/completions', '/v1/chat/completions/extra', '/v1/../admin/keys', '/v1/%2e%2e/admin/keys', '/v1/chat%2Fcompletions', `/v1/${'a'.repeat(8000)}`, '/admin/nope', '/dashboard/../admin/keys', '/%00', '/v1/models/%ff'].map((path) => ({ name: `route ${path.slice(0, 40)}`, path, method: 'GET' })),
  { name: 'admin traces with junk query', path: '/admin/traces?limit=-5&since=yesterday&limit=1e309', method: 'GET', headers: ADMIN },
  { name: 'admin metrics with junk window', path: '/admin/metrics?window=%00%ff', method: 'GET', headers: ADMIN },
  { name: 'admin key delete of junk id', path: `/admin/keys/${encodeURIComponent("' OR 1=1 --")}`, method: 'DELETE', headers: ADMIN },
  { name: 'a 12 MB dashboard login form', path: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${'x'.repeat(12 * 1024 * 1024)}`, status: [413] },
  { name: 'a chunked dashboard login form', path: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new Blob(['token=abc']).stream() as never, status: [401, 413], html: true },
  { name: 'a dashboard login with junk', path: '/dashboard/login', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="token"\r\n\r\n\u0000\r\n--', status: [401], html: true },
  { name: 'a 16 KB authorization header', headers: { authorization: `Bearer ${'k'.repeat(16 * 1024)}`, 'content-type': 'application/json' }, body: ok(), status: [401] },
  { name: 'authorization with control characters', headers: { authorization: 'Bearer sk-gw-test\t', 'content-type': 'application/json' }, body: ok() },
  { name: 'a virtual-key-shaped junk key', headers: { authorization: 'Bearer tk_live_not.a.real.key', 'content-type': 'application/json' }, body: ok(), status: [401] },
];

async function send(c: Case): Promise<Response> {
  return gatewayFetch(`${GATEWAY}${c.path ?? '/v1/chat/completions'}`, {
    method: c.method ?? 'POST',
    headers: c.headers ?? KEY,
    body: c.body,
    ...(c.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

describe('hostile requests', () => {
  it(`never a 5xx, always an OpenAI error (${corpus.length} requests)`, async () => {
    const failures: string[] = [];
    for (const c of corpus) {
      let res: Response;
      try {
        res = await send(c);
      } catch (err) {
        failures.push(`${c.name}: could not be sent (${(err as Error).message})`);
        continue;
      }
      const text = c.method === 'HEAD' ? '' : await res.text();
      const where = `${c.name}: ${res.status} ${text.slice(0, 160)}`;
      if (res.status >= 500 || (c.status && !c.status.includes(res.status))) failures.push(where);
      if (c.html && res.headers.get('content-type')?.startsWith('text/html')) continue;
      if (res.status >= 400 && c.method !== 'HEAD') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          failures.push(`${where} (not JSON)`);
          continue;
        }
        const errors = openaiSchemaErrors('ErrorResponse', body);
        if (errors.length) failures.push(`${where} (not an OpenAI error: ${errors[0]})`);
        if (!res.headers.get('x-request-id')) failures.push(`${where} (no x-request-id)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('no prototype was polluted, and the gateway keeps serving', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const m = marker('after');
    const res = await gatewayFetch(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: KEY, body: ok().replace('"hi"', JSON.stringify(m)) });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ choices: [{ message: { content: `Echo: ${m}` } }] });
    expect(await upstreamReceived(m)).toHaveLength(1);
  });

  it('what reaches the upstream keeps a __proto__ key as data, never as the object prototype', async () => {
    const m = marker('proto');
    const body = `{"__proto__":{"model":"evil"},"model":"gpt-4.1-mini","messages":[{"role":"user","content":"${m}"}]}`;
    const res = await gatewayFetch(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: KEY, body });
    expect(res.status).toBe(200);
    const [received] = await upstreamReceived(m);
    expect(received!.body.model).toBe('gpt-4.1-mini');
  });
});
