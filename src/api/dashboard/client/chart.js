// @ts-check
import uPlot from 'uplot';
import { h } from './dom.js';

/** Chart colours, shared with styles.css. */
export const COLORS = {
  p50: '#2dd4bf',
  p95: '#fbbf24',
  p99: '#fb7185',
  upstream: '#60a5fa',
  overhead: '#f472b6',
  cost: '#818cf8',
  saved: '#34d399',
  requests: '#94a3b8',
  errors: '#fb7185',
  blocked: '#f59e0b',
  axis: '#8b95a7',
  grid: 'rgba(148, 163, 184, 0.09)',
};

/** @param {string} hex @param {number} a */
export const alpha = (hex, a) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

/** True when no two neighbouring values are both present: a line would not show. @param {any} values */
function sparse(values) {
  for (let i = 1; i < values.length; i++) if (values[i] !== null && values[i] !== undefined && values[i - 1] !== null && values[i - 1] !== undefined) return false;
  return true;
}

/**
 * @typedef {object} SeriesSpec
 * @property {string} label
 * @property {string} color
 * @property {'line' | 'area' | 'bars'} [kind]
 * @property {number} [width]
 * @property {number[]} [dash]
 * @property {(v: number | null, idx: number) => string} [value]  legend value
 */

/**
 * A time-series chart that fills its container's width and follows resizes. Data: x in epoch
 * milliseconds, one array per series (null where there is no data).
 */
export class TimeChart {
  /**
   * @param {HTMLElement} parent
   * @param {{ height?: number, series: SeriesSpec[], yFormat: (v: number) => string, yMin?: number }} opts
   */
  constructor(parent, opts) {
    this.opts = opts;
    this.el = h('div.chart');
    parent.append(this.el);
    /** @type {uPlot | null} */
    this.plot = null;
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.el);
  }

  width() {
    return Math.max(200, Math.floor(this.el.getBoundingClientRect().width));
  }

  resize() {
    if (this.plot && Math.abs(this.plot.width - this.width()) > 1) this.plot.setSize({ width: this.width(), height: this.opts.height ?? 200 });
  }

  /** @param {number[]} x @param {(number | null)[][]} ys */
  setData(x, ys) {
    const data = /** @type {uPlot.AlignedData} */ ([x.map((t) => t / 1000), ...ys]);
    if (this.plot) return this.plot.setData(data);
    const { series, yFormat, yMin = 0 } = this.opts;
    const axis = {
      stroke: COLORS.axis,
      grid: { stroke: COLORS.grid, width: 1 },
      ticks: { stroke: COLORS.grid, width: 1, size: 4 },
      font: '11px ui-sans-serif, system-ui, sans-serif',
    };
    this.plot = new uPlot(
      {
        width: this.width(),
        height: this.opts.height ?? 200,
        padding: [10, 14, 0, 0],
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7, fill: '#0b1020' } },
        legend: { live: true },
        scales: {
          // Half an interval of room on each side, so the newest bar or point is not cut in half.
          x: { time: true, range: (u, min, max) => { const xs = u.data[0]; const half = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 30; return [min - half, max + half]; } },
          y: { range: (_u, _min, max) => [yMin, max > yMin ? max * 1.12 : yMin + 1] },
        },
        axes: [
          { ...axis, space: 70 },
          { ...axis, size: 62, values: (_u, vals) => vals.map((v) => yFormat(v)) },
        ],
        series: [
          { value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toLocaleTimeString('en-GB', { hour12: false, hour: '2-digit', minute: '2-digit' })) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.width ?? (s.kind === 'bars' ? 0 : 2),
            dash: s.dash,
            fill: s.kind === 'bars' ? s.color : s.kind === 'area' ? alpha(s.color, 0.22) : undefined,
            paths: s.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.72, 48], gap: 1 }) : undefined,
            // Isolated values (sparse traffic) would draw nothing as a line: show them as points.
            points: { show: s.kind === 'bars' ? false : (/** @type {uPlot} */ u, /** @type {number} */ si) => sparse(u.data[si]), size: 5, fill: s.color },
            spanGaps: false,
            value: (/** @type {uPlot} */ u, /** @type {number | null} */ v, /** @type {number} */ _si, /** @type {number | null} */ idx) =>
              s.value ? s.value(v, idx ?? -1) : v === null || v === undefined ? '—' : yFormat(v),
          })),
        ],
      },
      data,
      this.el,
    );
  }
}
