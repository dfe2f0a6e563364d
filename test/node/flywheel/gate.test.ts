import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArtifact, encodeArtifact } from '../../../src/classifier/artifact';
import { loadGuardModel } from '../../../src/classifier/index';
import { loadRouter } from '../../../src/classifier/router/index';
import { compareGuard, compareRouter, DEFAULT_GATE, formatGate, parseTolerance } from '../../../cli/flywheel/gate';
import { compareManifests } from '../../../cli/flywheel/manifest-gate';
import { holdoutKey, trainingGate } from '../../../cli/flywheel/train-gate';
import { trainRouter } from '../../../cli/router/train';

const SHARED = join(__dirname, '../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'gate-test-'));
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Every k-th row: a small, deterministic sample across all sources and model pairs. */
const sample = <T>(rows: T[], n: number) => rows.filter((_, i) => i % Math.ceil(rows.length / n) === 0);

let routing: any[];
beforeAll(() => {
  routing = lines(join(SHARED, 'routing/train.jsonl'));
});

/** A deliberately worse router: trained on the same prompts with the outcomes swapped. */
async function invertedRouter(rows: any[]): Promise<string> {
  const poisoned = join(dir, 'poisoned.jsonl');
  writeFileSync(poisoned, rows.map((r) => JSON.stringify({ ...r, q_weak: r.q_strong, q_strong: r.q_weak })).join('\n'));
  const out = join(dir, `inverted-${Math.random().toString(36).slice(2)}.bin`);
  await trainRouter({ data: poisoned, out, seed: 1 });
  return out;
}

describe('regression gate', () => {
  it('router: a worse candidate is caught on the slices where it is worse; the shipped one against itself passes', async () => {
    const shipped = loadRouter(new Uint8Array(readFileSync('models/router.bin')));
    const worse = loadRouter(new Uint8Array(readFileSync(await invertedRouter(sample(routing, 4000)))));
    const held = sample(routing, 1500);
    const checks = compareRouter(shipped, worse, held);
    const verdict = formatGate(checks);
    expect(verdict.passed).toBe(false);
    const all = checks.find((c) => c.slice === 'all' && c.metric === 'apgr')!;
    expect(all.worse).toBe(true);
    expect(all.candidate).toBeLessThan(all.shipped - 0.05);
    expect(checks.some((c) => c.worse && c.slice.startsWith('pair '))).toBe(true);
    expect(verdict.text).toMatch(/WORSE router complexity on all \(n=\d+\): apgr 0\.\d{3} → 0\.\d{3} \(−0\.\d{3}\)/);

    const same = compareRouter(shipped, shipped, held);
    expect(same.length).toBeGreaterThan(3);
    expect(formatGate(same).passed).toBe(true);
  });

  it('guard: a candidate whose harmful head lost its weights is refused on that head only, naming the slices', () => {
    const bytes = new Uint8Array(readFileSync('models/guard.bin'));
    const { header, weights } = decodeArtifact(bytes);
    // Weights are stored feature by feature, one int8 per head: zero every weight of one head.
    const H = header.heads.length;
    const k = header.heads.indexOf('harmful');
    const worse = loadGuardModel(encodeArtifact(header, Int8Array.from(weights, (w, i) => (i % H === k ? 0 : w))));
    const shipped = loadGuardModel(bytes);
    const guard = lines(join(SHARED, 'guard/train.jsonl'));
    const pick = (pred: (r: any) => boolean, n: number) => sample(guard.filter(pred), n);
    const rows = [...pick((r) => r.category === 'injection', 150), ...pick((r) => r.category === 'harmful', 150), ...pick((r) => r.label === 0, 400)];
    const checks = compareGuard(shipped, worse, rows);
    const verdict = formatGate(checks);
    expect(verdict.passed).toBe(false);
    const all = checks.find((c) => c.head === 'harmful' && c.slice === 'all' && c.metric === 'auc')!;
    // Without its weights the head keeps only what does not depend on the text's n-grams (bias,
    // per-window offsets): far worse than the shipped head, whatever the exact figure.
    expect(all.candidate).toBeLessThan(all.shipped - 0.05);
    expect(all.worse).toBe(true);
    expect(checks.filter((c) => c.worse).every((c) => c.head === 'harmful')).toBe(true);
    expect(verdict.text).toMatch(/WORSE guard harmful on all \(n=\d+\): auc 0\.\d{3} → 0\.\d{3} \(−0\.\d{3}\)/);
    expect(verdict.text).toMatch(/WORSE guard harmful on source \S+/);
    expect(formatGate(compareGuard(shipped, shipped, rows)).passed).toBe(true);
  });

  it('manifests: leave-source-out figures compared per head and held-out source', () => {
    const m = (auc: number, recall: number) => ({ evaluation: { heads: { toxic: { auc, recall_at_1pct_fpr: recall, by_source: [{ source: 'TOXIGEN', n: 371, auc, recall }] } } } });
    const checks = compareManifests(m(0.9, 0.5), m(0.86, 0.5), DEFAULT_GATE)!;
    expect(checks.filter((c) => c.worse).map((c) => `${c.head} ${c.slice} ${c.metric}`)).toEqual(['toxic leave-source-out, all sources auc', 'toxic held-out source TOXIGEN auc']);
    expect(formatGate(compareManifests(m(0.9, 0.5), m(0.895, 0.52), DEFAULT_GATE)!).passed).toBe(true);
    expect(compareManifests({ name: 'x' }, m(0.9, 0.5), DEFAULT_GATE)).toBeUndefined();
    expect(parseTolerance('auc=0.05').auc).toBe(0.05);
    expect(() => parseTolerance('speed=1')).toThrow(/metrics:/);
  });

  it('training: extras are split by shape and held out by request id; a worse router is refused and the shipped one kept', async () => {
    const shippedDir = join(dir, 'models');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(shippedDir, { recursive: true });
    copyFileSync('models/router.bin', join(shippedDir, 'router.bin'));
    const before = readFileSync(join(shippedDir, 'router.bin'));

    // A deliberately worse candidate: trained on prompts whose outcomes are swapped (--router-data),
    // plus the user's traffic (--extra, 25% held out); judged on held-out rows it never saw.
    const poisoned = join(dir, 'poisoned-base.jsonl');
    writeFileSync(poisoned, sample(routing, 6000).map((r) => JSON.stringify({ ...r, q_weak: r.q_strong, q_strong: r.q_weak })).join('\n'));
    const extra = join(dir, 'extra.jsonl');
    const traffic = sample(routing.slice(1), 1000).map((r, i) => ({ ...r, source: 'triage/shadow', request_id: `req_${i}` }));
    const labelled = Array.from({ length: 40 }, (_, i) => ({ text: `hello ${i}`, label: 0, category: 'benign', source: 'triage/feedback', license: 'own-traffic', request_id: `req_g${i}` }));
    writeFileSync(extra, [...traffic, ...labelled].map((r) => JSON.stringify(r)).join('\n'));
    const gateFile = join(dir, 'gate.jsonl');
    writeFileSync(gateFile, sample(routing.slice(2), 1500).map((r) => JSON.stringify(r)).join('\n'));
    const logs: string[] = [];
    const gate = trainingGate(['--extra', extra, '--gate-data', gateFile, '--holdout', '0.25'], shippedDir, (m) => logs.push(m));
    expect(gate.routerExtra).toHaveLength(1);
    expect(lines(gate.routerExtra[0]!)).toHaveLength(traffic.filter((r) => holdoutKey(r) >= 0.25).length);
    const heldRouting = traffic.length - lines(gate.routerExtra[0]!).length + lines(gateFile).length;
    expect(logs.join('\n')).toContain(`held out for the gate: ${40 - labelled.filter((r) => holdoutKey(r) >= 0.25).length} guard, ${heldRouting} routing`);
    const base = join(dir, 'base.jsonl');
    writeFileSync(base, '{"text":"pool row","label":0,"category":"benign","source":"x","license":"MIT"}');
    const guardData = lines(gate.guardData(base));
    expect(guardData[0].text).toBe('pool row');
    const kept = labelled.filter((r) => holdoutKey(r) >= 0.25).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
    expect(guardData).toHaveLength(1 + kept);

    await trainRouter({ data: poisoned, out: gate.outDir, seed: 1, extra: gate.routerExtra });
    const exit = process.exitCode;
    expect(gate.finish()).toEqual({ passed: false, installed: [] });
    process.exitCode = exit;
    expect(readFileSync(join(shippedDir, 'router.bin')).equals(before)).toBe(true);
    const text = logs.join('\n');
    expect(text).toMatch(/router: regression gate: \d+ slice checks, [1-9]\d* worse than tolerated/);
    expect(text).toMatch(/WORSE router complexity on all \(n=\d+\): apgr/);
    expect(text).toContain('REFUSED');
    expect(existsSync(join(gate.outDir, 'router.bin'))).toBe(true);

    // Retrained on the data the shipped model was trained on: identical bytes, installed as is.
    const small = join(dir, 'small.jsonl');
    writeFileSync(small, sample(routing, 2000).map((r) => JSON.stringify(r)).join('\n'));
    await trainRouter({ data: small, out: join(shippedDir, 'router.bin'), seed: 1 });
    const again = trainingGate([], shippedDir, (m) => logs.push(m));
    await trainRouter({ data: small, out: again.outDir, seed: 1 });
    expect(again.finish()).toEqual({ passed: true, installed: ['router'] });
    expect(logs.join('\n')).toContain('router: candidate identical to the shipped model');
  });
});
