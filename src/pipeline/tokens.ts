import type { ChatCompletionRequest } from '../openai/schemas';

/**
 * Token estimates before the call (for token-per-minute limits, checked before the upstream
 * answers). Deliberately cheap: ~4 characters per token for text, a fixed allowance per image,
 * plus the completion budget the client asked for. Real usage replaces the estimate afterwards.
 */
const IMAGE_TOKENS = 765; // OpenAI's cost of one 1024×1024 image at high detail
const DEFAULT_COMPLETION_ALLOWANCE = 256;

export const estimateTextTokens = (text: string) => Math.ceil(text.length / 4);

export function estimateRequestTokens(body: ChatCompletionRequest): number {
  let tokens = 3;
  for (const m of body.messages) {
    tokens += 4;
    const content = (m as { content?: unknown }).content;
    if (typeof content === 'string') tokens += estimateTextTokens(content);
    else if (Array.isArray(content)) {
      for (const part of content) tokens += part.type === 'text' ? estimateTextTokens(part.text) : part.type === 'image_url' ? IMAGE_TOKENS : 0;
    }
    if (m.role === 'assistant' && m.tool_calls) tokens += estimateTextTokens(JSON.stringify(m.tool_calls));
  }
  if (body.tools) tokens += estimateTextTokens(JSON.stringify(body.tools));
  return tokens + (body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_COMPLETION_ALLOWANCE);
}
