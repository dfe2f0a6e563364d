import { describe, expect, it } from 'vitest';
import { admin, tracesFor } from '../support/admin';
import { client, marker, upstreamReceived } from '../support/client';
import { createKey, type CreatedKey } from '../support/keys';

let key: CreatedKey | undefined;
/** A virtual key on test/policies/flywheel-shadow.yaml: every small-tier request is compared. */
async function shadowClient() {
  key ??= await createKey({ name: 'shadow-sampler', policy: 'flywheel-shadow' });
  return client(key.key);
}

/** Shadow comparisons are stored after the response: poll until the request's row is there. */
async function routingLabels(requestId: string, timeoutMs = 5_000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = (await (await admin(`/admin/routing-labels?request_id=${requestId}`)).json()) as { data: any[] };
    if (data.length > 0 || Date.now() > deadline) return data;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('shadow comparisons', () => {
  it('a small-tier answer is also asked of the large tier in the background, graded, and stored as a routing row', async () => {
    const m = marker('shadow');
    const c = await shadowClient();
    const { data, response } = await c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `${m} what is 2+2?` }] }).withResponse();
    expect(data.choices[0]!.message.content).toBe(`Echo: ${m} what is 2+2?`);
    expect(response.headers.get('x-triage-route')).toContain('tier=small');
    const id = response.headers.get('x-request-id')!;

    const [row] = await routingLabels(id);
    expect(row).toMatchObject({
      request_id: id,
      text: `${m} what is 2+2?`,
      weak: 'small-model',
      strong: 'large-model',
      // The test upstream answers both models alike: exact match says the small one was enough.
      q_weak: 1,
      q_strong: 1,
      source: 'triage/shadow',
      license: 'own-traffic',
      grader: 'exact',
    });
    expect(row.detail.shadow_usage.completion_tokens).toBeGreaterThan(0);

    const received = await upstreamReceived(m);
    expect(received.map((r) => r.body.model).sort()).toEqual(['large-model', 'small-model']);
    const large = received.find((r) => r.body.model === 'large-model')!;
    expect(large.body.messages).toEqual([{ role: 'user', content: `${m} what is 2+2?` }]);
    expect(large.body.stream).toBe(false);
  });

  it('streams are compared once they end; the large tier gets a plain request with what the small one got (redacted)', async () => {
    const m = marker('shadow-stream');
    const c = await shadowClient();
    const { data, response } = await c.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: `${m} mail bob@example.com the plan` }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain(m);
    const id = response.headers.get('x-request-id')!;

    const [row] = await routingLabels(id);
    expect(row).toMatchObject({ weak: 'small-model', strong: 'large-model', q_weak: 1, q_strong: 1 });
    expect(row.text).toContain(m);
    expect(row.text).not.toContain('bob@example.com');

    const received = await upstreamReceived(m);
    expect(received).toHaveLength(2);
    const large = received.find((r) => r.body.model === 'large-model')!;
    expect(large.body.stream).toBe(false);
    expect(large.body.stream_options).toBeUndefined();
    expect(large.raw).not.toContain('bob@example.com');
  });

  it('requests the large tier served, and blocked ones, are not compared', async () => {
    const c = await shadowClient();
    const m1 = marker('shadow-large');
    const big = await c.chat.completions.create({ model: 'big', messages: [{ role: 'user', content: m1 }] }).withResponse();
    expect(big.response.headers.get('x-triage-route')).toContain('tier=large');
    const m2 = marker('shadow-blocked');
    const blocked = await c.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: `${m2} my token is ghp_${'a1B2c3D4e5'.repeat(3)}123456` }] })
      .catch((e) => e);
    expect(blocked.status).toBe(400);

    // A compared request's row lands within milliseconds of its trace; give these the same chance.
    const ids = [big.response.headers.get('x-request-id')!, blocked.headers.get('x-request-id')];
    expect(await tracesFor(ids)).toHaveLength(2);
    const control = await c.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: marker('control') }] }).withResponse();
    expect(await routingLabels(control.response.headers.get('x-request-id')!)).toHaveLength(1);

    for (const id of ids) expect(await routingLabels(id, 0)).toEqual([]);
    expect((await upstreamReceived(m1)).map((r) => r.body.model)).toEqual(['large-model']);
    expect(await upstreamReceived(m2)).toEqual([]);
  });
});
