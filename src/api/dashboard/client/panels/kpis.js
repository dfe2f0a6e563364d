// @ts-check
import { fill, h } from '../dom.js';
import { fmtCount, fmtMs, fmtPct, fmtUsd } from '../format.js';
import { registerPanel } from '../registry.js';

/** The headline numbers of the window: traffic, latency percentiles, overhead, spend, savings. */
/** @param {string} label @param {HTMLElement} value @param {HTMLElement | string} [foot] @param {string} [tone] */
const card = (label, value, foot, tone) => h(`div.kpi${tone ? `.kpi-${tone}` : ''}`, null, h('div.kpi-label', null, label), value, h('div.kpi-foot', null, foot ?? ''));

/** @param {Array<[string, string]>} parts */
const trio = (parts) => h('div.kpi-value.kpi-trio', null, ...parts.map(([k, v]) => h('span', null, h('small', null, k), v)));

/** @type {HTMLElement} */
let body;

registerPanel({
  id: 'kpis',
  section: 'overview',
  title: '',
  span: 3,
  mount(el) {
    body = el;
  },
  update({ metrics: m }) {
    const t = m.totals;
    const total = m.latency.stages.total ?? {};
    const errors = t.errors_4xx + t.errors_5xx;
    const unpriced = m.models.filter((/** @type {any} */ x) => x.unpriced > 0);
    fill(
      body,
      h(
        'div.kpis',
        null,
        card('Requests', h('div.kpi-value', null, fmtCount(t.requests)), `${fmtCount(t.streamed)} streamed · ${fmtCount(t.cache_hits)} from cache`),
        card('Errors', h('div.kpi-value', null, fmtPct(t.error_rate)), `${fmtCount(errors)} failed · ${fmtCount(t.errors_5xx)} 5xx`, t.error_rate > 0.05 ? 'bad' : undefined),
        card('Latency', trio([['p50', fmtMs(total.p50)], ['p95', fmtMs(total.p95)], ['p99', fmtMs(total.p99)]]), 'end to end, streams included'),
        card(
          'Gateway overhead',
          trio([['p50', fmtMs(m.overhead.p50)], ['p99', fmtMs(m.overhead.p99)]]),
          h('span', null, h('b', null, fmtPct(m.overhead.share)), ' of total time'),
          'overhead',
        ),
        card('Spend', h('div.kpi-value', null, fmtUsd(t.cost_usd)), `${fmtCount(t.prompt_tokens + t.completion_tokens)} tokens${t.estimated ? ` · ${fmtCount(t.estimated)} estimated` : ''}`, 'cost'),
        card(
          'Saved',
          h('div.kpi-value', null, fmtUsd(t.saved_usd)),
          h('span', null, t.saved_pct === null ? 'vs. the large tier' : h('span', null, h('b', null, fmtPct(t.saved_pct)), ' less than the large tier')),
          'saved',
        ),
        card('Blocked', h('div.kpi-value', null, fmtCount(t.blocked)), `${fmtCount(t.redacted)} redacted · ${fmtCount(t.flagged)} flagged`, 'blocked'),
      ),
      unpriced.length
        ? h('p.notice', null, `${fmtCount(unpriced.reduce((/** @type {number} */ n, /** @type {any} */ x) => n + x.unpriced, 0))} requests on models with no price (counted as $0): `, unpriced.map((/** @type {any} */ x) => x.model).join(', '), '. Add them to models.prices in the policy.')
        : null,
    );
  },
});
