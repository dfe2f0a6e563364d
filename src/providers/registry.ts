import { createDemo } from './demo';
import { createOpenAICompatible } from './openai-compatible';
import { createWorkersAi } from './workers-ai';
import type { Provider, ProviderConfig, ProviderFactory } from './types';

/** One line per provider kind: a new provider touches its own folder and this table. */
const factories: Record<string, ProviderFactory> = {
  openai: createOpenAICompatible,
  demo: createDemo,
  'workers-ai': createWorkersAi,
};

export function createProvider(config: ProviderConfig): Provider {
  const factory = factories[config.kind];
  if (!factory) throw new Error(`provider "${config.id}": unknown type "${config.kind}"`);
  return factory(config);
}
