// @ts-check
import { COLORS, TimeChart } from '../chart.js';
import { fmtCount } from '../format.js';
import { registerPanel } from '../registry.js';

/** Requests over time, with failures and blocked requests on the same axis. */
/** @type {TimeChart} */
let chart;

registerPanel({
  id: 'traffic',
  section: 'overview',
  title: 'Traffic',
  subtitle: 'requests per interval',
  span: 3,
  order: 2,
  mount(el) {
    chart = new TimeChart(el, {
      height: 130,
      yFormat: (v) => fmtCount(v),
      series: [
        { label: 'requests', color: COLORS.requests, kind: 'area', width: 1.5 },
        { label: 'errors', color: COLORS.errors, width: 1.5 },
        { label: 'blocked', color: COLORS.blocked, width: 1.5 },
      ],
    });
  },
  update({ metrics }) {
    const s = metrics.series;
    chart.setData(
      s.map((/** @type {any} */ p) => p.t),
      [s.map((/** @type {any} */ p) => p.requests), s.map((/** @type {any} */ p) => p.errors), s.map((/** @type {any} */ p) => p.blocked)],
    );
  },
});
