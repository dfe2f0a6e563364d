import catalog from '../../models/prices.json';
import type { CompiledPolicy } from '../policy/compile';
import type { Price } from '../policy/schema';

/**
 * Cost accounting (README "Cost and savings"). Prices are USD per 1M tokens; the policy's
 * `models.prices` overrides the catalog in models/prices.json.
 *
 *   cost  = ((prompt − cached) × input + cached × cached_input + completion × output) / 1e6
 *   saved = cost of the same usage on the large tier's first model − cost
 *   saved (blocked, nothing sent upstream) = prompt × large.input / 1e6
 *
 * A model with no price costs 0 and the trace says so (`cost_flags: ["unknown_price"]`); it is
 * never a reason to fail or to drop a trace.
 */

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
}

export type CostFlag = 'unknown_price' | 'unknown_baseline_price' | 'no_large_tier' | 'estimated_usage';

export interface CostResult {
  cost_usd: number;
  saved_usd: number;
  /** The model whose price the savings compare against. */
  baseline_model: string | null;
  flags: CostFlag[];
}

const CATALOG = catalog.models as Record<string, Price>;

const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/** Exact name first, then without a dated snapshot suffix or a `provider/` prefix. */
export function priceOf(model: string | null, overrides: Record<string, Price> = {}): Price | undefined {
  if (!model) return undefined;
  const candidates = [model, model.replace(SNAPSHOT, '')];
  const slash = model.lastIndexOf('/');
  if (slash >= 0) candidates.push(model.slice(slash + 1), model.slice(slash + 1).replace(SNAPSHOT, ''));
  for (const name of candidates) {
    // Own properties only: a model named `toString` must not find Object.prototype's.
    const price = Object.hasOwn(overrides, name) ? overrides[name] : Object.hasOwn(CATALOG, name) ? CATALOG[name] : undefined;
    if (price) return price;
  }
  return undefined;
}

/** USD for this usage at this price; rounded to 1e-9 so sums stay exact enough to read. */
export function usd(usage: Usage, price: Price): number {
  const cached = Math.min(Math.max(usage.cached_tokens, 0), usage.prompt_tokens);
  const micro = (usage.prompt_tokens - cached) * price.input + cached * (price.cached_input ?? price.input) + usage.completion_tokens * price.output;
  return Math.round(micro * 1000) / 1e9;
}

/** The policy's large tier: the tier routing sends hard requests to, else a tier named `large`. */
export function largeModel(policy: CompiledPolicy | undefined): string | null {
  if (!policy) return null;
  const tier = policy.spec.routing?.above ?? 'large';
  return policy.tiers.get(tier)?.[0]?.model ?? null;
}

export interface CostInput {
  policy?: CompiledPolicy;
  model: string | null;
  usage: Usage;
  /** Nothing was sent upstream because a guard blocked the request. */
  blocked: boolean;
  /** Something was generated (and so billed): an answer, even a partial stream. */
  billed: boolean;
  estimated: boolean;
}

export function costOf(input: CostInput): CostResult {
  const overrides = input.policy?.spec.models.prices ?? {};
  const flags: CostFlag[] = input.estimated ? ['estimated_usage'] : [];
  const baselineModel = largeModel(input.policy);
  const baseline = priceOf(baselineModel, overrides);
  if (!baselineModel) flags.push('no_large_tier');
  else if (!baseline) flags.push('unknown_baseline_price');

  if (input.blocked) {
    const saved = baseline ? usd({ prompt_tokens: input.usage.prompt_tokens, completion_tokens: 0, cached_tokens: 0 }, baseline) : 0;
    return { cost_usd: 0, saved_usd: saved, baseline_model: baselineModel, flags };
  }
  if (!input.billed) return { cost_usd: 0, saved_usd: 0, baseline_model: baselineModel, flags };

  const price = priceOf(input.model, overrides);
  if (!price) {
    flags.push('unknown_price');
    return { cost_usd: 0, saved_usd: 0, baseline_model: baselineModel, flags };
  }
  const cost = usd(input.usage, price);
  const saved = baseline ? Math.round((usd(input.usage, baseline) - cost) * 1e9) / 1e9 : 0;
  return { cost_usd: cost, saved_usd: saved, baseline_model: baselineModel, flags };
}
