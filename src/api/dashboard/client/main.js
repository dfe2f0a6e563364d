// @ts-check
import { api } from './api.js';
import { h } from './dom.js';
import { closeTrace, openTrace } from './drawer.js';
import { fmtTime } from './format.js';
import './panels/index.js';
import { panels, SECTIONS } from './registry.js';

/**
 * The page: a header (time window, auto-refresh, sign out), then each section's panels in a
 * three-column grid. Every refresh fetches the window's metrics and recent traces once and hands
 * them to every panel.
 */
const WINDOWS = ['15m', '1h', '6h', '24h', '7d', '30d'];
const REFRESH_MS = 10_000;

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
const params = new URLSearchParams(location.hash.slice(1));
let windowName = WINDOWS.includes(params.get('window') ?? '') ? /** @type {string} */ (params.get('window')) : '1h';
let auto = params.get('refresh') !== 'off';
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
let loading = false;

const status = h('span.status');
const windowButtons = h('div.segmented', { role: 'group', 'aria-label': 'time window' });
const autoButton = h('button.toggle', { type: 'button', onclick: () => ((auto = !auto), saveHash(), schedule(), renderControls()) });

/** @type {import('./registry.js').DashboardContext} */
const ctx = { api, openTrace: (t) => openTrace(t, ctx), refresh: () => void load() };

function saveHash() {
  history.replaceState(null, '', `#window=${windowName}${auto ? '' : '&refresh=off'}`);
}

function renderControls() {
  windowButtons.replaceChildren(
    ...WINDOWS.map((w) => h(`button${w === windowName ? '.active' : ''}`, { type: 'button', 'data-window': w, onclick: () => ((windowName = w), saveHash(), renderControls(), void load()) }, w)),
  );
  autoButton.replaceChildren(h(`i.dot${auto ? '.live' : ''}`), auto ? 'Live' : 'Paused');
  autoButton.title = auto ? `Refreshing every ${REFRESH_MS / 1000} s — click to pause` : 'Click to refresh automatically';
}

function layout() {
  const signOut = app.dataset.signOut === '1' ? h('form', { method: 'post', action: '/dashboard/logout' }, h('button.link', { type: 'submit' }, 'Sign out')) : null;
  const header = h('header.top', null, h('div.brand', null, h('span.brand-mark'), 'Triage', h('small', null, 'latency and cost')), h('div.controls', null, windowButtons, autoButton, status, signOut));
  const main = h('main.sections');
  for (const section of SECTIONS) {
    const mine = panels.filter((p) => p.section === section.id).sort((a, b) => (a.order ?? 1) - (b.order ?? 1));
    if (mine.length === 0) continue;
    const grid = h('div.grid3');
    for (const p of mine) {
      const body = h('div.panel-body');
      const card = h(`section.panel.span${p.span ?? 1}`, { 'data-panel': p.id }, p.title ? h('header.panel-head', null, h('h2', null, p.title), p.subtitle ? h('small', null, p.subtitle) : null) : null, body);
      grid.append(card);
      p.mount(body, ctx);
    }
    main.append(h(`div.section.section-${section.id}`, null, section.title ? h('h1.section-title', null, section.title) : null, grid));
  }
  app.replaceChildren(header, main);
}

function schedule() {
  clearTimeout(timer);
  if (auto) timer = setTimeout(() => void load(), REFRESH_MS);
}

async function load() {
  if (loading) return;
  loading = true;
  status.textContent = 'updating…';
  status.className = 'status busy';
  try {
    const metrics = await api(`/metrics?window=${windowName}`);
    const since = Date.parse(metrics.window.from);
    const { data: traces } = await api(`/traces?limit=200&since=${since}`);
    const data = { metrics, traces, window: windowName };
    for (const p of panels) {
      try {
        p.update(data, ctx);
      } catch (err) {
        console.error(`panel ${p.id} failed to draw`, err);
      }
    }
    status.textContent = `updated ${fmtTime(Date.now())}`;
    status.className = 'status';
    document.body.dataset.loaded = 'true';
  } catch (err) {
    status.textContent = `could not load: ${/** @type {Error} */ (err).message}`;
    status.className = 'status error';
  } finally {
    loading = false;
    schedule();
  }
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(timer);
  else if (auto) void load();
});
window.addEventListener('hashchange', () => closeTrace());

renderControls();
layout();
void load();
