// @ts-check
import { fill, h } from '../dom.js';
import { fmtCount, fmtPct, fmtUsd } from '../format.js';
import { registerPanel } from '../registry.js';

/** Where requests went: tier → model, by share of requests, with their spend. */
const TIER_COLORS = ['#2dd4bf', '#818cf8', '#f472b6', '#fbbf24', '#60a5fa', '#a3e635'];

/** @type {HTMLElement} */
let body;

registerPanel({
  id: 'routes',
  section: 'decisions',
  title: 'Route mix',
  subtitle: 'tier → model',
  span: 1,
  order: 2,
  mount(el) {
    body = el;
  },
  update({ metrics }) {
    const routes = metrics.routes.filter((/** @type {any} */ r) => r.model !== '-');
    const total = routes.reduce((/** @type {number} */ n, /** @type {any} */ r) => n + r.requests, 0);
    const tiers = [...new Set(routes.map((/** @type {any} */ r) => r.tier))];
    const color = (/** @type {string} */ tier) => TIER_COLORS[tiers.indexOf(tier) % TIER_COLORS.length];
    if (total === 0) return void fill(body, h('p.empty', null, 'No request reached a model in this window.'));
    fill(
      body,
      h('div.stack', null, ...routes.map((/** @type {any} */ r) => h('span', { style: { width: `${(r.requests / total) * 100}%`, background: color(r.tier) }, title: `${r.tier} → ${r.model}` }))),
      h(
        'ul.route-list',
        null,
        ...routes.slice(0, 8).map((/** @type {any} */ r) =>
          h(
            'li',
            null,
            h('i', { style: { background: color(r.tier) } }),
            h('span.route-name', null, h('b', null, r.tier), ' → ', h('code', null, r.model)),
            h('span.route-share', null, fmtPct(r.requests / total)),
            h('small', null, `${fmtCount(r.requests)} · ${fmtUsd(r.cost_usd)}`),
          ),
        ),
      ),
    );
  },
});
