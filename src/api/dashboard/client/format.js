// @ts-check
/** Number formatting for people: latencies, dollars, counts, shares, times. */

/** @param {number | null | undefined} ms */
export function fmtMs(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** @param {number | null | undefined} usd */
export function fmtUsd(usd) {
  if (usd === null || usd === undefined || Number.isNaN(usd)) return '—';
  const a = Math.abs(usd);
  const sign = usd < 0 ? '−' : '';
  if (a === 0) return '$0.00';
  if (a >= 1000) return `${sign}$${a.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  if (a >= 1) return `${sign}$${a.toFixed(2)}`;
  if (a >= 0.01) return `${sign}$${a.toFixed(3)}`;
  return `${sign}$${a.toPrecision(2)}`;
}

/** @param {number | null | undefined} n */
export function fmtCount(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** @param {number | null | undefined} share 0..1 */
export function fmtPct(share) {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  const p = share * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(p >= 1 ? 1 : 2)}%`;
}

/** @param {string | number} at */
export function fmtTime(at) {
  const d = new Date(at);
  return d.toLocaleTimeString('en-GB', { hour12: false });
}

/** @param {string | number} at */
export function fmtAgo(at) {
  const s = Math.max(0, (Date.now() - new Date(at).getTime()) / 1000);
  if (s < 60) return `${Math.floor(s)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}
