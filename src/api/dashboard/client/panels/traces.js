// @ts-check
import { fill, h } from '../dom.js';
import { fmtAgo, fmtCount, fmtMs, fmtTime, fmtUsd } from '../format.js';
import { registerPanel } from '../registry.js';

/** The most recent requests of the window; a row opens the trace's drill-down. */
const FILTERS = [
  ['all', 'All', () => true],
  ['errors', 'Errors', (/** @type {any} */ t) => t.status >= 400 && t.decision !== 'block'],
  ['blocked', 'Blocked', (/** @type {any} */ t) => t.decision === 'block'],
  ['guarded', 'Flagged or redacted', (/** @type {any} */ t) => t.decision === 'flag' || t.decision === 'redact'],
  ['slow', 'Slowest', () => true],
];

/** @param {number} status */
export const statusTag = (status) => h(`span.tag.${status >= 500 ? 'tag-bad' : status >= 400 ? 'tag-warn' : 'tag-ok'}`, null, String(status));
/** @param {string} decision */
export const decisionTag = (decision) => h(`span.tag.decision-${decision}`, null, decision);

let filter = 'all';
const PAGE = 25;
let shown = PAGE;
/** @type {any[]} */
let traces = [];
/** @type {HTMLElement} */
let chips;
/** @type {HTMLElement} */
let body;
/** @type {import('../registry.js').DashboardContext} */
let context;

function render() {
  for (const b of chips.querySelectorAll('button')) b.classList.toggle('active', b.dataset.filter === filter);
  const [, , keep] = FILTERS.find(([id]) => id === filter) ?? FILTERS[0];
  let rows = traces.filter(/** @type {(t: any) => boolean} */ (keep));
  if (filter === 'slow') rows = [...rows].sort((a, b) => b.latency_ms.total - a.latency_ms.total);
  if (rows.length === 0) return void fill(body, h('p.empty', null, traces.length ? 'No request matches this filter.' : 'No requests in this window yet.'));
  fill(
    body,
    h(
      'table.grid.traces',
      null,
      h('thead', null, h('tr', null, ...['time', 'status', 'decision', 'model', 'tier', 'total', 'overhead', 'tokens', 'cost', 'saved'].map((c) => h('th', null, c)))),
      h(
        'tbody',
        null,
        ...rows.slice(0, shown).map((t) =>
          h(
            'tr.clickable',
            { tabindex: 0, 'data-id': t.id, onclick: () => context.openTrace(t), onkeydown: (/** @type {KeyboardEvent} */ e) => e.key === 'Enter' && context.openTrace(t) },
            h('td', { title: t.created_at }, fmtTime(t.created_at), h('small', null, ` ${fmtAgo(t.created_at)}`)),
            h('td', null, statusTag(t.status)),
            h('td', null, decisionTag(t.decision)),
            h('td', null, h('code', null, t.model_used ?? t.model_requested ?? '—'), t.stream ? h('span.tag', null, 'stream') : null),
            h('td', null, t.tier ?? '—'),
            h('td.num', null, fmtMs(t.latency_ms.total)),
            h('td.num', null, fmtMs(t.latency_ms.overhead)),
            h('td.num', null, `${fmtCount(t.usage.prompt_tokens)} / ${fmtCount(t.usage.completion_tokens)}`, t.usage.source === 'estimated' ? h('small', { title: 'counted by the gateway' }, ' est.') : null),
            h('td.num', null, fmtUsd(t.cost_usd), t.cost_flags.includes('unknown_price') ? h('small', { title: 'no price for this model' }, ' ?') : null),
            h(`td.num${t.saved_usd > 0 ? '.good' : ''}`, null, fmtUsd(t.saved_usd)),
          ),
        ),
      ),
    ),
    rows.length > shown ? h('button.more', { type: 'button', onclick: () => ((shown += PAGE * 2), render()) }, `Show more (${rows.length - shown} more)`) : null,
  );
}

registerPanel({
  id: 'traces',
  section: 'traces',
  title: 'Requests',
  subtitle: 'click one for its stages, guard scores and cost',
  span: 3,
  mount(el, ctx) {
    context = ctx;
    chips = h('div.tabs', null, ...FILTERS.map(([id, label]) => h('button', { type: 'button', 'data-filter': id, onclick: () => ((filter = /** @type {string} */ (id)), (shown = PAGE), render()) }, /** @type {string} */ (label))));
    body = h('div.table-wrap');
    el.append(chips, body);
  },
  update(data) {
    traces = data.traces;
    render();
  },
});
