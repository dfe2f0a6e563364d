import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registerModelSource } from '.';

/** Node (CLI, replay, benchmarks): the same models, read from `models/`. */
export function registerModelsFromDisk(dir = 'models') {
  registerModelSource({
    guard: () => new Uint8Array(readFileSync(resolve(dir, 'guard.bin'))),
    router: () => new Uint8Array(readFileSync(resolve(dir, 'router.bin'))),
  });
}
