// @ts-check
import { fill, h } from '../dom.js';
import { registerTraceAction } from '../registry.js';

/**
 * "Label this trace" in the trace drawer (README "The flywheel"): what the request (or the
 * answer) really was, and whether the small model was enough. Each click is a POST /admin/feedback;
 * the labels already given are listed, newest first. The label scheme is the server's (a guard
 * label or a route label); `npm run dataset` turns labels into training rows.
 */
const GUARD_LABELS = [
  ['benign', 'benign'],
  ['prompt_injection', 'prompt injection'],
  ['jailbreak', 'jailbreak'],
  ['harmful', 'harmful'],
  ['toxic', 'toxic'],
];
const ROUTE_LABELS = [
  ['small_ok', 'the small model was enough'],
  ['needs_large', 'it needed the large model'],
];

/** @param {any} f */
const describe = (f) => `${f.label.replaceAll('_', ' ')}${f.kind === 'guard' && f.side === 'output' ? ' (answer)' : ''}`;

/** @param {any} trace @param {HTMLElement} el @param {import('../registry.js').DashboardContext} ctx */
function render(trace, el, ctx) {
  const given = h('ul.labels');
  const status = h('small.muted');
  const note = /** @type {HTMLInputElement} */ (h('input', { type: 'text', maxlength: '2000', placeholder: 'note (optional)', 'aria-label': 'note', style: { width: '100%' } }));
  let side = 'input';

  const load = async () => {
    try {
      const { data } = await ctx.api(`/feedback?request_id=${encodeURIComponent(trace.id)}`);
      fill(given, ...(data.length ? data : [{ none: true }]).map((/** @type {any} */ f) => (f.none ? h('li.muted', null, 'No label yet.') : h('li', null, h('span.tag', null, describe(f)), ` ${f.source}`, f.note ? h('span.muted', null, ` — ${f.note}`) : null, h('small.muted', null, ` · ${new Date(f.created_at).toLocaleString('en-GB')}`)))));
    } catch (err) {
      fill(given, h('li.muted', null, `Labels could not be loaded: ${/** @type {Error} */ (err).message}`));
    }
  };

  /** @param {string} label */
  const send = async (label) => {
    status.textContent = 'saving…';
    try {
      const body = { request_id: trace.id, label, side, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      await ctx.api('/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      status.textContent = `labelled ${label.replaceAll('_', ' ')}`;
      note.value = '';
      await load();
    } catch (err) {
      status.textContent = `not saved: ${/** @type {Error} */ (err).message}`;
    }
  };

  /** @param {string[][]} labels */
  const buttons = (labels) => h('div.tabs', null, ...labels.map(([id, text]) => h('button', { type: 'button', 'data-label': id, onclick: () => void send(id) }, text)));
  const sides = h(
    'div.tabs',
    { role: 'radiogroup', 'aria-label': 'what the label is about' },
    ...[
      ['input', 'the request'],
      ['output', 'the answer'],
    ].map(([id, text]) => {
      const b = h(`button${id === side ? '.active' : ''}`, { type: 'button', 'data-side': id, onclick: () => {
        side = id;
        for (const x of sides.querySelectorAll('button')) x.classList.toggle('active', x === b);
      } }, text);
      return b;
    }),
  );

  fill(
    el,
    h('h3', null, 'Label this trace'),
    h('p.muted', null, 'What it really was — labels become training data (npm run dataset).'),
    sides,
    buttons(GUARD_LABELS),
    trace.tier ? h('div', null, h('small.muted', null, `Routing (answered by the ${trace.tier} tier):`), buttons(ROUTE_LABELS)) : null,
    note,
    status,
    given,
  );
  void load();
}

registerTraceAction({ id: 'label', order: 10, render });
