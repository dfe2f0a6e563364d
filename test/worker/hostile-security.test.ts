import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { ADMIN } from '../support/admin';
import { GATEWAY, gatewayFetch, marker, post, upstreamReceived } from '../support/client';

// The security review's checks that a request can exercise (SECURITY.md): nothing a client sends
// chooses where the gateway connects, and cross-origin access is exactly what the deployment says.

async function withEnv(overrides: Record<string, unknown>, request: Request) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ...overrides } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const chatBody = (content: string, extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content }], ...extra });

describe('no client-controlled upstream', () => {
  it('URL-ish headers and body fields are ignored: the request goes to the configured upstream only', async () => {
    const m = marker('ssrf');
    const res = await post('/v1/chat/completions', chatBody(m, { base_url: 'http://169.254.169.254/v1', api_base: 'http://evil.example', baseURL: 'http://evil.example' }), {
      'x-portkey-custom-host': 'http://169.254.169.254/latest',
      'x-portkey-provider': 'openai',
      'x-forwarded-host': 'evil.example',
      host: 'evil.example',
      'x-upstream-url': 'http://evil.example/v1',
      'openai-base-url': 'http://evil.example/v1',
    });
    expect(res.status).toBe(200);
    const [received] = await upstreamReceived(m);
    // It reached the configured upstream (the scripted one records it), with none of those headers.
    expect(received!.path).toBe('/v1/chat/completions');
    for (const h of ['x-portkey-custom-host', 'x-forwarded-host', 'x-upstream-url', 'openai-base-url']) expect(received!.headers[h]).toBeUndefined();
    expect(received!.headers.authorization).toBe('Bearer sk-upstream-secret');
  });

  it('a model name that looks like a URL is only a model name', async () => {
    const m = marker('model-url');
    const res = await post('/v1/chat/completions', chatBody(m, { model: 'http://evil.example/v1/chat/completions' }));
    expect(res.status).toBe(200);
    const [received] = await upstreamReceived(m);
    expect(received!.path).toBe('/v1/chat/completions');
    expect(received!.body.model).toBe('http://evil.example/v1/chat/completions');
  });
});

describe('CORS is deliberate', () => {
  const preflight = (path: string) =>
    new Request(`${GATEWAY}${path}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-stainless-os' },
    });
  const cross = (origin: string) =>
    new Request(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: { origin, authorization: 'Bearer sk-gw-test', 'content-type': 'application/json' }, body: chatBody('hi') });

  it('off by default: no CORS headers, and a preflight is not answered', async () => {
    const res = await gatewayFetch(preflight('/v1/chat/completions'));
    expect([401, 405]).toContain(res.status); // an OpenAI error (no key), not a preflight answer
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post = await gatewayFetch(cross('https://app.example.com'));
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ALLOWED_ORIGINS: listed origins get a preflight and readable responses (errors too); others get nothing', async () => {
    const allowed = { CORS_ALLOWED_ORIGINS: 'https://app.example.com, https://other.example.com' };
    const pre = await withEnv(allowed, preflight('/v1/chat/completions'));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-stainless-os');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();

    const ok = await withEnv(allowed, cross('https://app.example.com'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(ok.headers.get('vary')).toContain('Origin');

    const denied = await withEnv(allowed, new Request(`${GATEWAY}/v1/chat/completions`, { method: 'POST', headers: { origin: 'https://app.example.com', 'content-type': 'application/json' }, body: chatBody('hi') }));
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('https://app.example.com');

    const stranger = await withEnv(allowed, cross('https://evil.example'));
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the admin API and the dashboard never answer cross-origin, whatever the allow-list', async () => {
    const allowed = { CORS_ALLOWED_ORIGINS: '*' };
    for (const path of ['/admin/traces', '/admin/keys', '/dashboard', '/dashboard/api/traces']) {
      const res = await withEnv(allowed, new Request(`${GATEWAY}${path}`, { headers: { ...ADMIN, origin: 'https://app.example.com' } }));
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      const pre = await withEnv(allowed, preflight(path));
      expect(pre.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });
});
