// JSONL reading and writing, streamed line by line so large files do not sit in memory twice.

import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** All rows of a JSONL file (blank lines skipped); errors name the line. */
export function readJsonl<T = unknown>(path: string): T[] {
  const rows: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        rows.push(JSON.parse(line) as T);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: invalid JSON (${(err as Error).message})`);
      }
    });
  return rows;
}

/**
 * Streams the non-blank lines of a JSONL file (or stdin for "-") as parsed values, in order.
 * With `keepInvalid`, a line that is not JSON yields undefined instead of throwing.
 */
export async function* streamJsonl(path: string, opts: { keepInvalid?: boolean } = {}): AsyncGenerator<unknown> {
  const input = path === '-' ? process.stdin : createReadStream(path, 'utf8');
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line);
    } catch (err) {
      if (opts.keepInvalid) {
        yield undefined;
        continue;
      }
      throw new Error(`${path}:${n}: invalid JSON (${(err as Error).message})`);
    }
  }
}

/** A line writer to a file (or stdout for "-") that respects back-pressure. */
export function jsonlWriter(path: string): { write(value: unknown): Promise<void>; close(): Promise<void> } {
  const out = path === '-' ? process.stdout : createWriteStream(path, 'utf8');
  return {
    write(value: unknown): Promise<void> {
      const ok = out.write(JSON.stringify(value) + '\n');
      return ok ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
    },
    close(): Promise<void> {
      if (out === process.stdout) return Promise.resolve();
      return new Promise((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())));
    },
  };
}
