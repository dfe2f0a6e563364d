import type { Provider } from '../../providers/types';
import type { Guard } from '../types';
import { VERDICT_SYSTEM_PROMPT, verdictResponseFormat, verdictSchema, verdictScore } from './verdict';

/**
 * A remote workhorse classifier: an OpenAI-compatible (fine-tuned) model asked for a structured
 * verdict. Used alone (`guard: remote:<name>`) or as the second stage of a cascade, where only
 * the embedded model's uncertain band is sent to it. Its answer is validated with zod: a reply
 * that is not a verdict is an error (and the rule's `on_error` decides), never a pass.
 */
export interface RemoteClassifier {
  name: string;
  provider: Provider;
  model: string;
}

const MAX_CHARS = 16_000;

export async function askVerdict(rc: RemoteClassifier, text: string, signal: AbortSignal, requestId: string) {
  const response = await rc.provider.send({
    endpoint: 'chat/completions',
    signal,
    requestId,
    body: {
      model: rc.model,
      temperature: 0,
      max_tokens: 40,
      response_format: verdictResponseFormat,
      messages: [
        { role: 'system', content: VERDICT_SYSTEM_PROMPT },
        { role: 'user', content: text.slice(0, MAX_CHARS) },
      ],
    },
  });
  if (!response.ok) throw new Error(`remote classifier ${rc.name}: HTTP ${response.status}`);
  const body = (await response.json()) as { choices?: Array<{ message?: { content?: string | null } }> };
  const content = body.choices?.[0]?.message?.content ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new Error(`remote classifier ${rc.name}: answer is not JSON`);
  }
  const verdict = verdictSchema.safeParse(parsed);
  if (!verdict.success) throw new Error(`remote classifier ${rc.name}: answer is not a verdict`);
  return verdict.data;
}

/** A guard reading one label of the remote verdict. */
export function remoteGuard(rc: RemoteClassifier, label: string): Guard {
  return {
    name: `remote:${rc.name}`,
    async check(text, ctx) {
      const pending = ctx.memo.of(`remote\u0000${rc.name}`, text, (t) => askVerdict(rc, t, ctx.signal, ctx.requestId), false);
      return { score: verdictScore(await pending, label), backend: `remote:${rc.name}` };
    },
  };
}
