import type { GatewayEnv } from '../config/env';
import type { RequestState } from '../pipeline/state';

/** Hono's environment for every route: the Worker's bindings, plus per-request state. */
export type AppEnv = {
  Bindings: Env & Record<string, unknown>;
  Variables: { state: RequestState; config: GatewayEnv };
};
