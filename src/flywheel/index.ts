import type { PipelineContext } from '../pipeline/chat';
import type { ChatCompletionRequest } from '../openai/schemas';

/**
 * Router labels from live traffic: a sample of requests served by the small tier is also sent to
 * the large tier in the background (never delaying the client) and a grader compares the answers.
 * Called once the small tier's answer is complete, with the body that was forwarded.
 * (Placeholder until the flywheel module lands: samples nothing.)
 */
export function shadowCompare(_ctx: PipelineContext, _body: ChatCompletionRequest, _answer: string): void {}
