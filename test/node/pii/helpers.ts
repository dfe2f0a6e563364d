import { detectPii, type DetectOptions } from '../../../src/guards/pii/index';

/** [type, value] pairs found in `text`: the form most assertions read best in. */
export function found(text: string, options?: DetectOptions): [string, string][] {
  return detectPii(text, options).map((s) => [s.type, text.slice(s.start, s.end)]);
}

/** Values of one type found in `text`. */
export function values(text: string, type: string): string[] {
  return found(text).filter(([t]) => t === type).map(([, v]) => v);
}
