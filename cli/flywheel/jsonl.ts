// JSONL for the flywheel's commands: whole files, errors naming the line.

import { readFileSync, writeFileSync } from 'node:fs';

export function readJsonl(path: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push(JSON.parse(line) as Record<string, unknown>);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: invalid JSON (${(err as Error).message})`);
      }
    });
  return rows;
}

export function writeJsonl(path: string, rows: readonly unknown[]) {
  writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** Guard rows have a 0/1 label; routing rows have q_weak and q_strong (../shared/README.md). */
export const isGuardRow = (r: Record<string, unknown>) => typeof r.text === 'string' && (r.label === 0 || r.label === 1);
export const isRoutingRow = (r: Record<string, unknown>) => typeof r.text === 'string' && typeof r.q_weak === 'number' && typeof r.q_strong === 'number';
