import type { Guard } from '../types';

/**
 * Llama Guard on Workers AI (through the `AI` binding), behind the same interface. It answers
 * "safe" or "unsafe" with MLCommons hazard categories (S1…S14), either as text ("unsafe\nS1,S10")
 * or as `{ safe, categories }`; the score is 1 for unsafe, 0 for safe. It costs a model call
 * (hundreds of ms), so it belongs in a cascade or an output guard, not on every request.
 */
export const LLAMA_GUARD_MODEL = '@cf/meta/llama-guard-3-8b';

interface AiBinding {
  run(model: string, input: unknown, options?: unknown): Promise<unknown>;
}

export function parseLlamaGuard(out: unknown): { safe: boolean; categories: string[] } {
  const response = (out as { response?: unknown })?.response;
  if (typeof response === 'string') {
    const [first, second] = response.trim().split('\n');
    if (first?.trim() === 'safe') return { safe: true, categories: [] };
    if (first?.trim() === 'unsafe') return { safe: false, categories: (second ?? '').split(',').map((s) => s.trim()).filter(Boolean) };
  } else if (response && typeof response === 'object' && typeof (response as { safe?: unknown }).safe === 'boolean') {
    const r = response as { safe: boolean; categories?: string[] };
    return { safe: r.safe, categories: r.categories ?? [] };
  }
  throw new Error('Workers AI: unexpected Llama Guard answer');
}

export function workersAiGuard(binding: unknown, model = LLAMA_GUARD_MODEL): Guard {
  return {
    name: 'workers-ai',
    async check(text) {
      const ai = binding as AiBinding | undefined;
      if (!ai || typeof ai.run !== 'function') throw new Error('Workers AI: no AI binding configured');
      const verdict = parseLlamaGuard(await ai.run(model, { messages: [{ role: 'user', content: text }] }));
      return { score: verdict.safe ? 0 : 1, backend: `workers-ai:${verdict.categories.join(',') || 'safe'}` };
    },
  };
}
