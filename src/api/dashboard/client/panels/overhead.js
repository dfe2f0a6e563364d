// @ts-check
import { alpha, COLORS, TimeChart } from '../chart.js';
import { fill, h } from '../dom.js';
import { fmtMs, fmtPct } from '../format.js';
import { registerPanel } from '../registry.js';

/**
 * Where the time goes: per interval, the mean upstream time (to the answer's first byte) and, on
 * top of it, the mean gateway overhead — the gap between the two areas is what Triage adds. Below,
 * the window's mean request split into upstream, streaming (the answer's body arriving after its
 * first byte), guards and other gateway work.
 */
/** @type {TimeChart} */
let chart;
/** @type {HTMLElement} */
let split;
/** @type {number[]} */
let overheads = [];

const PARTS = [
  ['upstream', 'upstream', COLORS.upstream],
  ['streaming', 'streaming', '#38bdf8'],
  ['guard', 'input guards', '#a78bfa'],
  ['output_guard', 'output guards', '#c084fc'],
  ['other', 'other gateway work', COLORS.overhead],
];

registerPanel({
  id: 'overhead',
  section: 'latency',
  title: 'Where the time goes',
  subtitle: 'mean per request',
  span: 1,
  mount(el) {
    chart = new TimeChart(el, {
      height: 150,
      yFormat: fmtMs,
      series: [
        { label: 'with overhead', color: COLORS.overhead, kind: 'area', width: 1.5, value: (v, i) => (v === null ? '—' : `+${fmtMs(overheads[i])}`) },
        { label: 'upstream', color: COLORS.upstream, kind: 'area', width: 1.5 },
      ],
    });
    split = h('div.split');
    el.append(split);
  },
  update({ metrics }) {
    const s = metrics.series;
    const upstream = s.map((/** @type {any} */ p) => p.latency.upstream?.mean ?? (p.latency.total ? 0 : null));
    overheads = s.map((/** @type {any} */ p) => p.latency.overhead?.mean ?? 0);
    const stacked = upstream.map((/** @type {number | null} */ u, /** @type {number} */ i) => (u === null ? null : u + overheads[i]));
    chart.setData(s.map((/** @type {any} */ p) => p.t), [stacked, upstream]);

    const st = metrics.latency.stages;
    const n = st.total?.n ?? 0;
    // Sums per request over the window (stage means weighted by how many requests reached them).
    const sum = (/** @type {string} */ k) => ((st[k]?.mean ?? 0) * (st[k]?.n ?? 0)) / (n || 1);
    const totalMean = st.total?.mean ?? 0;
    const overhead = sum('overhead');
    /** @type {Record<string, number>} */
    const values = { upstream: sum('upstream'), guard: sum('guard'), output_guard: sum('output_guard') };
    values.other = Math.max(0, overhead - values.guard - values.output_guard);
    values.streaming = Math.max(0, totalMean - values.upstream - overhead);
    const parts = PARTS.map(([k, label, color]) => ({ label, color, ms: values[k] ?? 0 }));
    fill(
      split,
      h('div.split-bar', null, ...parts.map((p) => h('span', { style: { width: `${totalMean ? (p.ms / totalMean) * 100 : 0}%`, background: p.color }, title: `${p.label}: ${fmtMs(p.ms)}` }))),
      h(
        'ul.split-legend',
        null,
        ...parts.map((p) => h('li', null, h('i', { style: { background: p.color } }), p.label, h('b', null, fmtMs(p.ms)), h('small', null, totalMean ? fmtPct(p.ms / totalMean) : '—'))),
      ),
      h('p.muted', null, 'Overhead share of end-to-end time: ', h('b', { style: { color: alpha(COLORS.overhead, 1) } }, fmtPct(metrics.overhead.share))),
    );
  },
});
