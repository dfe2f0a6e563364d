// The generated TEST sets (look-alikes, ordinary chat) must not be written in the training
// generators' phrasing, or the over-defense and cascade figures they feed would measure recall
// of our own templates. A shared run of five words is a shared phrasing.

import { describe, expect, it } from 'vitest';
import { groupWords, harmTopicQuestion, lookalike, neutralAboutGroups, personaSetup } from '../../../cli/generate/benign';
import { everydayRequest } from '../../../cli/generate/everyday';
import { benignRequest, harmfulPair } from '../../../cli/generate/harmful';
import { lookalikeTest } from '../../../cli/generate/lookalike-test';
import { ordinaryPrompt, tinyPrompt } from '../../../cli/generate/ordinary';
import { ordinaryTest } from '../../../cli/generate/ordinary-test';
import { quotedTask } from '../../../cli/generate/quoted';
import { seeded, type Random } from '../../../cli/lib/random';

const N = 5;

function grams(text: string): string[] {
  const words = text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i + N <= words.length; i++) out.push(words.slice(i, i + N).join(' '));
  return out;
}

const harmfulTwin = (r: Random): string => harmfulPair(r, r)[1] ?? '';
const trainGenerators: Array<(r: Random) => string> = [lookalike, neutralAboutGroups, everydayRequest, benignRequest, harmfulTwin, groupWords, ordinaryPrompt, tinyPrompt, harmTopicQuestion, personaSetup, quotedTask];
const train = new Set<string>();
const r = seeded(5);
for (let i = 0; i < 4000; i++) for (const g of trainGenerators) for (const x of grams(g(r))) train.add(x);

function sharedShare(gen: (r: Random) => string): number {
  const t = seeded(6);
  let shared = 0;
  const n = 1000;
  for (let i = 0; i < n; i++) if (grams(gen(t)).some((g) => train.has(g))) shared++;
  return shared / n;
}

describe('generated test sets', () => {
  it('look-alike test rows share no five-word phrase with the training generators', () => {
    expect(sharedShare(lookalikeTest)).toBeLessThanOrEqual(0.01);
  });
  it('ordinary chat test rows share almost none', () => {
    // Stock phrases ("how do i fix it") are allowed to recur; templates are not.
    expect(sharedShare(ordinaryTest)).toBeLessThanOrEqual(0.02);
  });
  it('the check can fail: training rows share their own phrases', () => {
    expect(sharedShare(lookalike)).toBeGreaterThan(0.5);
  });
});
