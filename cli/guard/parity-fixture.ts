// Writes the node side of the node/workerd parity check: the model's hash and its scores for
// parityTexts() (test/node/classifier/parity-texts.ts). test/node/classifier/parity.test.ts checks
// node still produces them; test/worker/classifier-parity.test.ts checks workerd does.
// Run after retraining (npm run train does it):  npx tsx cli/guard/parity-fixture.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadGuardModel } from '../../src/classifier/index';
import { parityTexts } from '../../test/node/classifier/parity-texts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const PARITY_FIXTURE = join(root, 'test/node/classifier/fixtures/guard-parity.json');

export function writeParityFixture(modelPath = join(root, 'models/guard.bin'), out = PARITY_FIXTURE): void {
  const model = loadGuardModel(new Uint8Array(readFileSync(modelPath)));
  const scores = parityTexts().map((t) => model.score(t));
  writeFileSync(out, JSON.stringify({ hash: model.info.hash, scores }, null, 1) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeParityFixture();
