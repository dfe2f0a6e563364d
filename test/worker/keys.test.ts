import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, tracesFor } from '../support/admin';
import { client, marker, upstreamReceived } from '../support/client';
import { chat, createKey } from '../support/keys';

const json = async (res: Response) => (await res.json()) as Record<string, any>;

/** Every row of every table of the D1 database, as text. */
async function dumpD1(): Promise<string> {
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all<{ name: string }>();
  let out = '';
  for (const { name } of results) out += JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
  return out;
}

/** Everything a key's Durable Object stores: every key-value entry, and every row of any SQL table. */
function dumpLimiter(keyId: string): Promise<string> {
  const stub = env.KEY_LIMITER.get(env.KEY_LIMITER.idFromName(keyId));
  return runInDurableObject(stub, (_instance, state) => {
    let out = JSON.stringify([...state.storage.kv.list()]);
    const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray();
    for (const { name } of tables) if (!name.startsWith('_cf_') && !name.startsWith('sqlite_')) out += JSON.stringify(state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray());
    return out;
  });
}

describe('virtual keys', () => {
  it('are created once, work with the openai client, and their trace names the key', async () => {
    const created = await createKey({ name: 'team-a', policy: 'limits-defaults' });
    expect(created.id).toMatch(/^vk_[a-z2-7]{16}$/);
    expect(created.key).toMatch(/^sk-triage-[a-z2-7]{16}_[a-z2-7]{52}$/);
    expect(created.key).toContain(created.id.slice(3));
    expect(created).toMatchObject({ name: 'team-a', policy: 'limits-defaults', limits: {}, revoked_at: null });

    const m = marker('vk');
    const { data, response } = await client(created.key).chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: m }] }).withResponse();
    expect(data.choices[0]!.message.content).toBe(`Echo: ${m}`);
    // The key's policy decides where `auto` goes.
    const [received] = await upstreamReceived(m);
    expect(received!.body.model).toBe('small-model');
    expect(JSON.stringify(received!.headers)).not.toContain(created.key.slice(-20));
    const [trace] = await tracesFor([response.headers.get('x-request-id')!]);
    expect(trace).toMatchObject({ key_id: created.id, policy: 'limits-defaults' });
  });

  it('validates the body: name required, known policy, sane limits', async () => {
    const post = (body: unknown) => admin('/admin/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const noName = await post({ policy: 'limits' });
    expect(noName.status).toBe(400);
    expect((await json(noName)).error.param).toBe('name');
    const badPolicy = await post({ name: 'x', policy: 'no-such-policy' });
    expect(badPolicy.status).toBe(400);
    expect((await json(badPolicy)).error).toMatchObject({ param: 'policy', type: 'invalid_request_error' });
    const badLimit = await post({ name: 'x', limits: { rpm: 0 } });
    expect(badLimit.status).toBe(400);
    expect((await json(badLimit)).error.param).toBe('limits.rpm');
    const unknownField = await post({ name: 'x', limits: { rps: 5 } });
    expect(unknownField.status).toBe(400);
    const noAdmin = await admin('/admin/keys', { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{"name":"x"}' });
    expect(noAdmin.status).toBe(401);
  });

  it('the list shows keys and their limits, never a secret; env keys appear by name only', async () => {
    const created = await createKey({ name: 'listed', policy: 'limits-defaults', limits: { rpm: 7, daily_usd: 2.5 } });
    const res = await admin('/admin/keys');
    expect(res.status).toBe(200);
    const text = await res.text();
    const secret = created.key.split('_').pop()!;
    expect(text).not.toContain(secret);
    expect(text).not.toContain('sk-gw-test');
    const { data } = JSON.parse(text) as { data: Record<string, any>[] };
    const mine = data.find((k) => k.id === created.id)!;
    expect(mine).toMatchObject({
      source: 'virtual',
      name: 'listed',
      policy: 'limits-defaults',
      limits: { rpm: 7, daily_usd: 2.5 },
      // Own limits win field by field over the policy's per-key defaults (rpm 3, tpm 100000).
      effective_limits: { rpm: 7, tpm: 100000, daily_usd: 2.5 },
      key_hint: `sk-triage-${created.id.slice(3)}_…`,
      spend: { day_usd: 0, month_usd: 0 },
    });
    expect(Object.keys(mine)).not.toEqual(expect.arrayContaining(['hash']));
    expect(Object.keys(mine)).not.toContain('salt');
    expect(data.find((k) => k.id === 'env:test')).toMatchObject({ source: 'env', name: 'test', key_hint: null });
  });

  it('revocation takes effect on the next request: 401, and the key is marked revoked', async () => {
    const created = await createKey({ name: 'short-lived', policy: 'limits', limits: { rpm: 100 } });
    expect((await chat(created.key, { messages: [{ role: 'user', content: marker() }] })).status).toBe(200);
    const del = await admin(`/admin/keys/${created.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await json(del)).toMatchObject({ id: created.id, deleted: true });

    const after = await chat(created.key, { messages: [{ role: 'user', content: marker() }] });
    expect(after.status).toBe(401);
    expect((await json(after)).error).toMatchObject({ code: 'invalid_api_key', message: expect.stringMatching(/revoked/) });
    const listed = (await json(await admin('/admin/keys'))).data.find((k: any) => k.id === created.id);
    expect(listed.revoked_at).toEqual(expect.any(String));

    expect((await admin('/admin/keys/vk_aaaaaaaaaaaaaaaa', { method: 'DELETE' })).status).toBe(404);
    expect((await admin('/admin/keys/env:test', { method: 'DELETE' })).status).toBe(400);
  });

  it('a right id with a wrong secret, or a made-up key, is refused', async () => {
    const created = await createKey({ name: 'guessed' });
    const forged = created.key.replace(/_[a-z2-7]{52}$/, `_${'a'.repeat(52)}`);
    for (const key of [forged, 'sk-triage-nope', `${created.key}x`]) {
      const res = await chat(key, { messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe('invalid_api_key');
    }
  });

  it('the key never appears in storage: not in D1, not in the key\'s Durable Object', async () => {
    const created = await createKey({ name: 'stored', policy: 'limits', limits: { rpm: 50, tpm: 100000, daily_usd: 5 } });
    const res = await chat(created.key, { messages: [{ role: 'user', content: marker() }] });
    expect(res.status).toBe(200);
    await tracesFor([res.headers.get('x-request-id')!]);
    const secret = created.key.split('_').pop()!;
    const d1 = await dumpD1();
    expect(d1).toContain(created.id); // the dump is real: the key's row and its trace are in it
    expect(d1).not.toContain(secret);
    const limiter = await dumpLimiter(created.id);
    expect(limiter).toContain(res.headers.get('x-request-id')!);
    expect(limiter).not.toContain(secret);
    const detail = await admin(`/admin/keys/${created.id}`);
    expect(await detail.text()).not.toContain(secret);
  });
});
