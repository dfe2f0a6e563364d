import { embeddedRouter } from '../guards/embedded';

export interface RoutingSettings {
  /** Complexity at or above this goes to `above`. */
  threshold: number;
  thresholdLabel: string;
  below: string;
  above: string;
  onError: 'below' | 'above';
}

/**
 * The router's knob, written as a probability, `default` (the model's recommended point), or
 * `big_<N>pct` (the threshold that sent N% of the training traffic to the big model).
 */
export function routerThreshold(written: number | string): number {
  if (typeof written === 'number') return written;
  const router = embeddedRouter();
  if (written === 'default') return router.info.defaultThreshold;
  const share = /^big_(\d{1,3})pct$/.exec(written);
  if (share && Number(share[1]) <= 100) return router.thresholdFor(Number(share[1]) / 100);
  throw new Error(`routing threshold "${written}": use a probability, "default" or "big_<N>pct"`);
}

/** `model: "auto"`: the embedded router scores the prompt and picks a tier. */
export function routeByComplexity(settings: RoutingSettings, text: string): { tier: string; score: number | null; error?: string } {
  try {
    const score = embeddedRouter().score(text);
    return { tier: score >= settings.threshold ? settings.above : settings.below, score };
  } catch (err) {
    return { tier: settings.onError === 'above' ? settings.above : settings.below, score: null, error: (err as Error).message };
  }
}
