// The regression gate around `npm run train` (README "The flywheel"):
//
//   npm run train -- [--extra ROWS.jsonl]... [--gate-data HELDOUT.jsonl]... [--holdout 0.2]
//                    [--gate-tolerance auc=0.01,apgr=0.02] [--gate-min-rows 20] [--force]
//
// Candidates are trained into a scratch directory, never over the shipped models. Extra datasets
// (`npm run dataset` output: guard and routing rows mixed) are split by row shape; a deterministic
// share (--holdout, by request id or text) of them is held out of training and becomes, with any
// --gate-data files, the held-out rows both models are compared on (gate.ts). Without held-out
// rows, a guard candidate is compared on the leave-source-out figures both manifests record.
// A candidate that is worse anywhere beyond tolerance is refused — the command says where, by how
// much, and keeps the candidate for inspection — unless --force.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGuardModel } from '../../src/classifier/index';
import { loadRouter } from '../../src/classifier/router/index';
import { compareGuard, compareRouter, DEFAULT_GATE, formatGate, type GateOptions, type GuardGateRow, parseTolerance, type RouterGateRow, type SliceCheck } from './gate';
import { isGuardRow, isRoutingRow, readJsonl, writeJsonl } from './jsonl';
import { compareManifests } from './manifest-gate';

export interface TrainingGate {
  /** Where the trainers write their candidates. */
  outDir: string;
  /** Guard training data with the extra guard rows' training share appended (the data path itself when there are none). */
  guardData(data: string): string;
  /** Routing rows to add to the router's training (files for `trainRouter({ extra })`). */
  routerExtra: string[];
  /** Compares candidates with the shipped models; installs them, or refuses and sets the exit code. */
  finish(): { passed: boolean; installed: string[] };
}

/** Deterministic share in [0, 1) of a row: the same row is always held out, on every machine. */
export function holdoutKey(row: Record<string, unknown>): number {
  const key = typeof row.request_id === 'string' ? row.request_id : String(row.text);
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

const ARTIFACTS = [
  { name: 'guard', bin: 'guard.bin', manifest: 'guard.manifest.json' },
  { name: 'router', bin: 'router.bin', manifest: 'router.manifest.json' },
] as const;

export function trainingGate(argv: string[], shippedDir: string, log: (m: string) => void = (m) => console.error(m)): TrainingGate {
  const { values: v } = parseArgs({
    args: argv,
    strict: false,
    options: {
      extra: { type: 'string', multiple: true },
      'gate-data': { type: 'string', multiple: true },
      holdout: { type: 'string' },
      'gate-tolerance': { type: 'string' },
      'gate-min-rows': { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const list = (x: unknown) => (Array.isArray(x) ? x : x === undefined ? [] : [x]).map(String);
  const holdout = v.holdout === undefined ? 0.2 : Number(v.holdout);
  if (!(holdout >= 0 && holdout < 1)) throw new Error('--holdout must be in [0, 1)');
  const opts: GateOptions = {
    tolerance: parseTolerance(v['gate-tolerance'] as string | undefined),
    minRows: v['gate-min-rows'] === undefined ? DEFAULT_GATE.minRows : Number(v['gate-min-rows']),
  };

  const scratch = mkdtempSync(join(tmpdir(), 'triage-train-'));
  const outDir = join(scratch, 'candidate');
  mkdirSync(outDir, { recursive: true });
  const train = { guard: [] as Record<string, unknown>[], routing: [] as Record<string, unknown>[] };
  const gate = { guard: [] as GuardGateRow[], routing: [] as RouterGateRow[] };
  for (const file of list(v.extra)) {
    const rows = readJsonl(file);
    for (const r of rows) {
      const held = holdoutKey(r) < holdout;
      if (isGuardRow(r)) (held ? gate.guard.push(r as unknown as GuardGateRow) : train.guard.push(r));
      else if (isRoutingRow(r)) (held ? gate.routing.push(r as unknown as RouterGateRow) : train.routing.push(r));
    }
    log(`extra ${file}: ${rows.length} rows`);
  }
  for (const file of list(v['gate-data'])) {
    for (const r of readJsonl(file)) {
      if (isGuardRow(r)) gate.guard.push(r as unknown as GuardGateRow);
      else if (isRoutingRow(r)) gate.routing.push(r as unknown as RouterGateRow);
    }
  }
  log(`extra rows for training: ${train.guard.length} guard, ${train.routing.length} routing; held out for the gate: ${gate.guard.length} guard, ${gate.routing.length} routing`);
  const routerExtra: string[] = [];
  if (train.routing.length) {
    const f = join(scratch, 'extra-routing.jsonl');
    writeJsonl(f, train.routing);
    routerExtra.push(f);
  }

  return {
    outDir,
    routerExtra,
    guardData(data) {
      if (!train.guard.length) return data;
      const f = join(scratch, 'guard-train.jsonl');
      writeFileSync(f, readFileSync(data, 'utf8').replace(/\n?$/, '\n'));
      writeFileSync(f, train.guard.map((r) => `${JSON.stringify(r)}\n`).join(''), { flag: 'a' });
      return f;
    },
    finish() {
      let refused = false;
      const installed: string[] = [];
      for (const a of ARTIFACTS) {
        const candidate = join(outDir, a.bin);
        if (!existsSync(candidate)) continue;
        const shipped = join(shippedDir, a.bin);
        let checks: SliceCheck[] | undefined;
        if (!existsSync(shipped)) log(`${a.name}: no shipped model in ${shippedDir}: nothing to compare with`);
        else if (readFileSync(shipped).equals(readFileSync(candidate))) log(`${a.name}: candidate identical to the shipped model`);
        else checks = compareOne(a.name, shipped, candidate, gate, opts, log);
        if (checks) {
          const verdict = formatGate(checks);
          log(`${a.name}: ${verdict.text}`);
          if (!verdict.passed && v.force !== true) {
            log(`${a.name}: REFUSED — ${shipped} is kept; the candidate stays in ${outDir} (--force installs it anyway)`);
            refused = true;
            continue;
          }
        }
        mkdirSync(shippedDir, { recursive: true });
        copyFileSync(candidate, shipped);
        if (existsSync(join(outDir, a.manifest))) copyFileSync(join(outDir, a.manifest), join(shippedDir, a.manifest));
        log(`${a.name}: installed ${shipped}`);
        installed.push(a.name);
      }
      if (refused) process.exitCode = 1;
      return { passed: !refused, installed };
    },
  };
}

function compareOne(name: 'guard' | 'router', shipped: string, candidate: string, gate: { guard: GuardGateRow[]; routing: RouterGateRow[] }, opts: GateOptions, log: (m: string) => void): SliceCheck[] | undefined {
  const bytes = (f: string) => new Uint8Array(readFileSync(f));
  if (name === 'router') {
    if (!gate.routing.length) return void log('router: no held-out routing rows (--extra or --gate-data): not gated');
    return compareRouter(loadRouter(bytes(shipped)), loadRouter(bytes(candidate)), gate.routing, opts);
  }
  if (gate.guard.length) return compareGuard(loadGuardModel(bytes(shipped)), loadGuardModel(bytes(candidate)), gate.guard, opts);
  const manifests = [shipped, candidate].map((f) => f.replace(/\.bin$/, '.manifest.json'));
  if (!manifests.every(existsSync)) return void log('guard: no held-out guard rows and no manifests to compare: not gated');
  const checks = compareManifests(JSON.parse(readFileSync(manifests[0]!, 'utf8')), JSON.parse(readFileSync(manifests[1]!, 'utf8')), opts);
  if (!checks) return void log('guard: the manifests record no comparable leave-source-out evaluation: not gated');
  log('guard: no held-out guard rows: comparing the leave-source-out evaluations both manifests record');
  return checks;
}
