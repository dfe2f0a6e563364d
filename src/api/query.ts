import type { z } from 'zod';
import { invalidRequest } from '../openai/errors';

/** Validates query parameters; a bad one is a 400 naming it. */
export function query<S extends z.ZodType>(schema: S, values: Record<string, string>): z.infer<S> {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw invalidRequest(`Invalid query parameter '${issue.path.join('.')}': ${issue.message}`, String(issue.path[0] ?? ''));
}
