import { z } from 'zod';
import { GatewayError } from '../openai/errors';

/**
 * The Worker's variables and secrets (DESIGN.md "Configuration"), validated once per isolate.
 * Policies may name further variables (`api_key_env`, `base_url_env`); those are read from the
 * raw environment when the policy is compiled.
 */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));

export const envSchema = z.object({
  OPENAI_BASE_URL: optional.pipe(z.url({ message: 'OPENAI_BASE_URL must be a URL' }).optional()),
  OPENAI_API_KEY: optional,
  GATEWAY_API_KEYS: optional,
  ADMIN_TOKEN: optional,
  POLICY: optional.transform((v) => v ?? 'default'),
  /** Set by `npm start` / `npm run serve` only; a deployed Worker is production. */
  TRIAGE_ENV: z.enum(['development', 'production']).default('production'),
  /** Origins allowed to call /v1/* from a browser (comma-separated, or `*`); unset: no CORS (src/api/cors.ts). */
  CORS_ALLOWED_ORIGINS: optional,
  MAX_BODY_BYTES: optional.transform((v) => (v === undefined ? undefined : Number(v))).pipe(z.number().int().positive().optional()),
});

export type GatewayEnv = z.output<typeof envSchema>;

const cache = new WeakMap<object, GatewayEnv>();

export function readEnv(raw: object): GatewayEnv {
  let env = cache.get(raw);
  if (!env) {
    const result = envSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      // A misconfigured deployment is an availability fault (503), not a bug in the request.
      throw new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'gateway_misconfigured',
        message: `The gateway is misconfigured: ${issue.path.join('.')}: ${issue.message}`,
      });
    }
    env = result.data;
    cache.set(raw, env);
  }
  return env;
}
