import type { CompiledPolicy } from '../policy/compile';
import { priceOf } from '../telemetry/cost';

/**
 * What a request may cost at most, reserved against a budget before the upstream call (the real
 * cost replaces it in `settle`). Limits are checked before routing, so the model is not known yet:
 * take the dearest model the request could reach (every tier for `auto`, the alias's chain, or the
 * passthrough model) and price every estimated token at that model's dearer rate (input or
 * output). Erring high keeps concurrent requests from overspending a nearly used budget.
 * A model without a price reserves 0 (its cost is 0 in traces too).
 */
export function estimateUsd(policy: CompiledPolicy, model: string | null, tokens: number): number {
  const overrides = policy.spec.models.prices;
  let models: string[] = [];
  if (!model || model === 'auto') {
    for (const targets of policy.tiers.values()) models.push(...targets.map((t) => t.model));
  } else {
    try {
      models = policy.resolveModel(model).targets.map((t) => t.model);
    } catch {
      models = [model];
    }
  }
  let perMillion = 0;
  for (const m of models) {
    const price = priceOf(m, overrides);
    if (price) perMillion = Math.max(perMillion, price.input, price.output);
  }
  return Math.round(tokens * perMillion * 1000) / 1e9;
}
