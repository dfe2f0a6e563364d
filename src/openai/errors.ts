import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The OpenAI error object, as every OpenAI-compatible client parses it. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    /** Triage's additions (which guard fired and its score) ride alongside the standard fields. */
    [extra: string]: unknown;
  };
}

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'api_error'
  | 'upstream_error'
  | 'timeout_error';

export interface GatewayErrorInit {
  status: ContentfulStatusCode;
  message: string;
  type: ErrorType | string;
  code?: string | null;
  param?: string | null;
  /** Upstream failures a retry or a fallback target may cure (429, 5xx, network, timeout). */
  isRetryable?: boolean;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/**
 * The one error type the gateway throws. `app.onError` renders it once, always as an
 * OpenAI error object (STYLE.md: one error path).
 */
export class GatewayError extends Error {
  readonly status: ContentfulStatusCode;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly isRetryable: boolean;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(init: GatewayErrorInit) {
    super(init.message);
    this.name = 'GatewayError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.isRetryable = init.isRetryable ?? false;
    this.headers = init.headers ?? {};
    this.extra = init.extra ?? {};
  }

  toBody(): OpenAIErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code, ...this.extra },
    };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new GatewayError({ status: 400, type: 'invalid_request_error', message, param, code });

export const unauthorized = (message: string) =>
  new GatewayError({ status: 401, type: 'invalid_request_error', code: 'invalid_api_key', message });

export const notFound = (message: string) =>
  new GatewayError({ status: 404, type: 'invalid_request_error', code: 'not_found', message });

export function errorResponse(err: GatewayError, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(err.toBody()), {
    status: err.status,
    headers: { 'content-type': 'application/json', ...err.headers, ...headers },
  });
}
