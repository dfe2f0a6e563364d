import type { RedactionState } from '../guards/pii';

/**
 * Puts redacted values back into a response (policy `guards.restore_redacted`): the user sees their
 * own data while the upstream never did. Streams hold back a trailing partial placeholder
 * ("…write to [EMA") until it is complete or clearly not one.
 */
const PLACEHOLDER = /\[([A-Z][A-Z_]*_\d+)\]/g;
const PARTIAL = /\[[A-Z_]*\d*$/;
const MAX_PLACEHOLDER = 32;

function reverse(state: RedactionState): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, placeholder] of state.placeholders) out.set(placeholder, key.slice(key.indexOf('\u0000') + 1));
  return out;
}

export function restorePlaceholders(text: string, state: RedactionState): string {
  if (state.placeholders.size === 0 || !text.includes('[')) return text;
  const values = reverse(state);
  return text.replace(PLACEHOLDER, (whole) => values.get(whole) ?? whole);
}

export class PlaceholderRestorer {
  private pending = '';
  private values: Map<string, string> | undefined;

  constructor(private readonly state: RedactionState) {}

  push(text: string): string {
    if (this.state.placeholders.size === 0) return text;
    this.values ??= reverse(this.state);
    const all = this.pending + text;
    const partial = PARTIAL.exec(all.slice(-MAX_PLACEHOLDER));
    const cut = partial ? all.length - partial[0].length : all.length;
    this.pending = all.slice(cut);
    return all.slice(0, cut).replace(PLACEHOLDER, (whole) => this.values!.get(whole) ?? whole);
  }

  end(): string {
    const rest = this.pending;
    this.pending = '';
    return restorePlaceholders(rest, this.state);
  }
}
