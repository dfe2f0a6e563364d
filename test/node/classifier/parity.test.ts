import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGuardModel } from '../../../src/classifier/index';
import fixture from './fixtures/guard-parity.json';
import { parityTexts } from './parity-texts';

// The node half of the node/workerd parity check (the workerd half is
// test/worker/classifier-parity.test.ts): node reproduces the fixture exactly.
describe('guard scores in node match the parity fixture', () => {
  const model = loadGuardModel(new Uint8Array(readFileSync(new URL('../../../models/guard.bin', import.meta.url))));

  it('was written for the shipped model (regenerate: npx tsx cli/guard/parity-fixture.ts)', () => {
    expect(fixture.hash).toBe(model.info.hash);
  });

  it('reproduces every score bit for bit', () => {
    const texts = parityTexts();
    expect(fixture.scores).toHaveLength(texts.length);
    texts.forEach((text, i) => expect(model.score(text)).toEqual(fixture.scores[i]));
  });
});
