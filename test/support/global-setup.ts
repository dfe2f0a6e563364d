import type { TestProject } from 'vitest/node';
import { loadOpenAISchemas, RESPONSE_SCHEMAS } from './openapi';
import { startUpstream } from './upstream-server';

/** Starts the local OpenAI-protocol upstream on the port the config chose for the Worker's bindings. */
export default async function setup(project: TestProject) {
  const port = Number(process.env.TRIAGE_TEST_UPSTREAM_PORT);
  const { server, url } = await startUpstream(port);
  project.provide('upstreamUrl', url);
  project.provide('openaiSchemas', loadOpenAISchemas(RESPONSE_SCHEMAS));
  return async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
    openaiSchemas: Record<string, Record<string, unknown>>;
  }
}
