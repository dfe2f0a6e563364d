import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRouter, loadRouter } from '../../../src/classifier/router/index';
import { trainRouter } from '../../../cli/router/train';
import { evalRouter } from '../../../cli/router/eval';
import { readRows } from '../../../cli/router/data';

// Tiny routing data where long, multi-step prompts need the big model and short ones do not.
function tinyData(): string {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const long = i % 2 === 0;
    const text = long
      ? `Problem ${i}: a train leaves at ${i} o'clock and ${'then travels further along the line, '.repeat(8 + (i % 5))}how far has it gone?`
      : `Capital of country ${i}?`;
    for (const weak of ['small-a', 'small-b']) {
      const q_strong = 1;
      const q_weak = long ? (i % 8 === 0 ? 1 : 0) : 1;
      lines.push(JSON.stringify({ text, weak, strong: `${weak}-big`, q_weak, q_strong, source: 'Tiny', license: 'MIT' }));
    }
  }
  // Rows a shipped model must not learn from.
  lines.push(JSON.stringify({ text: 'not redistributable', weak: 'x', strong: 'y', q_weak: 0, q_strong: 1, source: 'NC', license: 'CC-BY-NC-4.0' }));
  const dir = mkdtempSync(join(tmpdir(), 'router-'));
  writeFileSync(join(dir, 'tiny.jsonl'), lines.join('\n') + '\n');
  return join(dir, 'tiny.jsonl');
}

describe('router: train → save → load → score', () => {
  const data = tinyData();

  it('round-trips through the artifact and scores probabilities in the learned direction', async () => {
    const out = mkdtempSync(join(tmpdir(), 'router-out-'));
    const result = await trainRouter({ data, out, seed: 7 });
    const router = loadRouter(new Uint8Array(readFileSync(result.artifact)));
    const long = router.score(`A train ${'then travels further along the line, '.repeat(10)}how far?`);
    const short = router.score('Capital of France?');
    for (const p of [long, short]) expect(p).toBeGreaterThanOrEqual(0), expect(p).toBeLessThanOrEqual(1);
    expect(long).toBeGreaterThan(short);
    expect(router.score('')).toBeGreaterThanOrEqual(0);

    expect(router.info.name).toMatch(/^router-/);
    expect(router.info.hash).toMatch(/^[0-9a-f]{64}$/);
    const shares = router.info.thresholds.map((t) => t.bigShare);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares).toEqual(expect.arrayContaining([0.2, 0.5, 0.8]));
    // More big-model calls wanted → a lower (or equal) threshold.
    expect(router.thresholdFor(0.8)).toBeLessThanOrEqual(router.thresholdFor(0.2));
    expect(router.info.defaultThreshold).toBeCloseTo(router.thresholdFor(0.5), 12);

    const manifest = JSON.parse(readFileSync(result.manifest, 'utf8'));
    expect(manifest.training.rows).toBe(80);
    expect(manifest.training.excluded_by_license).toBe(1);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic: same data and seed give the same bytes, for every recipe', async () => {
    for (const recipe of ['length', 'shape', 'prior', 'full']) {
      const a = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 'ra-')), seed: 3, recipe });
      const b = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 'rb-')), seed: 3, recipe });
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    }
    // The hashed model's weights depend on the example order, which the seed draws.
    const c = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 'rc-')), seed: 4, recipe: 'full' });
    const a = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 'rd-')), seed: 3, recipe: 'full' });
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it('rejects corrupt artifacts', async () => {
    const { bytes } = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 'rx-')), seed: 1, recipe: 'full' });
    expect(() => decodeRouter(bytes.subarray(0, bytes.length - 1))).toThrow(/weights/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => loadRouter(bad)).toThrow(/magic/);
  });

  it('evaluates a router against the baselines per model pair', async () => {
    const { bytes } = await trainRouter({ data, out: mkdtempSync(join(tmpdir(), 're-')), seed: 1 });
    const reports = evalRouter(readRows(data).filter((r) => r.license === 'MIT'), loadRouter(bytes), false);
    expect(reports.map((r) => r.pair)).toEqual(['small-a → small-a-big', 'small-b → small-b-big']);
    for (const r of reports) {
      expect(r.routers.random.apgr).toBeCloseTo(0.5, 12);
      expect(r.routers.perfect.apgr).toBeGreaterThan(r.routers.router.apgr - 1e-9);
      // Long multi-step prompts need the big model here, and the router learned that.
      expect(r.routers.router.apgr).toBeGreaterThan(0.7);
    }
  });
});
