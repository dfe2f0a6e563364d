import type { z } from 'zod';
import { GatewayError, invalidRequest } from './errors';

/** Default cap on a request body; a policy or `MAX_BODY_BYTES` may change it. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const JSON_TYPES = /^application\/(?:[\w.+-]+\+)?json\b/i;
/** One decoder per isolate: a non-streaming decode() starts afresh every call, errors included. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const tooLarge = (limit: number) =>
  new GatewayError({
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: `Request body is larger than the gateway's limit of ${limit} bytes.`,
  });

/** A body without `content-length` (chunked), read piece by piece and abandoned past the cap. */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a request body as JSON with a byte cap that holds even when `content-length` lies or is
 * missing (chunked uploads), rejecting invalid UTF-8 instead of silently replacing it.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type && !JSON_TYPES.test(type)) {
    throw new GatewayError({
      status: 415,
      type: 'invalid_request_error',
      code: 'unsupported_media_type',
      message: `Unsupported content-type "${type.slice(0, 100)}": send the request body as application/json.`,
    });
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw invalidRequest('The request body is empty: expected a JSON object.');
  // With a valid `content-length` the runtime frames the body by it, so it cannot exceed what was
  // declared (checked above): one native read, the common case and the cheap one (the chunked
  // read below was ~5% of the gateway's CPU per request under load).
  const framed = request.headers.has('content-length') && Number.isInteger(declared) && declared >= 0;
  const bytes = framed ? new Uint8Array(await request.arrayBuffer()) : await readCapped(request.body, maxBytes);
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  if (bytes.byteLength === 0) throw invalidRequest('The request body is empty: expected a JSON object.');

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw invalidRequest('The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // RangeError covers pathologically deep nesting; both are the client's fault.
    const detail = err instanceof SyntaxError ? `: ${err.message}` : ' (nesting too deep)';
    throw invalidRequest(`We could not parse the JSON body of your request${detail}.`);
  }
}

/** `messages[0].content` from zod's path, the way OpenAI names a `param`. */
export function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = paramName(issue.path);
  return where ? `Invalid value for '${where}': ${issue.message}` : issue.message;
}

/** Validates a parsed body, or throws a 400 naming the first field that is wrong. */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const where = paramName(issue.path);
  const message = missing && where ? `Missing required parameter: '${where}'.` : describeIssue(issue);
  throw invalidRequest(message, where, missing ? 'missing_required_parameter' : 'invalid_value');
}
