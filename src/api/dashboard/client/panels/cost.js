// @ts-check
import { alpha, COLORS, TimeChart } from '../chart.js';
import { fill, h } from '../dom.js';
import { fmtCount, fmtPct, fmtUsd } from '../format.js';
import { registerPanel } from '../registry.js';

/**
 * Spend against what the same traffic would have cost on the large tier: each bar's full height is
 * that counterfactual, its solid part what was actually spent; the rest was saved.
 */
/** @type {TimeChart} */
let chart;
/** @type {number[]} */
let saved = [];

registerPanel({
  id: 'cost',
  section: 'cost',
  title: 'Spend and savings over time',
  subtitle: 'solid: spent · light: saved against the large tier',
  span: 2,
  mount(el) {
    chart = new TimeChart(el, {
      height: 220,
      yFormat: fmtUsd,
      series: [
        { label: 'saved', color: alpha(COLORS.saved, 0.45), kind: 'bars', value: (_v, i) => fmtUsd(saved[i] ?? null) },
        { label: 'spent', color: COLORS.cost, kind: 'bars' },
      ],
    });
  },
  update({ metrics }) {
    const s = metrics.series;
    saved = s.map((/** @type {any} */ p) => p.saved_usd);
    chart.setData(
      s.map((/** @type {any} */ p) => p.t),
      [s.map((/** @type {any} */ p) => p.cost_usd + Math.max(0, p.saved_usd)), s.map((/** @type {any} */ p) => p.cost_usd)],
    );
  },
});

/** @type {HTMLElement} */
let byModel;

registerPanel({
  id: 'cost-models',
  section: 'cost',
  title: 'By model',
  span: 1,
  order: 2,
  mount(el) {
    byModel = el;
  },
  update({ metrics }) {
    const rows = metrics.models.filter((/** @type {any} */ m) => m.model !== '-');
    const max = Math.max(1e-12, ...rows.map((/** @type {any} */ m) => m.cost_usd + Math.max(0, m.saved_usd)));
    const total = metrics.totals.cost_usd;
    if (rows.length === 0) return void fill(byModel, h('p.empty', null, 'No model answered in this window.'));
    fill(
      byModel,
      h(
        'ul.bars',
        null,
        ...rows.slice(0, 8).map((/** @type {any} */ m) =>
          h(
            'li',
            null,
            h('div.bar-label', null, h('code', null, m.model), h('span', null, fmtUsd(m.cost_usd), h('small', null, total > 0 ? fmtPct(m.cost_usd / total) : ''))),
            h(
              'div.bar-track',
              { title: `spent ${fmtUsd(m.cost_usd)}, saved ${fmtUsd(m.saved_usd)}` },
              h('span.bar-fill', { style: { width: `${(m.cost_usd / max) * 100}%`, background: COLORS.cost } }),
              h('span.bar-fill', { style: { width: `${(Math.max(0, m.saved_usd) / max) * 100}%`, background: alpha(COLORS.saved, 0.45) } }),
            ),
            h('div.bar-foot', null, `${fmtCount(m.requests)} requests · ${fmtCount(m.prompt_tokens)} in / ${fmtCount(m.completion_tokens)} out`, m.unpriced ? h('span.tag.tag-warn', null, 'no price') : null),
          ),
        ),
      ),
    );
  },
});
