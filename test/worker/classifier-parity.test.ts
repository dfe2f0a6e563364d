import { describe, expect, it } from 'vitest';
import guardBytes from '../../models/guard.bin';
import { loadGuardModel } from '../../src/classifier/index';
import fixture from '../node/classifier/fixtures/guard-parity.json';
import { parityTexts } from '../node/classifier/parity-texts';

// The workerd half of the parity check: the artifact imported as the Worker imports it (a Data
// module, wrangler.toml's **/*.bin rule) scores exactly what node scored (the fixture, which
// test/node/classifier/parity.test.ts checks against node).
describe('guard scores in workerd equal the scores computed in node', () => {
  const model = loadGuardModel(new Uint8Array(guardBytes as ArrayBuffer));

  it('loads the same model', () => {
    expect(model.info.hash).toBe(fixture.hash);
  });

  it('scores every parity text identically', () => {
    const texts = parityTexts();
    texts.forEach((text, i) => expect(model.score(text)).toEqual(fixture.scores[i]));
  });
});
