import { Validator } from '@cfworker/json-schema';
import { inject } from 'vitest';

/**
 * Validates a response body against a schema of OpenAI's published spec (inside workerd, where
 * ajv's code generation is forbidden; @cfworker/json-schema interprets instead).
 */
const validators = new Map<string, Validator>();

export function openaiSchemaErrors(name: string, value: unknown): string[] {
  let v = validators.get(name);
  if (!v) {
    const schemas = inject('openaiSchemas');
    v = new Validator({ $ref: `#/components/schemas/${name}`, components: { schemas } } as object, '2020-12', false);
    validators.set(name, v);
  }
  const result = v.validate(value);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}
