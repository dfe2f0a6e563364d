// Guard training rows: loading, the license filter, source families and head labels.

import { HEADS, type Head } from '../../src/classifier/artifact';
import { readJsonl } from '../lib/jsonl';

export interface GuardRow {
  text: string;
  label: 0 | 1;
  category: string;
  source: string;
  license: string;
  /** Source families whose material a generated row reuses (empty or absent for pool rows). */
  parts?: string[];
  /**
   * For a benign row built as the twin of a head's attacks (same frame, harmless slot): that head.
   * It is weighted like one of the head's attack rows, not like one of the many benign rows, so
   * the frame weighs the same in both classes (pipeline.ts, labelMatrix).
   */
  mirrors?: Head;
}

/** Categories each head detects (DESIGN.md: prompt_injection = injection + injection_indirect). */
export const HEAD_CATEGORIES: Record<Head, string[]> = {
  prompt_injection: ['injection', 'injection_indirect'],
  jailbreak: ['jailbreak'],
  harmful: ['harmful'],
  toxic: ['toxic'],
};

export const LOOKALIKE = 'benign_lookalike';

export function isBenign(row: { category: string; label: number }): boolean {
  return row.label === 0 && row.category.startsWith('benign');
}

/** "Ordinary" benign: everything benign except the over-defense look-alikes, which are measured apart. */
export function isOrdinary(row: { category: string; label: number }): boolean {
  return isBenign(row) && !row.category.startsWith(LOOKALIKE);
}

export function headOf(category: string): Head | undefined {
  return HEADS.find((h) => HEAD_CATEGORIES[h].includes(category));
}

/**
 * Licenses that allow shipping a model trained on the rows: not NonCommercial, not unknown.
 * "MIT; contexts CC-BY-SA-4.0" (BIPIA) is fine; generated rows carry "generated" plus the
 * licenses of what they reuse, each of which must pass.
 */
export function isRedistributable(license: string): boolean {
  const parts = license.split(/[;+]/).map((p) => p.replace(/^\s*contexts\s+/i, '').trim());
  return parts.every((p) => p !== '' && !/\bNC\b|-NC-|NC-|unknown/i.test(p));
}

/**
 * The family a source belongs to: sources that share authors, documents or templates are held
 * out together, or leave-source-out would test on material the model has seen.
 */
export function familyOf(source: string): string {
  if (source.startsWith('BIPIA')) return 'BIPIA';
  if (source.startsWith('TOXIGEN')) return 'TOXIGEN';
  if (source.startsWith('Davidson')) return 'Davidson';
  if (source.startsWith('DoNotAnswer')) return 'DoNotAnswer';
  if (source.startsWith('tensor-trust')) return 'tensor-trust';
  if (source.startsWith('deepset')) return 'deepset';
  if (source.startsWith('gen/')) return source.split('/').slice(0, 2).join('/');
  return source;
}

export function loadGuardRows(path: string): GuardRow[] {
  return readJsonl<GuardRow>(path).filter((r) => typeof r.text === 'string' && (r.label === 0 || r.label === 1));
}
