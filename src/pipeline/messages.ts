import type { Role } from '../guards/types';
import type { ChatCompletionRequest } from '../openai/schemas';

/**
 * The texts of a conversation, one per message string or text part, with where each came from —
 * so guards can read the roles they are configured for and redaction can write back in place.
 */
export interface Segment {
  message: number;
  /** Index of the text part in a multi-part content array; -1 for string content. */
  part: number;
  role: Role;
  text: string;
}

export function segmentsOf(body: ChatCompletionRequest): Segment[] {
  const out: Segment[] = [];
  body.messages.forEach((m, message) => {
    const role = (m.role === 'function' ? 'tool' : m.role) as Role;
    const content = (m as { content?: unknown }).content;
    if (typeof content === 'string') out.push({ message, part: -1, role, text: content });
    else if (Array.isArray(content)) {
      content.forEach((p: { type?: string; text?: unknown }, part) => {
        if (p?.type === 'text' && typeof p.text === 'string') out.push({ message, part, role, text: p.text });
      });
    }
  });
  return out;
}

/** A copy of the body with some segments' text replaced (the client's body is never mutated). */
export function withSegments(body: ChatCompletionRequest, replaced: ReadonlyMap<Segment, string>): ChatCompletionRequest {
  if (replaced.size === 0) return body;
  const messages = body.messages.map((m) => ({ ...m })) as Array<Record<string, any>>;
  for (const [seg, text] of replaced) {
    const m = messages[seg.message]!;
    if (seg.part === -1) m.content = text;
    else {
      if (m.content === body.messages[seg.message]!.content) m.content = [...m.content];
      m.content[seg.part] = { ...m.content[seg.part], text };
    }
  }
  return { ...body, messages } as ChatCompletionRequest;
}

/** The last user message's text: what the router reads and what traces capture. */
export function lastUserText(segments: readonly Segment[]): string {
  let last = -1;
  for (const s of segments) if (s.role === 'user') last = s.message;
  return segments.filter((s) => s.message === last).map((s) => s.text).join('\n');
}
