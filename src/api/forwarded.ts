import { Hono } from 'hono';
import { completions, embeddings } from '../pipeline/passthrough';
import { pipelineContext } from './context';
import type { AppEnv } from './types';

export const forwardedRoutes = new Hono<AppEnv>()
  .post('/completions', (c) => completions(pipelineContext(c)))
  .post('/embeddings', (c) => embeddings(pipelineContext(c)));
