import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAnswers, createGrader, type GraderConfig, graderSchema } from '../../../src/flywheel/graders';
import OpenAI from 'openai';
import { formatGradeSummary, gradeRows, readGraderConfig } from '../../../cli/flywheel/grade-eval';
import { finalNumber } from '../../../src/flywheel/graders/numeric';
import { graderRoute } from '../../support/finetune-server';
import { addRoute, startUpstream } from '../../support/upstream-server';

const grader = (config: unknown, random?: () => number) =>
  createGrader(graderSchema.parse(config) as GraderConfig, {
    chat: () => async (body) => {
      const res = await fetch(`${upstream}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      asked.push(body);
      return res.json();
    },
    random,
  });

let server: Server;
let upstream: string;
const asked: Record<string, any>[] = [];

beforeAll(async () => {
  addRoute(graderRoute);
  ({ server, url: upstream } = await startUpstream(0));
});
afterAll(() => new Promise((r) => server.close(r)));

describe('graders', () => {
  it('exact: normalized unless strict; needs a reference', async () => {
    const g = grader({ type: 'exact' });
    expect(g.needsReference).toBe(true);
    expect(await g.grade({ prompt: 'capital of France?', answer: '  "Paris." ', reference: 'paris' })).toMatchObject({ score: 1, pass: true });
    expect(await g.grade({ prompt: 'q', answer: 'Lyon', reference: 'Paris' })).toMatchObject({ score: 0, pass: false });
    expect(await grader({ type: 'exact', strict: true }).grade({ prompt: 'q', answer: 'Paris.', reference: 'Paris' })).toMatchObject({ pass: false });
    await expect(g.grade({ prompt: 'q', answer: 'Paris' })).rejects.toThrow(/needs a reference/);
  });

  it('regex: standalone match', async () => {
    const g = grader({ type: 'regex', pattern: '^ANSWER: [A-D]$', flags: 'm' });
    expect(g.needsReference).toBe(false);
    expect(await g.grade({ prompt: 'q', answer: 'thinking…\nANSWER: C' })).toMatchObject({ pass: true, detail: { match: 'ANSWER: C' } });
    expect(await g.grade({ prompt: 'q', answer: 'C' })).toMatchObject({ pass: false, score: 0 });
    expect(graderSchema.safeParse({ type: 'regex', pattern: '(' }).success).toBe(false);
  });

  it('json_schema: JSON (fenced or not) valid against the schema', async () => {
    const g = grader({ type: 'json_schema', schema: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } });
    expect(await g.grade({ prompt: 'q', answer: '{"city":"Paris"}' })).toMatchObject({ pass: true });
    expect(await g.grade({ prompt: 'q', answer: 'Sure:\n```json\n{"city": "Oslo"}\n```' })).toMatchObject({ pass: true });
    const wrong = await g.grade({ prompt: 'q', answer: '{"city": 3}' });
    expect(wrong.pass).toBe(false);
    expect(String((wrong.detail!.errors as string[])[0])).toContain('/city');
    expect(await g.grade({ prompt: 'q', answer: 'Paris' })).toMatchObject({ pass: false, detail: { errors: ['not JSON'] } });
  });

  it('numeric: final numbers within an absolute or relative tolerance', async () => {
    expect(finalNumber('She has 3 apples, buys 4, so 7.')).toBe(7);
    expect(finalNumber('#### 1,234.5 then 9')).toBe(1234.5);
    expect(finalNumber('no numbers')).toBeUndefined();
    const abs = grader({ type: 'numeric', tolerance: 0.01 });
    expect(await abs.grade({ prompt: 'q', answer: 'The total is $1,000.004', reference: '1000' })).toMatchObject({ pass: true, detail: { expected: 1000, got: 1000.004 } });
    expect(await abs.grade({ prompt: 'q', answer: '1000.5', reference: '1000' })).toMatchObject({ pass: false });
    expect(await grader({ type: 'numeric', tolerance: 0.01, relative: true }).grade({ prompt: 'q', answer: '1005', reference: '1000' })).toMatchObject({ pass: true });
    expect(await abs.grade({ prompt: 'q', answer: 'none', reference: '4' })).toMatchObject({ pass: false, detail: { got: null } });
  });

  it('model, pairwise: the judge sees both answers in a random order, and its verdict is mapped back', async () => {
    const config = { type: 'model', provider: 'openai', model: 'judge-model' };
    for (const r of [0.1, 0.9]) {
      const g = grader(config, () => r);
      const small = 'Short answer.';
      const large = 'Detailed answer with the steps.';
      const lost = await g.grade({ prompt: 'NEEDS_LARGE explain TCP', answer: small, reference: large });
      expect(lost).toMatchObject({ score: 0, pass: false, referenceScore: 1, detail: { winner: 'reference', order: r < 0.5 ? 'answer-first' : 'reference-first' } });
      const won = await g.grade({ prompt: 'NEEDS_LARGE explain TCP', answer: large, reference: small });
      expect(won).toMatchObject({ score: 1, referenceScore: 0, detail: { winner: 'answer' } });
    }
    const tie = await grader(config, () => 0.3).grade({ prompt: 'hello', answer: 'Hi!', reference: 'Hello!' });
    expect(tie).toMatchObject({ score: 1, pass: true, referenceScore: 1, detail: { winner: 'tie' } });

    const last = asked[asked.length - 1]!;
    expect(last).toMatchObject({ model: 'judge-model', temperature: 0, response_format: { type: 'json_schema', json_schema: { name: 'triage_grade', strict: true } } });
    expect(last.messages[0].content).toContain('Rubric:');
    expect(last.messages[1].content).toContain('[Answer A]\nHi!');
  });

  it('model, scored: 1–10 mapped to [0, 1], pass at pass_score; a judge that answers no verdict is an error', async () => {
    const g = grader({ type: 'model', provider: 'openai', model: 'judge-model', mode: 'scored', pass_score: 8, rubric: 'Be terse.' });
    expect(g.needsReference).toBe(false);
    expect(await g.grade({ prompt: 'q', answer: 'SCORE:10' })).toMatchObject({ score: 1, pass: true });
    expect(await g.grade({ prompt: 'q', answer: 'SCORE:7' })).toMatchObject({ score: 6 / 9, pass: false });
    expect(asked[asked.length - 1]!.messages[0].content).toContain('Rubric: Be terse.');
    await expect(g.grade({ prompt: 'JUDGE_GARBAGE', answer: 'x' })).rejects.toThrow(/not a verdict/);
  });

  it('compareAnswers: routing qualities from reference and standalone graders', async () => {
    const pairwise = grader({ type: 'model', provider: 'openai', model: 'judge-model' }, () => 0.7);
    expect(await compareAnswers(pairwise, 'NEEDS_LARGE prove it', 'Nope.', 'Detailed proof.')).toMatchObject({ q_weak: 0, q_strong: 1 });
    expect(await compareAnswers(pairwise, 'say hi', 'hi', 'hello')).toMatchObject({ q_weak: 1, q_strong: 1 });
    const schema = grader({ type: 'json_schema', schema: { type: 'object' } });
    expect(await compareAnswers(schema, 'json please', 'not json', '{}')).toMatchObject({ q_weak: 0, q_strong: 1 });
    expect(await compareAnswers(grader({ type: 'exact' }), 'q', '4', '4.')).toMatchObject({ q_weak: 1, q_strong: 1 });
  });

  it('npm run eval --grader: answers graded per source with the same graders, model graders through the openai client', async () => {
    const rows = [
      { prompt: '2+2?', answer: 'It is 4.', reference: '4', source: 'math' },
      { prompt: '3*3?', answer: '6', reference: '9', source: 'math' },
      { prompt: 'hi', answer: 'hello' },
    ];
    const numeric = await gradeRows(rows, readGraderConfig('{"type":"numeric"}'));
    expect(numeric).toMatchObject({ grader: 'numeric', n: 3, errors: 1, by_source: { math: { n: 2, pass_rate: 0.5 }, unknown: { n: 1, pass_rate: NaN } } });
    expect(formatGradeSummary(numeric)).toContain('| math | 2 | 0.500 | 50.0% |');
    expect(formatGradeSummary(numeric)).toContain('| unknown | 1 | — | — |');
    expect(() => readGraderConfig('{"type":"numeric","tolerance":-1}')).toThrow(/tolerance/);

    const openai = new OpenAI({ baseURL: `${upstream}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const judged = await gradeRows(
      [
        { prompt: 'NEEDS_LARGE explain', answer: 'Short.', reference: 'Detailed steps.', source: 'x' },
        { prompt: 'say hi', answer: 'hi', reference: 'hello', source: 'x' },
        { prompt: 'no reference', answer: 'hi', source: 'x' },
      ],
      readGraderConfig('{"type":"model","provider":"openai","model":"judge-model"}'),
      { openai },
    );
    expect(judged).toMatchObject({ grader: 'model:judge-model', n: 3, errors: 1, pass_rate: 0.5 });
  });

  it('model: a judge that does not answer in time is an error, and the caller can cancel', async () => {
    const hanging = (seen: AbortSignal[]) => () => (_body: unknown, signal?: AbortSignal) =>
      new Promise((_, reject) => {
        seen.push(signal!);
        signal!.addEventListener('abort', () => reject(signal!.reason));
      });
    const seen: AbortSignal[] = [];
    const slow = createGrader(graderSchema.parse({ type: 'model', provider: 'openai', model: 'judge-model', mode: 'scored', timeout_ms: 50 }) as GraderConfig, { chat: hanging(seen) });
    await expect(slow.grade({ prompt: 'q', answer: 'a' })).rejects.toThrow(/timed out after 50 ms/);
    const cancel = new AbortController();
    const patient = createGrader(graderSchema.parse({ type: 'model', provider: 'openai', model: 'judge-model', mode: 'scored', timeout_ms: 60_000 }) as GraderConfig, { chat: hanging(seen) });
    const pending = patient.grade({ prompt: 'q', answer: 'a' }, cancel.signal);
    cancel.abort(new Error('request over'));
    await expect(pending).rejects.toThrow(/request over/);
    expect(seen.every((s) => s.aborted)).toBe(true);
  });
});
