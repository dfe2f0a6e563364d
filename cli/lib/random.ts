// Seeded randomness for reproducible training and data generation (mulberry32).

import { mulberry32 } from '../../src/util/random';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(items: T[]): T[];
}

export function seeded(seed: number): Random {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    chance: (p: number) => next() < p,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
}

/**
 * Expands a template: "{a|b|c}" picks one alternative (nesting allowed), "[x]" is optional
 * (kept half the time), "$name" is filled from `slots` (a list to pick from, or a function),
 * and a backslash makes the next character literal ("\\[", "\\|", "\\$").
 */
export function expand(template: string, r: Random, slots: Record<string, readonly string[] | (() => string)> = {}): string {
  let out = '';
  let i = 0;
  // Reads a {…} or […] group starting at template[i]; returns its top-level alternatives raw.
  const parseGroup = (close: string): string[] => {
    const alts: string[] = [];
    let depth = 0;
    let cur = '';
    for (i++; i < template.length; i++) {
      const c = template[i];
      if (c === '\\') {
        cur += c + (template[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && depth > 0) depth--;
      else if (c === close && depth === 0) break;
      if (c === '|' && depth === 0 && close === '}') {
        alts.push(cur);
        cur = '';
      } else cur += c;
    }
    alts.push(cur);
    i++;
    return alts;
  };
  while (i < template.length) {
    const c = template[i];
    if (c === '\\') {
      out += template[i + 1] ?? '';
      i += 2;
    } else if (c === '{') {
      out += expand(r.pick(parseGroup('}')), r, slots);
    } else if (c === '[') {
      const [body] = parseGroup(']');
      if (r.chance(0.5)) out += expand(body, r, slots);
    } else if (c === '$' && /[a-z_]/i.test(template[i + 1] ?? '')) {
      let j = i + 1;
      while (j < template.length && /[a-z_0-9]/i.test(template[j])) j++;
      const name = template.slice(i + 1, j);
      const slot = slots[name];
      if (slot === undefined) throw new Error(`template slot $${name} is not defined`);
      out += typeof slot === 'function' ? slot() : expand(r.pick(slot), r, slots);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The text with its first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Collapses doubled spaces left by empty alternatives and capitalizes the first letter. */
export function tidy(text: string): string {
  return capitalize(text.replace(/ {2,}/g, ' ').replace(/ ([,.?!])/g, '$1').trim());
}
