// @ts-check
import { COLORS } from '../chart.js';
import { fill, h } from '../dom.js';
import { fmtCount, fmtPct, fmtUsd } from '../format.js';
import { registerPanel } from '../registry.js';

/**
 * Keys and spend (issue 6): every key — virtual keys (GET /admin/keys) and the GATEWAY_API_KEYS
 * entries, by name only — with its limits and today's and this month's spend against its budgets.
 * Virtual keys are created here (the key is shown once, in this page only) and revoked here.
 */

/** @type {HTMLElement} */
let body;
/** @type {HTMLElement} */
let created;
/** @type {import('../registry.js').DashboardContext} */
let context;

/** @param {number} spent @param {number | undefined} limit */
function budget(spent, limit) {
  if (!limit) return h('span', { title: 'no budget' }, fmtUsd(spent));
  const share = spent / limit;
  const color = share >= 1 ? COLORS.errors : share >= 0.8 ? COLORS.blocked : COLORS.cost;
  return h(
    'div',
    { title: `${fmtUsd(spent)} of ${fmtUsd(limit)}` },
    h('div.bar-label', null, h('span', null, `${fmtUsd(spent)} / ${fmtUsd(limit)}`), h('small', null, fmtPct(Math.min(share, 9.99)))),
    h('div.bar-track', null, h('span.bar-fill', { style: { width: `${Math.min(1, share) * 100}%`, background: color } })),
  );
}

/** @param {any} l */
function limitsText(l) {
  const parts = [];
  if (l.rpm) parts.push(`${fmtCount(l.rpm)} rpm`);
  if (l.tpm) parts.push(`${fmtCount(l.tpm)} tpm`);
  return parts.length ? parts.join(' · ') : '—';
}

/** @param {any} key */
async function revoke(key) {
  if (!confirm(`Revoke "${key.name}"? Requests with it fail from the next one on.`)) return;
  await context.api(`/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
  context.refresh();
}

/** @param {any[]} keys */
function render(keys) {
  if (keys.length === 0) return void fill(body, h('p.empty', null, 'No keys yet.'));
  fill(
    body,
    h(
      'table.grid',
      null,
      h('thead', null, h('tr', null, ...['key', 'policy', 'rate limits', 'today', 'this month', 'requests today', ''].map((c) => h('th', null, c)))),
      h(
        'tbody',
        null,
        ...keys.map((k) =>
          h(
            'tr',
            null,
            h('td', null, h('b', null, k.name), k.source === 'env' ? h('span.tag', { title: 'from GATEWAY_API_KEYS' }, 'env') : h('code', null, ` ${k.key_hint}`), k.revoked_at ? h('span.tag.tag-bad', null, 'revoked') : null),
            h('td', null, h('code', null, k.policy)),
            h('td', null, limitsText(k.effective_limits)),
            h('td', { style: { minWidth: '150px' } }, budget(k.spend.day_usd, k.effective_limits.daily_usd)),
            h('td', { style: { minWidth: '150px' } }, budget(k.spend.month_usd, k.effective_limits.monthly_usd)),
            h('td.num', null, fmtCount(k.spend.requests_today)),
            h('td', null, k.source === 'virtual' && !k.revoked_at ? h('button.link', { type: 'button', onclick: () => void revoke(k) }, 'revoke') : null),
          ),
        ),
      ),
    ),
  );
}

/** @param {SubmitEvent} e */
async function create(e) {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.target);
  const data = new FormData(form);
  const text = (/** @type {string} */ name) => String(data.get(name) ?? '').trim();
  /** @type {Record<string, number>} */
  const limits = {};
  for (const name of ['rpm', 'tpm', 'daily_usd', 'monthly_usd']) if (text(name)) limits[name] = Number(text(name));
  try {
    const res = await context.api('/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: text('name'), ...(text('policy') ? { policy: text('policy') } : {}), ...(Object.keys(limits).length ? { limits } : {}) }),
    });
    form.reset();
    fill(created, h('p.notice', null, `Key for "${res.name}" — copy it now, it is not shown again: `, h('code', null, res.key)));
    context.refresh();
  } catch (err) {
    fill(created, h('p.notice', null, `Not created: ${/** @type {Error} */ (err).message}`));
  }
}

const field = (/** @type {string} */ name, /** @type {string} */ label, /** @type {Record<string, any>} */ attrs = {}) =>
  h('label', null, `${label} `, h('input', { name, style: { width: '90px' }, ...attrs }));

registerPanel({
  id: 'keys',
  section: 'keys',
  title: 'Keys',
  subtitle: 'spend against budgets (UTC day and month) · limits as enforced: the key’s own over its policy’s',
  span: 3,
  mount(el, ctx) {
    context = ctx;
    const form = h(
      'form.tabs',
      { onsubmit: (/** @type {SubmitEvent} */ e) => void create(e) },
      field('name', 'name', { required: true, style: { width: '150px' } }),
      field('policy', 'policy', { placeholder: 'default' }),
      field('rpm', 'rpm', { type: 'number', min: 1 }),
      field('tpm', 'tpm', { type: 'number', min: 1 }),
      field('daily_usd', '$/day', { type: 'number', min: 0, step: 'any' }),
      field('monthly_usd', '$/month', { type: 'number', min: 0, step: 'any' }),
      h('button', { type: 'submit' }, 'create key'),
    );
    created = h('div');
    body = h('div.table-wrap');
    el.append(form, created, body);
  },
  update() {
    context
      .api('/keys')
      .then(({ data }) => render(data))
      .catch((err) => fill(body, h('p.empty', null, `Could not load the keys: ${err.message}`)));
  },
});
