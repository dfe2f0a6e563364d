import { Validator } from '@cfworker/json-schema';
import type { Grader } from './types';

/** A fenced ```json block when there is one, else the whole answer. */
function jsonText(answer: string): string {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(answer);
  return (fenced ? fenced[1]! : answer).trim();
}

/**
 * The answer is JSON valid against a schema (structured-output workloads). Interpreted by
 * @cfworker/json-schema, which runs in workerd (ajv's code generation is not allowed there).
 */
export function jsonSchemaGrader(opts: { schema: Record<string, unknown> }): Grader {
  const validator = new Validator(opts.schema as object, '2020-12', false);
  return {
    name: 'json_schema',
    needsReference: false,
    async grade(input) {
      let value: unknown;
      try {
        value = JSON.parse(jsonText(input.answer));
      } catch {
        return { score: 0, pass: false, detail: { errors: ['not JSON'] } };
      }
      const result = validator.validate(value);
      // The deepest errors first: they name the field; the ones above only say "a property failed".
      const deepest = [...result.errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length);
      const errors = deepest.slice(0, 5).map((e) => `${e.instanceLocation}: ${e.error}`);
      return { score: result.valid ? 1 : 0, pass: result.valid, detail: result.valid ? {} : { errors } };
    },
  };
}
