// Held-out folds for the router. Three designs, each answering a different question:
//
//   sub-source  Train on everything but one sub-source (data.ts: 3 MMLU-Pro formats, 5
//               LLMRouter task families), test on it: does the router carry over to a task
//               type it never saw? Scored per model pair (the RouteLLM setting), over the
//               pairs whose big model is at least 5 points better on that sub-source;
//               where the gap is smaller PGR divides by ~0 (or flips sign) and means nothing.
//   pair        Hold out one model pair and a third (MMLU-Pro) or half (LLMRouter) of the
//               prompts: train on the other pairs' rows on the other prompts, test the held-out
//               pair on the held-out prompts. Does it carry over to models it never saw?
//   family      Train on one data family (MMLU-Pro or LLMRouter), test on the other, per pair.
//   own-pair    NOT held out: each pair trained on its own rows for 4/5 of the prompts and
//               tested on the rest. What the router can reach once a deployment has labels
//               of its own (the gateway's feedback loop), for comparison only.
//
// In every design a prompt's rows (one per model pair) are all on one side: a question is
// never trained on with one pair and tested with another.
import { createHash } from 'node:crypto';
import { subSource, type RoutingRow } from './data';

export type Design = 'sub-source' | 'pair' | 'family' | 'own-pair';
export const DESIGNS: readonly Design[] = ['sub-source', 'pair', 'family', 'own-pair'];

export interface Fold {
  design: Design;
  name: string;
  train: RoutingRow[];
  /** Test rows grouped by model pair; each group gets its own routing curve. */
  cells: { pair: string; rows: RoutingRow[] }[];
}

/** Minimum quality gap (big − small) for a test cell to be scored. */
export const MIN_GAP = 0.05;

export const pairOf = (r: RoutingRow) => `${r.weak} → ${r.strong}`;

function bucket(text: string, k: number): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) % k;
}

function byPair(rows: RoutingRow[]): { pair: string; rows: RoutingRow[] }[] {
  const groups = new Map<string, RoutingRow[]>();
  for (const r of rows) {
    const key = pairOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([pair, rows]) => ({ pair, rows }));
}

export function gap(rows: readonly RoutingRow[]): number {
  let g = 0;
  for (const r of rows) g += r.q_strong - r.q_weak;
  return rows.length ? g / rows.length : 0;
}

/** Moves every row of a tested prompt to the test side. */
function split(rows: RoutingRow[], tested: (r: RoutingRow) => boolean): { train: RoutingRow[]; test: RoutingRow[] } {
  const texts = new Set(rows.filter(tested).map((r) => r.text));
  return { train: rows.filter((r) => !texts.has(r.text)), test: rows.filter((r) => texts.has(r.text)) };
}

export function folds(rows: RoutingRow[], design: Design): Fold[] {
  const out: Fold[] = [];
  if (design === 'sub-source') {
    for (const name of [...new Set(rows.map(subSource))].sort()) {
      const { train, test } = split(rows, (r) => subSource(r) === name);
      out.push({ design, name, train, cells: byPair(test).filter((c) => gap(c.rows) >= MIN_GAP) });
    }
  } else if (design === 'pair') {
    const pairs = [...new Set(rows.map((r) => `${r.source}\u0000${pairOf(r)}`))].sort();
    for (const key of pairs) {
      const [source, pair] = key.split('\u0000');
      const siblings = pairs.filter((p) => p.startsWith(`${source}\u0000`));
      const k = siblings.length, part = siblings.indexOf(key);
      const heldPrompt = (r: RoutingRow) => r.source === source && bucket(r.text, k) === part;
      const test = rows.filter((r) => pairOf(r) === pair && heldPrompt(r));
      const train = rows.filter((r) => pairOf(r) !== pair && !heldPrompt(r));
      if (gap(test) >= MIN_GAP) out.push({ design, name: `${source}: ${pair}`, train, cells: [{ pair, rows: test }] });
    }
  } else if (design === 'own-pair') {
    for (const pair of [...new Set(rows.map(pairOf))].sort()) {
      const mine = rows.filter((r) => pairOf(r) === pair);
      const test = mine.filter((r) => bucket(r.text, 5) === 0);
      if (gap(test) >= MIN_GAP) out.push({ design, name: pair, train: mine.filter((r) => bucket(r.text, 5) !== 0), cells: [{ pair, rows: test }] });
    }
  } else {
    for (const source of [...new Set(rows.map((r) => r.source))].sort()) {
      const { train, test } = split(rows, (r) => r.source === source);
      out.push({ design, name: source, train, cells: byPair(test).filter((c) => gap(c.rows) >= MIN_GAP) });
    }
  }
  return out.filter((f) => f.cells.length > 0 && f.train.length > 0);
}
