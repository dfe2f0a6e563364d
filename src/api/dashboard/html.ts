import { ASSETS } from './assets.gen';

/** The dashboard's HTML: a shell the bundled script fills in, and the login form. */
const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const asset = (name: keyof typeof ASSETS) => `/dashboard/assets/${name}?v=${ASSETS[name].etag}`;

function document(title: string, body: string, script = false): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<title>${escape(title)}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1 15 8 8 15 1 8z' fill='%232dd4bf'/%3E%3C/svg%3E">
<link rel="stylesheet" href="${asset('app.css')}">
${script ? `<script src="${asset('app.js')}" defer></script>` : ''}
</head>
<body>
${body}
</body>
</html>`;
}

export function dashboardPage(opts: { signOut: boolean }): string {
  return document(
    'Triage — latency and cost',
    `<div id="app" data-sign-out="${opts.signOut ? '1' : '0'}"><div class="boot">Loading the dashboard…</div></div>
<noscript><p class="boot">The dashboard needs JavaScript. The same numbers are at <code>/admin/metrics</code> and <code>/admin/traces</code>.</p></noscript>`,
    true,
  );
}

export function loginPage(opts: { error?: string; disabled?: boolean }): string {
  const form = opts.disabled
    ? '<p class="login-note">The dashboard is disabled: set the <code>ADMIN_TOKEN</code> secret to use it.</p>'
    : `<form method="post" action="/dashboard/login" class="login-form">
  <input type="text" name="username" value="admin" autocomplete="username" hidden>
  <label for="token">Admin token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
  ${opts.error ? `<p class="login-error" role="alert">${escape(opts.error)}</p>` : ''}
  <button type="submit">Sign in</button>
</form>`;
  return document(
    'Triage — sign in',
    `<main class="login">
  <div class="login-card">
    <div class="brand"><span class="brand-mark"></span>Triage</div>
    <p class="login-note">Latency and cost dashboard. Sign in with the gateway's <code>ADMIN_TOKEN</code>.</p>
    ${form}
  </div>
</main>`,
  );
}
