/**
 * The benchmark's upstream: a minimal, fast OpenAI-protocol server (JSON and SSE), run as its own
 * process so it does not share an event loop with the load generator.
 * usage: tsx bench/upstream.ts --port N [--chunk-delay-ms 2]
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'chunk-delay-ms': { type: 'string' } } });
const chunkDelay = Number(values['chunk-delay-ms'] ?? 2);
const words = 'The quick brown fox jumps over the lazy dog while the gateway measures every millisecond carefully .'.split(' ');
const content = words.join(' ');
const usage = { prompt_tokens: 1000, completion_tokens: 20, total_tokens: 1020 };
const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage,
});
const chunk = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'bench-model', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const server = createServer((req, res) => {
  const body: Buffer[] = [];
  req.on('data', (c) => body.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(body).toString();
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"object":"list","data":[]}');
    }
    if (!raw.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      return res.end(completion);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const w of words) {
      res.write(chunk({ content: `${w} ` }, null));
      if (chunkDelay) await sleep(chunkDelay);
    }
    res.write(chunk({}, 'stop'));
    if (raw.includes('"include_usage":true')) {
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'bench-model', choices: [], usage })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`ready ${typeof addr === 'object' && addr ? addr.port : ''}\n`);
});
