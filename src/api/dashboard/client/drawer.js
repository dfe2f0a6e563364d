// @ts-check
import { fill, h } from './dom.js';
import { fmtCount, fmtMs, fmtUsd } from './format.js';
import { ACTION_COLORS } from './panels/guards.js';
import { decisionTag, statusTag } from './panels/traces.js';
import { traceActions } from './registry.js';

/**
 * One trace, drilled into: where its time went (a waterfall of stages in pipeline order), what each
 * guard scored against its threshold, the upstream attempts, usage and cost, and the captured text
 * the policy allowed. Extensions (e.g. labelling, issue 7) add boxes through registerTraceAction.
 */
const STAGES = [
  ['auth', 'auth and limits', '#94a3b8'],
  ['guard', 'input guards', '#a78bfa'],
  ['route', 'routing', '#2dd4bf'],
  ['upstream', 'upstream (to first byte)', '#60a5fa'],
  ['output_guard', 'output guards', '#c084fc'],
];

/** @type {HTMLElement} */
let root;
/** @type {HTMLElement} */
let panel;

/** @param {string} label @param {Node | string | null} value */
const row = (label, value) => h('div.kv', null, h('span', null, label), h('b', null, value ?? '—'));

/** @param {any} t */
function waterfall(t) {
  const l = t.latency_ms;
  const total = Math.max(l.total, 0.001);
  let at = 0;
  const bars = STAGES.map(([k, label, color]) => {
    const ms = l[k] ?? 0;
    const left = at;
    at += ms;
    return h('div.wf-row', null, h('span.wf-label', null, label), h('div.wf-track', null, h('span.wf-bar', { style: { left: `${(left / total) * 100}%`, width: `max(2px, ${(ms / total) * 100}%)`, background: color } })), h('span.wf-ms', null, fmtMs(ms)));
  });
  const rest = Math.max(0, l.total - at);
  bars.push(h('div.wf-row', null, h('span.wf-label', null, t.stream ? 'streaming the answer' : 'reading the answer'), h('div.wf-track', null, h('span.wf-bar', { style: { left: `${(at / total) * 100}%`, width: `max(2px, ${(rest / total) * 100}%)`, background: '#38bdf8' } })), h('span.wf-ms', null, fmtMs(rest))));
  return h('div.waterfall', null, ...bars, h('div.wf-total', null, 'total ', h('b', null, fmtMs(l.total)), ' · gateway overhead ', h('b', null, fmtMs(l.overhead)), l.ttft !== null ? h('span', null, ' · first token at ', h('b', null, fmtMs(l.ttft))) : null));
}

/** @param {any[]} guards */
function guardList(guards) {
  if (!guards.length) return h('p.empty', null, 'No guard ran on this request.');
  return h(
    'ul.guard-scores',
    null,
    ...guards.map((g) => {
      const action = g.error ? 'error' : g.action;
      const color = /** @type {any} */ (ACTION_COLORS)[action.startsWith('route:') ? 'route' : action] ?? '#64748b';
      const score = typeof g.score === 'number' ? g.score : null;
      const detail = [g.latency_ms !== undefined ? fmtMs(g.latency_ms) : null, g.backend, g.error].filter(Boolean).join(' · ');
      return h(
        'li',
        { title: detail || undefined },
        h('div.guard-name', null, h('code', null, g.name), h('span.tag', null, g.side), g.mode === 'shadow' ? h('span.tag.tag-shadow', null, 'shadow') : null, h('span.tag', { style: { borderColor: color, color } }, action === 'none' ? 'passed' : action)),
        h(
          'div.score-track',
          { title: score === null ? 'no score' : `score ${score.toFixed(3)}${typeof g.threshold === 'number' ? ` / threshold ${g.threshold}` : ''}` },
          score === null ? null : h('span.score-fill', { style: { width: `${score * 100}%`, background: color } }),
          typeof g.threshold === 'number' ? h('span.score-threshold', { style: { left: `${g.threshold * 100}%` } }) : null,
        ),
        h('small', null, score === null ? '—' : score.toFixed(3), typeof g.threshold === 'number' ? h('span.muted', null, ` / ${g.threshold.toFixed(2)}`) : ''),
      );
    }),
  );
}

/** @param {any} t @param {import('./registry.js').DashboardContext} ctx */
export function openTrace(t, ctx) {
  if (!root) {
    panel = h('aside.drawer-panel', { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Trace' });
    root = h('div.drawer', { onclick: (/** @type {MouseEvent} */ e) => e.target === root && closeTrace() }, panel);
    document.body.append(root);
    document.addEventListener('keydown', (e) => e.key === 'Escape' && closeTrace());
  }
  const u = t.usage;
  fill(
    panel,
    h('header.drawer-head', null, h('div', null, h('div.drawer-title', null, statusTag(t.status), decisionTag(t.decision), h('code', null, t.id)), h('small.muted', null, new Date(t.created_at).toLocaleString('en-GB'))), h('button.close', { type: 'button', onclick: closeTrace, 'aria-label': 'Close' }, '×')),
    h('section', null, h('h3', null, 'Where the time went'), waterfall(t)),
    h('section', null, h('h3', null, 'Guards'), guardList(t.guards)),
    h(
      'section.cols',
      null,
      h('div', null, h('h3', null, 'Route'), row('requested', h('code', null, t.model_requested ?? '—')), row('answered by', h('code', null, t.model_used ?? '—')), row('tier', t.tier), row('provider', t.provider), row('router score', t.router_score === null ? '—' : t.router_score.toFixed(3)), row('retries / fallbacks', `${t.retries} / ${t.fallbacks}`), row('cache', t.cache ?? '—')),
      h('div', null, h('h3', null, 'Usage and cost'), row('input tokens', fmtCount(u.prompt_tokens)), row('output tokens', fmtCount(u.completion_tokens)), row('cached input', fmtCount(u.cached_tokens)), row('counted by', u.source === 'estimated' ? 'the gateway (estimate)' : u.source ?? '—'), row('cost', fmtUsd(t.cost_usd)), row('saved', fmtUsd(t.saved_usd)), t.cost_flags.length ? row('note', t.cost_flags.join(', ')) : null),
    ),
    t.attempts.length
      ? h('section', null, h('h3', null, 'Upstream attempts'), h('table.grid', null, h('tbody', null, ...t.attempts.map((/** @type {any} */ a, /** @type {number} */ i) => h('tr', null, h('td', null, `#${i + 1}`), h('td', null, h('code', null, a.target)), h('td', null, a.status === null ? 'no answer' : statusTag(a.status)), h('td.num', null, fmtMs(a.latency_ms)), h('td', null, a.retry ? `retry ${a.retry}` : ''), h('td', null, a.error ?? ''))))))
      : null,
    t.error ? h('section', null, h('h3', null, 'Error'), h('pre', null, `${t.error.code ?? t.error.type}: ${t.error.message}`)) : null,
    t.input || t.output ? h('section', null, h('h3', null, 'Captured text'), t.input ? h('pre', null, t.input) : null, t.output ? h('pre.output', null, t.output) : null) : null,
    ...[...traceActions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((action) => {
      const box = h('section', { 'data-action': action.id });
      action.render(t, box, ctx);
      return box;
    }),
  );
  root.classList.add('open');
  panel.scrollTop = 0;
}

export function closeTrace() {
  root?.classList.remove('open');
}
