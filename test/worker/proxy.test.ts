import { describe, expect, it } from 'vitest';
import { client, marker, post, upstreamReceived } from '../support/client';
import { openaiSchemaErrors } from '../support/schema-check';

describe('OpenAI-compatible proxy, through the official openai client', () => {
  it('non-streamed chat: upstream fields kept, gateway headers added, provider key sent, client key not', async () => {
    const m = marker('plain');
    const { data, response } = await client()
      .chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: `hello ${m}` }] })
      .withResponse();

    expect(data.choices[0]!.message.content).toBe(`Echo: hello ${m}`);
    expect(data.model).toBe('gpt-4.1-mini-upstream');
    expect(data.system_fingerprint).toBe('fp_upstream');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(openaiSchemaErrors('CreateChatCompletionResponse', data)).toEqual([]);

    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get('x-triage-decision')).toBe('allow');
    expect(response.headers.get('x-triage-route')).toContain('model=gpt-4.1-mini');
    const timing = response.headers.get('server-timing')!;
    for (const stage of ['auth', 'guard', 'route', 'upstream', 'output-guard', 'total']) expect(timing).toMatch(new RegExp(`(^|, )${stage};dur=[0-9.]+`));

    const [received] = await upstreamReceived(m);
    expect(received!.path).toBe('/v1/chat/completions');
    expect(received!.headers.authorization).toBe('Bearer sk-upstream-secret');
    expect(JSON.stringify(received!.headers)).not.toContain('sk-gw-test');
  });

  it('forwards unknown fields, tools, response_format and multi-part content unchanged', async () => {
    const m = marker('fields');
    const body = {
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: `look ${m}` }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
      ],
      temperature: 0.2,
      response_format: { type: 'json_object' },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'auto',
      some_vendor_extension: { keep: [1, 2, 3] },
    };
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(200);
    const [received] = await upstreamReceived(m);
    expect(received!.body).toEqual(body);
  });

  it('tool calls, non-streamed and streamed', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const messages = [{ role: 'user' as const, content: `weather? call:get_weather ${marker('tool')}` }];
    const plain = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages, tools });
    expect(plain.choices[0]!.finish_reason).toBe('tool_calls');
    expect(plain.choices[0]!.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });

    const stream = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages, tools, stream: true });
    let args = '';
    let name = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      expect(openaiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.function?.name) name = call.function.name;
      args += call?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
  });

  it('streams with include_usage: every chunk valid, content intact, usage last', async () => {
    const m = marker('stream');
    const stream = await client().chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: `stream please ${m}` }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(openaiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(`Echo: stream please ${m}`);
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
  });

  it('stream response carries the gateway headers', async () => {
    const { response } = await client()
      .chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: marker('h') }], stream: true })
      .withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-triage-decision')).toBe('allow');
    expect(response.headers.get('server-timing')).toContain('upstream;dur=');
  });

  it('embeddings', async () => {
    const m = marker('emb');
    const res = await client().embeddings.create({ model: 'text-embedding-3-small', input: [`a ${m}`, 'b'], encoding_format: 'float' });
    expect(res.data).toHaveLength(2);
    expect(openaiSchemaErrors('CreateEmbeddingResponse', res)).toEqual([]);
    const [received] = await upstreamReceived(m);
    expect(received!.path).toBe('/v1/embeddings');
    expect(received!.body.model).toBe('text-embedding-3-small');
  });

  it('legacy completions are forwarded', async () => {
    const m = marker('cmpl');
    const res = await client().completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: `say ${m}` });
    expect(res.choices[0]!.text).toBe(`Echo: say ${m}`);
    expect(openaiSchemaErrors('CreateCompletionResponse', res)).toEqual([]);
  });

  it('lists models: auto, the policy tiers and what the upstream offers', async () => {
    const page = await client().models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['auto', 'gpt-4.1-mini', 'gpt-4.1', 'upstream-model-a']));
    expect(openaiSchemaErrors('ListModelsResponse', { object: 'list', data: page.data })).toEqual([]);
  });

  it('model "auto" resolves to the default tier', async () => {
    const m = marker('auto');
    const { response } = await client().chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: m }] }).withResponse();
    expect(response.headers.get('x-triage-route')).toMatch(/tier=small; model=gpt-4\.1-mini/);
    const [received] = await upstreamReceived(m);
    expect(received!.body.model).toBe('gpt-4.1-mini');
  });
});
