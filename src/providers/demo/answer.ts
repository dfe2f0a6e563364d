import { mulberry32 } from '../../util/random';

/**
 * The demo provider's "model": deterministic answers derived from the prompt, so the gateway can
 * be tried (and tested) with no account. Same prompt → same answer, token for token.
 */

/** FNV-1a, 32-bit: a stable seed from the prompt. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seeded randomness for the demo's choices. */
export const seeded = mulberry32;

const OPENERS = [
  'Here is a short answer.',
  'Good question.',
  'Let me walk through it.',
  'In brief:',
  'Sure.',
];
const BODY = [
  'The demo provider answers locally, so no request leaves this machine.',
  'Point OPENAI_BASE_URL and OPENAI_API_KEY at a real provider to get real answers.',
  'Every request still passes the guards and the router before it gets here.',
  'This text is deterministic: the same prompt always gets the same reply.',
  'Token usage is estimated the way a real model would report it.',
  'Latency is simulated so dashboards show realistic numbers.',
];

/** Rough token count: ~4 characters per token for English, at least one per word. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}

export function demoAnswer(prompt: string, maxTokens?: number | null): { text: string; truncated: boolean } {
  const rand = seeded(fnv1a(prompt));
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 60);
  const parts = [OPENERS[Math.floor(rand() * OPENERS.length)]!];
  if (topic) parts.push(`You asked about "${topic}${prompt.length > 60 ? '…' : ''}".`);
  const n = 2 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) parts.push(BODY[Math.floor(rand() * BODY.length)]!);
  let text = parts.join(' ');
  let truncated = false;
  if (maxTokens && estimateTokens(text) > maxTokens) {
    text = text.slice(0, maxTokens * 4);
    truncated = true;
  }
  return { text, truncated };
}

/** A value matching a (small subset of) JSON Schema, for demo tool-call arguments. */
export function sampleForSchema(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (depth > 4) return null;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return 'demo';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleForSchema(s.items, depth + 1)];
    default: {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) out[k] = sampleForSchema(v, depth + 1);
      return out;
    }
  }
}

/** Deterministic unit vector for demo embeddings. */
export function demoEmbedding(text: string, dimensions: number): number[] {
  const rand = seeded(fnv1a(text));
  const v = Array.from({ length: dimensions }, () => rand() * 2 - 1);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
