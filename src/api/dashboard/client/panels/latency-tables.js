// @ts-check
import { fill, h } from '../dom.js';
import { fmtCount, fmtMs } from '../format.js';
import { registerPanel } from '../registry.js';

/** Percentile tables: every stage over the window, and every model that answered. */
const STAGE_NAMES = {
  total: 'Total',
  auth: 'Auth and limits',
  guard: 'Input guards',
  route: 'Routing',
  upstream: 'Upstream (to first byte)',
  output_guard: 'Output guards',
  overhead: 'Gateway overhead',
  ttft: 'Time to first token',
};

/** @param {string[]} head @param {Array<Array<Node | string>>} rows @param {string} [empty] */
export function table(head, rows, empty = 'No requests in this window.') {
  if (rows.length === 0) return h('p.empty', null, empty);
  return h('table.grid', null, h('thead', null, h('tr', null, ...head.map((c) => h('th', null, c)))), h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c) => h('td', null, c))))));
}

/** @param {any} s */
const pcts = (s) => [fmtMs(s?.p50), fmtMs(s?.p95), fmtMs(s?.p99)];

/** @type {HTMLElement} */
let models;
/** @type {HTMLElement} */
let stages;

registerPanel({
  id: 'latency-models',
  section: 'latency',
  title: 'Latency by model',
  subtitle: 'end to end',
  span: 2,
  order: 2,
  mount(el) {
    models = el;
  },
  update({ metrics }) {
    const rows = Object.entries(metrics.latency.by_model)
      .map(([model, s]) => /** @type {[string, any]} */ ([model, s]))
      .sort((a, b) => (b[1].total?.n ?? 0) - (a[1].total?.n ?? 0))
      .map(([model, s]) => [h('code', null, model), fmtCount(s.total?.n), ...pcts(s.total), fmtMs(s.overhead?.p50), fmtMs(s.ttft?.p50)]);
    fill(models, table(['model', 'requests', 'p50', 'p95', 'p99', 'overhead p50', 'TTFT p50'], rows));
  },
});

registerPanel({
  id: 'latency-stages',
  section: 'latency',
  title: 'Per stage',
  span: 1,
  order: 3,
  mount(el) {
    stages = el;
  },
  update({ metrics }) {
    const st = metrics.latency.stages;
    const rows = Object.entries(STAGE_NAMES)
      .filter(([k]) => st[k])
      .map(([k, name]) => [name, ...pcts(st[k])]);
    fill(stages, table(['stage', 'p50', 'p95', 'p99'], rows));
  },
});
