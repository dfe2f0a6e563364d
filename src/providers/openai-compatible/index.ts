import type { Provider, ProviderConfig, UpstreamRequest } from '../types';

/**
 * Any API that speaks OpenAI's protocol (OpenAI, Azure's v1 endpoint, Together, Groq, vLLM,
 * Ollama, LiteLLM…). The base URL comes from the policy or the environment, never from the
 * client: a client-chosen upstream URL would make the gateway an SSRF relay.
 */
export function createOpenAICompatible(config: ProviderConfig): Provider {
  if (!config.baseUrl) throw new Error(`provider "${config.id}": base_url is required`);
  const base = config.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { ...config.headers, accept: 'application/json, text/event-stream' };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  return {
    id: config.id,
    kind: 'openai',
    send(req: UpstreamRequest) {
      const init: RequestInit = {
        method: req.body ? 'POST' : 'GET',
        headers: req.body ? { ...headers, 'content-type': 'application/json', 'x-request-id': req.requestId } : headers,
        signal: req.signal,
      };
      if (req.body) init.body = JSON.stringify(req.body);
      return fetch(`${base}/${req.endpoint}`, init);
    },
  };
}
