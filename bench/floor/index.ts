import { Hono } from 'hono';

/**
 * The benchmark floor: a no-logic passthrough Worker, served exactly like the gateway. Whatever
 * it costs is the price of being a Worker at all; the gateway's overhead is measured above it.
 */
const app = new Hono<{ Bindings: { OPENAI_BASE_URL: string; OPENAI_API_KEY: string } }>();

app.post('/v1/chat/completions', async (c) => {
  const upstream = await fetch(`${c.env.OPENAI_BASE_URL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.env.OPENAI_API_KEY}` },
    body: c.req.raw.body,
  });
  return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' } });
});

export default app;
