import { GatewayError } from '../openai/errors';
import { POLICIES } from './bundled.gen';
import { type CompiledPolicy, compilePolicy } from './compile';

/**
 * The bundled policies (validated at build time), compiled lazily once per isolate and
 * environment. `POLICY` names the default; keys may name others.
 */
const compiled = new WeakMap<object, Map<string, CompiledPolicy>>();

export const policyNames = (): string[] => Object.keys(POLICIES);

export function getPolicy(env: object, name: string): CompiledPolicy {
  let byName = compiled.get(env);
  if (!byName) {
    byName = new Map();
    compiled.set(env, byName);
  }
  let policy = byName.get(name);
  if (!policy) {
    const spec = POLICIES[name];
    if (!spec) {
      throw new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'gateway_misconfigured',
        message: `Policy "${name}" is not bundled with this gateway (bundled: ${policyNames().join(', ')}).`,
      });
    }
    try {
      policy = compilePolicy(spec, env as Record<string, unknown>);
    } catch (err) {
      throw new GatewayError({
        status: 503,
        type: 'api_error',
        code: 'gateway_misconfigured',
        message: `Policy "${name}" cannot be used: ${(err as Error).message}.`,
      });
    }
    for (const notice of policy.notices) console.warn(`[triage] policy ${name}: ${notice}`);
    byName.set(name, policy);
  }
  return policy;
}

/** The policy whose `keys:` lists this key name, if any. */
export function policyNameForKey(keyName: string): string | undefined {
  for (const [name, spec] of Object.entries(POLICIES)) if (spec.keys.includes(keyName)) return name;
  return undefined;
}
