import type { RequestState } from '../pipeline/state';

/**
 * Per-key limits (requests and tokens per minute, spend per day and month), enforced before the
 * upstream call and reconciled with real usage afterwards.
 * (Placeholder until the limits module lands: no limits are enforced.)
 */
export async function admit(_env: object, _state: RequestState, _estimatedTokens: number): Promise<void> {}

/** After the response: real usage and cost replace the estimate. */
export async function settle(_env: object, _state: RequestState, _cost: { cost_usd: number }): Promise<void> {}
