import type { PiiStreamRedactor } from '../guards/pii';
import { DONE, type SseEvent } from '../openai/sse';
import { OutputGuards } from './output-guards';
import type { PlaceholderRestorer } from './restore';
import type { StreamStage } from './stream';

interface ChoiceState {
  redactor?: PiiStreamRedactor;
  restorer?: PlaceholderRestorer;
  /** The upstream's text so far (what the classifiers read), capped. */
  raw: string;
  sinceCheck: number;
  done: boolean;
}

const MAX_RAW = 256 * 1024;
type Json = Record<string, any>;

/**
 * Output guards on a stream, per choice: text is released as soon as no detectable value can
 * still be forming in it (a few characters of hold-back), with values redacted and placeholders
 * restored; classifiers run at sentence boundaries, and a block ends the stream with a
 * `finish_reason: "content_filter"` chunk and `[DONE]`.
 */
export function outputGuardStage(og: OutputGuards): StreamStage & { text(): string } {
  const choices = new Map<number, ChoiceState>();
  let stopped = false;
  let base: Json = {};

  const state = (index: number): ChoiceState => {
    let cs = choices.get(index);
    if (!cs) {
      cs = { redactor: og.streamRedactor(), restorer: og.streamRestorer(), raw: '', sinceCheck: 0, done: false };
      choices.set(index, cs);
    }
    return cs;
  };
  const chunk = (index: number, delta: Json, finish: string | null): SseEvent => ({
    data: JSON.stringify({ ...base, choices: [{ index, delta, logprobs: null, finish_reason: finish }] }),
  });
  const block = (index: number): SseEvent[] => {
    stopped = true;
    return [chunk(index, {}, 'content_filter'), { data: DONE }];
  };
  /** Releases what a choice still holds; checks the complete text one last time. */
  const finishChoice = async (index: number, cs: ChoiceState): Promise<{ rest: string; blocked: boolean }> => {
    cs.done = true;
    const seen = og.blockedValues();
    let rest = cs.redactor?.end() ?? '';
    if (og.blockedValues() > seen) return { rest: '', blocked: await og.blockOnValue(cs.raw).then(() => true) };
    if (cs.restorer) rest = cs.restorer.push(rest) + cs.restorer.end();
    const blocked = cs.sinceCheck > 0 && (await og.check(cs.raw)) !== undefined;
    cs.sinceCheck = 0;
    return { rest, blocked };
  };

  return {
    stopped: () => stopped,
    text: () => choices.get(0)?.raw ?? '',
    async event(ev, json) {
      if (stopped) return [];
      if (!json || !Array.isArray(json.choices) || json.choices.length === 0) return [ev];
      base = { id: json.id, object: json.object, created: json.created, model: json.model };
      if (json.system_fingerprint !== undefined) base.system_fingerprint = json.system_fingerprint;
      const before: SseEvent[] = [];
      const kept: Json[] = [];
      for (const choice of json.choices as Json[]) {
        const index = Number(choice.index ?? 0);
        const cs = state(index);
        const delta: Json = { ...(choice.delta ?? {}) };
        if (typeof delta.content === 'string' && delta.content.length > 0) {
          const piece: string = delta.content;
          if (cs.raw.length < MAX_RAW) cs.raw += piece;
          cs.sinceCheck += piece.length;
          // One character of what came before: a boundary split across chunks ("end." + " Next") counts.
          if (OutputGuards.checkpoint(cs.raw.slice(-(piece.length + 1)), cs.sinceCheck)) {
            cs.sinceCheck = 0;
            if (await og.check(cs.raw)) return block(index);
          }
          const seen = og.blockedValues();
          let released = cs.redactor ? cs.redactor.push(piece) : piece;
          if (og.blockedValues() > seen) {
            await og.blockOnValue(cs.raw);
            return block(index);
          }
          if (cs.restorer) released = cs.restorer.push(released);
          delta.content = released;
        }
        if (choice.finish_reason) {
          const { rest, blocked } = await finishChoice(index, cs);
          if (blocked) return block(index);
          if (rest) before.push(chunk(index, { content: rest }, null));
        }
        const meaningful = Object.entries(delta).some(([k, v]) => (k === 'content' ? v !== '' : v !== undefined && v !== null));
        if (meaningful || choice.finish_reason || delta.role) kept.push({ ...choice, delta });
      }
      if (kept.length === 0) return before;
      return [...before, { ...ev, data: JSON.stringify({ ...json, choices: kept }) }];
    },
    async flush() {
      if (stopped) return [];
      const out: SseEvent[] = [];
      for (const [index, cs] of choices) {
        if (cs.done) continue;
        const { rest, blocked } = await finishChoice(index, cs);
        if (blocked) return block(index);
        if (rest) out.push(chunk(index, { content: rest }, null));
      }
      return out;
    },
  };
}
