import { z } from 'zod';
import { flywheelReferences, flywheelSchema } from '../flywheel/schema';

/**
 * The policy file schema. Policies are YAML files in `policies/`, validated with this schema at
 * build time (`npm run policy -- build`), which also writes `policies/schema.json` for editors.
 * Objects are strict so a misspelt key is an error with its line, not a silently ignored setting.
 */

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');
const name = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, ".", "_" or "-"');
const ms = z.number().int().min(0).max(600_000);

export const providerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('openai').describe('Any OpenAI-compatible API.'),
    base_url: z
      .string()
      .refine((v) => v.includes('${') || URL.canParse(v), 'a URL (may use ${VARIABLE} parts)')
      .optional()
      .describe('Upstream base URL, e.g. https://api.openai.com/v1; ${VARIABLE} parts come from the environment.'),
    base_url_env: envName.optional().describe('Read the base URL from this variable (wins over base_url when set).'),
    api_key_env: envName.optional().describe('Variable holding the API key. Secrets never go in policy files.'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra, non-secret headers sent upstream.'),
    headers_env: z.record(z.string(), envName).optional().describe('Extra headers whose values come from variables.'),
    when_key_missing: z
      .enum(['demo', 'error'])
      .describe('What happens when api_key_env is unset: serve with the local demo provider, or fail the request.'),
  }),
  z.strictObject({
    type: z.literal('demo').describe('Local deterministic answers: no account, no network.'),
    latency_ms: ms.default(40),
    chunk_delay_ms: ms.default(8),
  }),
  z.strictObject({
    type: z.literal('workers-ai').describe('Cloudflare Workers AI through the AI binding.'),
    binding: z.string().default('AI'),
  }),
]);

export const targetSchema = z.strictObject({
  provider: name,
  model: z.string().min(1),
  timeout_ms: ms.optional().describe('Overrides resilience.timeout_ms for this target.'),
});

export const priceSchema = z.strictObject({
  input: z.number().min(0).describe('USD per 1M input tokens.'),
  output: z.number().min(0).describe('USD per 1M output tokens.'),
  cached_input: z.number().min(0).optional().describe('USD per 1M cached input tokens.'),
});

export const tierSchema = z.strictObject({
  targets: z.array(targetSchema).min(1).describe('The first target serves; the rest are the fallback chain, in order.'),
});

const threshold = z
  .union([z.number().min(0).max(1), z.string().regex(/^[a-z0-9_]+$/)])
  .describe('A probability, or a named operating point stored with the model (e.g. fpr_1pct).');

export const ACTIONS = ['block', 'redact', 'flag'] as const;
const action = z
  .string()
  .regex(/^(block|redact|flag|route:[a-zA-Z0-9_-]+)$/, 'block, redact, flag or route:<tier>')
  .describe('What to do when the guard fires.');

export const MESSAGE_ROLES = ['user', 'system', 'developer', 'assistant', 'tool', 'all'] as const;

export const guardRuleSchema = z.strictObject({
  guard: z.string().min(1).describe('prompt_injection, jailbreak, harmful, toxic, pii, secrets, or remote:<classifier>'),
  threshold: threshold.optional(),
  action,
  mode: z.enum(['enforce', 'shadow']).describe('shadow: record what would have happened, change nothing.'),
  on_error: z.enum(['open', 'closed']).describe('A guard that errors or times out: let the request through (open) or block it (closed).'),
  timeout_ms: ms.describe('Deadline for this guard.'),
  messages: z.array(z.enum(MESSAGE_ROLES)).min(1).optional().describe('Which messages the guard reads (input guards).'),
  types: z.array(z.string()).optional().describe('pii/secrets: which entity types (default: all).'),
  cascade: z.string().optional().describe('remote classifier asked only when the embedded score is in the uncertain band'),
  band: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional().describe('uncertain band [low, high] for cascade'),
});

/** Per-key limits: a virtual key's own (admin API) or a policy's default for its keys. */
export const keyLimitsSchema = z.strictObject({
  rpm: z.number().int().min(1).max(1_000_000).optional().describe('Requests per minute (sliding 60 s window).'),
  tpm: z.number().int().min(1).max(1_000_000_000).optional().describe('Tokens (prompt + completion) per minute (sliding 60 s window).'),
  daily_usd: z.number().positive().max(1_000_000).optional().describe('Spend per UTC day, in USD.'),
  monthly_usd: z.number().positive().max(10_000_000).optional().describe('Spend per UTC calendar month, in USD.'),
});

export const remoteClassifierSchema = z.strictObject({
  provider: name,
  model: z.string().min(1),
  timeout_ms: ms,
});

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  name: name.optional(),
  description: z.string().optional(),
  keys: z.array(z.string()).default([]).describe('Names of the gateway keys that use this policy.'),
  providers: z.record(name, providerSchema),
  models: z.strictObject({
    tiers: z.record(name, tierSchema).refine((t) => Object.keys(t).length > 0, 'at least one tier'),
    aliases: z.record(z.string(), z.union([name, targetSchema])).default({}).describe('model name → tier, or → target'),
    default_tier: name.describe('The tier `auto` resolves to when routing is off.'),
    passthrough: z
      .union([z.literal(false), z.strictObject({ provider: name })])
      .describe('Unknown model names go to this provider unchanged, or are refused (false).'),
    embeddings: targetSchema.optional().describe('Where /v1/embeddings goes when the model is not an alias.'),
    prices: z.record(z.string(), priceSchema).default({}).describe('Overrides models/prices.json per model.'),
  }),
  routing: z
    .strictObject({
      enabled: z.boolean(),
      threshold: threshold.describe('complexity ≥ threshold → the large tier.'),
      below: name.describe('Tier for requests under the threshold.'),
      above: name.describe('Tier for requests at or over the threshold.'),
      on_error: z.enum(['below', 'above']).describe('Tier when the router fails.'),
    })
    .optional(),
  resilience: z
    .strictObject({
      timeout_ms: ms.default(60_000).describe('Per attempt: until the upstream answers with headers.'),
      stream_idle_timeout_ms: ms.default(60_000).describe('Longest silence allowed inside a stream.'),
      retries: z.number().int().min(0).max(10).default(2).describe('Retries per target on 429/5xx/network errors.'),
      backoff_ms: ms.default(200),
      max_backoff_ms: ms.default(4_000),
      max_retry_after_ms: ms.default(10_000).describe('A retry-after longer than this moves on to the next target.'),
    })
    .prefault({}),
  guards: z
    .strictObject({
      input: z.array(guardRuleSchema).default([]),
      output: z.array(guardRuleSchema).default([]),
      restore_redacted: z.boolean().default(false).describe('Put redacted values back in the response the client sees.'),
      hold_back_chars: z.number().int().min(0).max(4096).optional().describe('Streamed output held back for detectors.'),
    })
    .prefault({}),
  classifiers: z.record(name, remoteClassifierSchema).default({}),
  capture: z
    .strictObject({ text: z.enum(['none', 'redacted', 'full']).default('redacted') })
    .prefault({})
    .describe('What request/response text traces keep.'),
  cache: z
    .strictObject({ enabled: z.boolean().default(false), ttl_s: z.number().int().min(1).max(86_400 * 7).default(3_600) })
    .prefault({}),
  limits: z
    .strictObject({
      max_body_bytes: z.number().int().min(1024).max(32 * 1024 * 1024).default(4 * 1024 * 1024),
      per_key: keyLimitsSchema
        .optional()
        .describe('Limits for every key using this policy (GATEWAY_API_KEYS keys; virtual keys fill the fields they leave unset).'),
    })
    .prefault({}),
  flywheel: flywheelSchema.optional().describe('Router labels from live traffic: shadow comparisons (README "The flywheel").'),
});

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type ProviderSpec = z.output<typeof providerSchema>;
export type TargetSpec = z.output<typeof targetSchema>;
export type GuardRule = z.output<typeof guardRuleSchema>;
export type Price = z.output<typeof priceSchema>;
export type KeyLimits = z.output<typeof keyLimitsSchema>;

type Issue = { path: (string | number)[]; message: string };

/** References between sections: every tier, provider and classifier a policy names must exist. */
export function checkReferences(p: Policy): Issue[] {
  const issues: Issue[] = [];
  const tiers = new Set(Object.keys(p.models.tiers));
  const providers = new Set(Object.keys(p.providers));
  const needTier = (t: string, path: Issue['path']) => {
    if (!tiers.has(t)) issues.push({ path, message: `unknown tier "${t}" (tiers: ${[...tiers].join(', ')})` });
  };
  const needProvider = (prov: string, path: Issue['path']) => {
    if (!providers.has(prov)) issues.push({ path, message: `unknown provider "${prov}" (providers: ${[...providers].join(', ')})` });
  };
  for (const [tier, spec] of Object.entries(p.models.tiers)) {
    spec.targets.forEach((t, i) => needProvider(t.provider, ['models', 'tiers', tier, 'targets', i, 'provider']));
  }
  for (const [alias, to] of Object.entries(p.models.aliases)) {
    if (typeof to === 'string') needTier(to, ['models', 'aliases', alias]);
    else needProvider(to.provider, ['models', 'aliases', alias, 'provider']);
  }
  needTier(p.models.default_tier, ['models', 'default_tier']);
  if (p.models.passthrough) needProvider(p.models.passthrough.provider, ['models', 'passthrough', 'provider']);
  if (p.models.embeddings) needProvider(p.models.embeddings.provider, ['models', 'embeddings', 'provider']);
  if (p.routing) {
    needTier(p.routing.below, ['routing', 'below']);
    needTier(p.routing.above, ['routing', 'above']);
  }
  for (const side of ['input', 'output'] as const) {
    p.guards[side].forEach((g, i) => {
      const route = /^route:(.+)$/.exec(g.action);
      if (route) needTier(route[1]!, ['guards', side, i, 'action']);
      const remote = /^remote:(.+)$/.exec(g.guard)?.[1] ?? g.cascade;
      if (remote && !p.classifiers[remote]) {
        issues.push({ path: ['guards', side, i, remote === g.cascade ? 'cascade' : 'guard'], message: `unknown classifier "${remote}"` });
      }
    });
  }
  for (const [n, c] of Object.entries(p.classifiers)) needProvider(c.provider, ['classifiers', n, 'provider']);
  issues.push(...flywheelReferences(p));
  return issues;
}
