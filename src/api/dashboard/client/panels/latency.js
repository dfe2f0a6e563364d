// @ts-check
import { COLORS, TimeChart } from '../chart.js';
import { h } from '../dom.js';
import { fmtMs } from '../format.js';
import { registerPanel } from '../registry.js';

/** p50 / p95 / p99 over time for one stage at a time (tabs). */
const STAGES = [
  ['total', 'Total'],
  ['upstream', 'Upstream'],
  ['overhead', 'Gateway overhead'],
  ['guard', 'Input guards'],
  ['output_guard', 'Output guards'],
  ['ttft', 'Time to first token'],
];

/** @type {TimeChart} */
let chart;
let stage = 'total';
/** @type {any} */
let last;
/** @type {HTMLElement} */
let tabs;

function draw() {
  if (!last) return;
  const s = last.series;
  const pick = (/** @type {'p50' | 'p95' | 'p99'} */ q) => s.map((/** @type {any} */ p) => p.latency[stage]?.[q] ?? null);
  chart.setData(s.map((/** @type {any} */ p) => p.t), [pick('p50'), pick('p95'), pick('p99')]);
  for (const b of tabs.querySelectorAll('button')) b.classList.toggle('active', b.dataset.stage === stage);
}

registerPanel({
  id: 'latency',
  section: 'latency',
  title: 'Latency over time',
  subtitle: 'percentiles per interval',
  span: 2,
  mount(el) {
    tabs = h(
      'div.tabs',
      { role: 'tablist' },
      ...STAGES.map(([id, label]) =>
        h('button', { type: 'button', 'data-stage': id, onclick: () => ((stage = id), draw()) }, label),
      ),
    );
    el.append(tabs);
    chart = new TimeChart(el, {
      height: 230,
      yFormat: fmtMs,
      series: [
        { label: 'p50', color: COLORS.p50, width: 2 },
        { label: 'p95', color: COLORS.p95, width: 1.75 },
        { label: 'p99', color: COLORS.p99, width: 1.5, dash: [5, 4] },
      ],
    });
  },
  update({ metrics }) {
    last = metrics;
    draw();
  },
});
