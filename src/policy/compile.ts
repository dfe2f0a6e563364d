import { GatewayError } from '../openai/errors';
import { createProvider } from '../providers/registry';
import type { Provider, ProviderConfig } from '../providers/types';
import type { Resilience, Resolution, Target } from '../routing/types';
import { type CompiledRule, compileRules } from '../guards/compile';
import type { RemoteClassifier } from '../guards/remote';
import { type RoutingSettings, routerThreshold } from '../routing/router';
import type { Policy, ProviderSpec, TargetSpec } from './schema';

/**
 * A policy made ready to serve: providers instantiated with secrets from the environment, tiers
 * resolved to target chains. Built once per isolate and policy, then reused by every request.
 */
export interface CompiledPolicy {
  name: string;
  spec: Policy;
  providers: Map<string, Provider>;
  tiers: Map<string, Target[]>;
  resilience: Resilience;
  /** Things an operator should know (e.g. "openai: no key, the demo provider answers"). */
  notices: string[];
  inputRules: CompiledRule[];
  outputRules: CompiledRule[];
  restoreRedacted: boolean;
  routing?: RoutingSettings;
  resolveModel(model: string): Resolution;
  /** The resolution for a tier chosen by the router or a guard's `route:<tier>`. */
  tier(name: string): Resolution;
}

type RawEnv = Record<string, unknown>;
const envString = (env: RawEnv, name: string | undefined) => {
  const v = name ? env[name] : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

/** `${NAME}` parts of a URL from the environment; undefined when one is unset. */
function interpolate(template: string | undefined, env: RawEnv): string | undefined {
  if (!template) return undefined;
  let missing = false;
  const out = template.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => envString(env, name) ?? ((missing = true), ''));
  return missing ? undefined : out;
}

/** A provider whose key is missing and whose policy says to fail: every call is a clear 503. */
function unconfigured(id: string, variable: string): Provider {
  return {
    id,
    kind: 'unconfigured',
    send: () => {
      throw new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'provider_not_configured',
        message: `Provider "${id}" is not configured: set ${variable}.`,
      });
    },
  };
}

function buildProvider(id: string, spec: ProviderSpec, env: RawEnv, notices: string[]): Provider {
  if (spec.type === 'demo') {
    return createProvider({ id, kind: 'demo', headers: {}, latencyMs: spec.latency_ms, chunkDelayMs: spec.chunk_delay_ms });
  }
  if (spec.type === 'workers-ai') {
    return createProvider({ id, kind: 'workers-ai', headers: {}, binding: env[spec.binding] });
  }
  const apiKey = envString(env, spec.api_key_env);
  if (spec.api_key_env && !apiKey) {
    if (spec.when_key_missing === 'demo') {
      notices.push(`provider "${id}": ${spec.api_key_env} is not set, the local demo provider answers instead`);
      return createProvider({ id, kind: 'demo', headers: {}, latencyMs: 40, chunkDelayMs: 8 });
    }
    return unconfigured(id, spec.api_key_env);
  }
  const headers: Record<string, string> = { ...spec.headers };
  for (const [h, variable] of Object.entries(spec.headers_env ?? {})) {
    const v = envString(env, variable);
    if (v) headers[h] = v;
  }
  const baseUrl = envString(env, spec.base_url_env) ?? interpolate(spec.base_url, env);
  if (!baseUrl || !URL.canParse(baseUrl)) return unconfigured(id, spec.base_url_env ?? 'base_url');
  const config: ProviderConfig = { id, kind: 'openai', baseUrl, apiKey, headers };
  return createProvider(config);
}

export function compilePolicy(spec: Policy, env: RawEnv): CompiledPolicy {
  const notices: string[] = [];
  const providers = new Map<string, Provider>();
  for (const [id, p] of Object.entries(spec.providers)) providers.set(id, buildProvider(id, p, env, notices));

  const r = spec.resilience;
  const resilience: Resilience = {
    timeoutMs: r.timeout_ms,
    streamIdleTimeoutMs: r.stream_idle_timeout_ms,
    retries: r.retries,
    backoffMs: r.backoff_ms,
    maxBackoffMs: r.max_backoff_ms,
    maxRetryAfterMs: r.max_retry_after_ms,
  };
  const target = (t: TargetSpec): Target => ({
    provider: providers.get(t.provider)!,
    model: t.model,
    timeoutMs: t.timeout_ms ?? resilience.timeoutMs,
    label: `${t.provider}:${t.model}`,
  });
  const tiers = new Map(Object.entries(spec.models.tiers).map(([name, tier]) => [name, tier.targets.map(target)]));
  const aliases = new Map(
    Object.entries(spec.models.aliases).map(([alias, to]): [string, Resolution] =>
      typeof to === 'string' ? [alias, { tier: to, targets: tiers.get(to)!, auto: false }] : [alias, { tier: 'alias', targets: [target(to)], auto: false }],
    ),
  );
  const defaultTier: Resolution = { tier: spec.models.default_tier, targets: tiers.get(spec.models.default_tier)!, auto: true };
  const passthrough = spec.models.passthrough;

  const classifiers = new Map<string, RemoteClassifier>(
    Object.entries(spec.classifiers).map(([name, c]) => [name, { name, provider: providers.get(c.provider)!, model: c.model }]),
  );
  const guardEnv = { classifiers, bindings: env };
  const r2 = spec.routing;
  const routing: RoutingSettings | undefined = r2?.enabled
    ? { threshold: routerThreshold(r2.threshold), thresholdLabel: String(r2.threshold), below: r2.below, above: r2.above, onError: r2.on_error }
    : undefined;

  return {
    name: spec.name ?? 'unnamed',
    spec,
    providers,
    tiers,
    resilience,
    notices,
    inputRules: compileRules(spec.guards.input, guardEnv),
    outputRules: compileRules(spec.guards.output, guardEnv),
    restoreRedacted: spec.guards.restore_redacted,
    routing,
    tier: (name) => ({ tier: name, targets: tiers.get(name)!, auto: true }),
    resolveModel(model) {
      if (model === 'auto') return defaultTier;
      const alias = aliases.get(model);
      if (alias) return alias;
      if (passthrough) return { tier: 'passthrough', targets: [target({ provider: passthrough.provider, model })], auto: false };
      throw new GatewayError({
        status: 404,
        type: 'invalid_request_error',
        code: 'model_not_found',
        param: 'model',
        message: `The model \`${model.slice(0, 200)}\` does not exist or you do not have access to it.`,
      });
    },
  };
}
