// @ts-check
import { fill, h } from '../dom.js';
import { fmtCount, fmtPct } from '../format.js';
import { registerPanel } from '../registry.js';

/**
 * What each guard did over the window: one bar per guard and side, split by action (passed, flag,
 * redact, block, route, error). Shadow-mode guards get their own, outlined bar: what they would
 * have done, enforced by nobody.
 */
export const ACTION_COLORS = { none: '#334155', flag: '#fbbf24', redact: '#38bdf8', block: '#fb7185', route: '#a78bfa', error: '#ef4444' };
const DECISIONS = [
  ['allow', 'allowed', '#2dd4bf'],
  ['flag', 'flagged', ACTION_COLORS.flag],
  ['redact', 'redacted', ACTION_COLORS.redact],
  ['block', 'blocked', ACTION_COLORS.block],
];

/** @param {string} action */
const colorOf = (action) => (action.startsWith('route:') ? ACTION_COLORS.route : /** @type {any} */ (ACTION_COLORS)[action] ?? '#64748b');

/** @type {HTMLElement} */
let body;

registerPanel({
  id: 'guards',
  section: 'decisions',
  title: 'Decisions by guard',
  subtitle: 'every guard run, shadow ones included',
  span: 2,
  mount(el) {
    body = el;
  },
  update({ metrics }) {
    const d = metrics.decisions;
    const all = d.allow + d.flag + d.redact + d.block;
    /** @type {Map<string, { guard: string, side: string, mode: string, total: number, actions: Map<string, number>, score: number }>} */
    const rows = new Map();
    for (const g of metrics.guards) {
      const key = `${g.guard}|${g.side}|${g.mode}`;
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { guard: g.guard, side: g.side, mode: g.mode, total: 0, actions: new Map(), score: 0 }));
      r.total += g.count;
      r.score += (g.mean_score ?? 0) * g.count;
      r.actions.set(g.action, (r.actions.get(g.action) ?? 0) + g.count);
    }
    fill(
      body,
      h(
        'div.decisions',
        null,
        h('div.stack', { title: 'decisions over all requests' }, ...DECISIONS.map(([k, , c]) => h('span', { style: { width: `${all ? (d[k] / all) * 100 : 0}%`, background: c } }))),
        h('ul.legend', null, ...DECISIONS.map(([k, label, c]) => h('li', null, h('i', { style: { background: c } }), label, h('b', null, fmtCount(d[k])), h('small', null, all ? fmtPct(d[k] / all) : '')))),
      ),
      rows.size === 0
        ? h('p.empty', null, 'No guard ran in this window (the policy in use may have none).')
        : h(
            'ul.guard-rows',
            null,
            ...[...rows.values()].map((r) => {
              const fired = r.total - (r.actions.get('none') ?? 0);
              return h(
                `li${r.mode === 'shadow' ? '.shadow' : ''}`,
                null,
                h('div.guard-name', null, h('code', null, r.guard), h('span.tag', null, r.side), r.mode === 'shadow' ? h('span.tag.tag-shadow', null, 'shadow') : null),
                h('div.stack.small', null, ...[...r.actions].map(([a, n]) => h('span', { style: { width: `${(n / r.total) * 100}%`, background: colorOf(a) }, title: `${a === 'none' ? 'passed' : a}: ${n}` }))),
                h('div.guard-stats', null, h('b', null, fmtPct(fired / r.total)), ' fired', h('small', null, ` · ${fmtCount(r.total)} runs · mean score ${(r.score / r.total).toFixed(2)}`)),
              );
            }),
          ),
      h('ul.legend.small', null, ...Object.entries(ACTION_COLORS).map(([a, c]) => h('li', null, h('i', { style: { background: c } }), a === 'none' ? 'passed' : a))),
    );
  },
});
