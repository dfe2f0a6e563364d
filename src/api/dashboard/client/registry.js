// @ts-check
/**
 * Extension points of the dashboard page. A panel lives in its own file under panels/, registers
 * itself here and is imported once from panels/index.js; the page lays panels out by section and
 * order, mounts each once, and hands every panel the same data on each refresh.
 *
 * Sections, top to bottom: overview, latency, cost, decisions, keys (per-key spend — issue 6),
 * traces. A section with no panel is not shown.
 */

/**
 * @typedef {object} DashboardData
 * @property {any} metrics   what GET /admin/metrics returns for the selected window
 * @property {any[]} traces  the most recent traces in that window (GET /admin/traces)
 * @property {string} window the selected window, e.g. "1h"
 */

/**
 * @typedef {object} DashboardContext
 * @property {(path: string, init?: RequestInit) => Promise<any>} api  JSON from /dashboard/api/* (= /admin/*)
 * @property {(trace: any) => void} openTrace  opens the drill-down drawer on a trace
 * @property {() => void} refresh  reloads every panel's data now
 */

/**
 * @typedef {object} Panel
 * @property {string} id
 * @property {string} section  one of SECTIONS[].id
 * @property {string} title
 * @property {string} [subtitle]
 * @property {1 | 2 | 3} [span]  columns of a three-column row
 * @property {number} [order]
 * @property {(el: HTMLElement, ctx: DashboardContext) => void} mount
 * @property {(data: DashboardData, ctx: DashboardContext) => void} update
 */

/**
 * @typedef {object} TraceAction
 * @property {string} id
 * @property {number} [order]
 * @property {(trace: any, el: HTMLElement, ctx: DashboardContext) => void} render  fills its own box in the trace drawer (e.g. labelling, issue 7)
 */

export const SECTIONS = [
  { id: 'overview', title: '' },
  { id: 'latency', title: 'Latency' },
  { id: 'cost', title: 'Cost and savings' },
  { id: 'decisions', title: 'Guards and routing' },
  { id: 'keys', title: 'Keys and spend' },
  { id: 'traces', title: 'Recent requests' },
];

/** @type {Panel[]} */
export const panels = [];
/** @type {TraceAction[]} */
export const traceActions = [];

/** @param {Panel} panel */
export function registerPanel(panel) {
  panels.push(panel);
}

/** @param {TraceAction} action */
export function registerTraceAction(action) {
  traceActions.push(action);
}
