import { Hono } from 'hono';
import { chatCompletions } from '../pipeline/chat';
import { pipelineContext } from './context';
import type { AppEnv } from './types';

export const chatRoutes = new Hono<AppEnv>().post('/chat/completions', (c) => chatCompletions(pipelineContext(c)));
