/**
 * OpenAI's published OpenAPI spec, made usable by a JSON Schema validator: OpenAPI 3.0-style
 * `nullable: true` becomes a null alternative and the non-standard `format: unixtime` is dropped.
 * Read in node (globalSetup / node tests) from ../shared/openai/openapi.json, or from
 * $OPENAI_OPENAPI_PATH for users who downloaded the spec themselves; never copied into the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SPEC_PATH = process.env.OPENAI_OPENAPI_PATH ?? resolve('../shared/openai/openapi.json');

type Schema = Record<string, any>;

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k === 'nullable' || (k === 'format' && v === 'unixtime')) continue;
    out[k] = convert(v);
  }
  if ((node as Schema).nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** The named component schemas and everything they reference, converted. */
export function loadOpenAISchemas(names: string[]): Record<string, Schema> {
  if (!existsSync(SPEC_PATH)) throw new Error(`OpenAI spec not found at ${SPEC_PATH}: set OPENAI_OPENAPI_PATH`);
  const all = JSON.parse(readFileSync(SPEC_PATH, 'utf8')).components.schemas as Record<string, Schema>;
  const out: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (out[name] || !all[name]) return;
    out[name] = convert(all[name]) as Schema;
    for (const ref of JSON.stringify(all[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(ref[1]!);
  };
  names.forEach(visit);
  return out;
}

export const RESPONSE_SCHEMAS = [
  'CreateChatCompletionResponse',
  'CreateChatCompletionStreamResponse',
  'ErrorResponse',
  'ListModelsResponse',
  'CreateEmbeddingResponse',
  'CreateModerationResponse',
  'CreateCompletionResponse',
];
