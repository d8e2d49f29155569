/**
 * The one place where domain error codes become HTTP: status, Atlassian-style `ADMIN-<status>-<n>`
 * code, and the contract's body (CONTRACT.md §1.5):
 *   {"errors":[{"id":"<request id>","status":"401","code":"ADMIN-401-2","title":"INSUFFICIENT_SCOPE","detail":"..."}]}
 * `title` is our stable UPPER_SNAKE code, as Atlassian's gateway puts INSUFFICIENT_SCOPE there.
 */
import { NUL_REFUSAL } from './request-hygiene.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isDomainError, type ErrorCode } from '../domain/errors.js';
import { storageFaultOf } from '../service/dependency-health.js';

/** Seconds a client is asked to wait after a 503: about what a database restart or failover takes. */
const RETRY_AFTER_SECONDS = '5';

/** Status and the number within that status of every code; the pair is the `ADMIN-s-n` code. */
export const HTTP_OF_CODE: Record<ErrorCode, { status: number; n: number }> = {
  VALIDATION_FAILED: { status: 400, n: 1 },
  INVALID_PAGE_CURSOR: { status: 400, n: 2 },
  MALFORMED_TOKEN: { status: 400, n: 3 },
  INVALID_SIGNATURE: { status: 400, n: 6 },
  UNAUTHENTICATED: { status: 401, n: 1 },
  INSUFFICIENT_SCOPE: { status: 401, n: 2 },
  FORBIDDEN: { status: 403, n: 1 },
  ORG_NOT_FOUND: { status: 404, n: 1 },
  NOT_FOUND: { status: 404, n: 2 },
  USER_NOT_FOUND: { status: 404, n: 3 },
  SERVICE_ACCOUNT_NOT_FOUND: { status: 404, n: 4 },
  TOKEN_NOT_FOUND: { status: 404, n: 5 },
  GROUP_NOT_FOUND: { status: 404, n: 6 },
  POLICY_NOT_FOUND: { status: 404, n: 8 },
  TOKEN_REQUEST_NOT_FOUND: { status: 404, n: 9 },
  JUSTIFICATION_REQUIRED: { status: 400, n: 5 },
  PURPOSE_REQUIRED: { status: 400, n: 25 },
  TOKEN_CREATION_BLOCKED: { status: 403, n: 4 },
  APPROVAL_REQUIRED: { status: 403, n: 5 },
  SCOPE_NOT_ALLOWED: { status: 403, n: 6 },
  LIFETIME_TOO_LONG: { status: 403, n: 7 },
  USE_BLOCKED_BY_POLICY: { status: 403, n: 8 },
  IP_NOT_ALLOWED: { status: 403, n: 9 },
  SELF_APPROVAL_FORBIDDEN: { status: 403, n: 10 },
  DELIVERY_GONE: { status: 410, n: 1 },
  CONFLICT: { status: 409, n: 1 },
  // SCIM codes number from 20 so parallel work adding codes to a status does not collide.
  SCIM_INVALID_FILTER: { status: 400, n: 20 },
  SCIM_INVALID_SYNTAX: { status: 400, n: 21 },
  SCIM_INVALID_VALUE: { status: 400, n: 22 },
  SCIM_INVALID_PATH: { status: 400, n: 23 },
  SCIM_NO_TARGET: { status: 400, n: 24 },
  SCIM_TOKEN_NOT_FOUND: { status: 404, n: 20 },
  RATE_LIMITED: { status: 429, n: 1 },
  INVALID_CREDENTIALS: { status: 401, n: 3 },
  CSRF_FAILED: { status: 403, n: 2 },
  LINK_INVALID: { status: 400, n: 4 },
  SSO_NOT_CONFIGURED: { status: 404, n: 7 },
  SSO_EMAIL_DOMAIN_NOT_ALLOWED: { status: 403, n: 3 },
  SSO_FAILED: { status: 401, n: 4 },
  INTERNAL_ERROR: { status: 500, n: 1 },
  NOT_READY: { status: 503, n: 1 },
  SIGNING_KEYS_UNAVAILABLE: { status: 503, n: 2 },
  // Connector codes number from 30 so parallel work adding codes to a status does not collide.
  CONNECTOR_NOT_FOUND: { status: 404, n: 30 },
  UPSTREAM_FAILED: { status: 502, n: 30 },
  UPSTREAM_UNSUPPORTED: { status: 422, n: 30 },
  // Per-token controls number from 65 so parallel work adding codes does not collide.
  IP_ALLOWLIST_WIDENS_POLICY: { status: 403, n: 65 },
  UPSTREAM_OUTCOME_UNKNOWN: { status: 502, n: 45 },
  // Storage faults number from 10 so parallel work adding 503s does not collide.
  DATABASE_UNAVAILABLE: { status: 503, n: 10 },
  DATABASE_READ_ONLY: { status: 503, n: 11 },
  // Organizations of the instance number from 55 so parallel work adding codes does not collide.
  ORG_DISABLED: { status: 403, n: 55 },
};

/** Titles of framework-level client errors that carry no domain code (bad JSON, wrong media type). */
const TITLE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

export interface ErrorItem {
  id: string;
  status: string;
  code: string;
  title: string;
  detail: string;
}

export function errorBody(requestId: string, status: number, code: string, title: string, detail: string): { errors: ErrorItem[] } {
  return { errors: [{ id: requestId, status: String(status), code, title, detail }] };
}

/** A domain error as an HTTP answer: status, the headers it needs, the contract's body. */
export function domainErrorAnswer(requestId: string, code: ErrorCode, detail?: string): { status: number; headers: Record<string, string>; body: { errors: ErrorItem[] } } {
  const { status, n } = HTTP_OF_CODE[code];
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : status === 503 ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
  return { status, headers, body: errorBody(requestId, status, `ADMIN-${status}-${n}`, code, detail ?? ERROR_CODES[code]) };
}

export function domainErrorReply(reply: FastifyReply, requestId: string, code: ErrorCode, detail?: string) {
  const { status, headers, body } = domainErrorAnswer(requestId, code, detail);
  return reply.code(status).headers(headers).type('application/json; charset=utf-8').send(body);
}

/**
 * The answer to an error the database's state caused (down, restarting, disk full), or null: a
 * 503 with `Retry-After`, never a 500. The transaction it interrupted rolled back.
 */
export function storageFaultCode(error: unknown): 'DATABASE_UNAVAILABLE' | 'DATABASE_READ_ONLY' | null {
  const fault = storageFaultOf(error);
  if (fault === null) return null;
  return fault === 'read_only' ? 'DATABASE_READ_ONLY' : 'DATABASE_UNAVAILABLE';
}

export interface ErrorHandlingOptions {
  /** Told of each storage fault a request met (to log the outage once and count it). */
  onStorageFault?: (code: 'DATABASE_UNAVAILABLE' | 'DATABASE_READ_ONLY', error: unknown) => void;
  /**
   * Whether to answer unknown routes here too (default). The server sets its 404 handler inside the
   * scope of the admin routes instead, so unknown routes get that scope's hooks (the rate limit).
   */
  notFound?: boolean;
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isDomainError(error)) {
      return domainErrorReply(reply, request.id, error.code, error.detail);
    }
    const storageFault = storageFaultCode(error);
    if (storageFault) {
      options.onStorageFault?.(storageFault, error);
      return domainErrorReply(reply, request.id, storageFault);
    }
    if (error.validation) {
      return domainErrorReply(reply, request.id, 'VALIDATION_FAILED', `Invalid request: ${error.message}.`);
    }
    // PostgreSQL refused text it cannot hold (SQLSTATE 22021: a NUL character) that no validation
    // caught: the client's input, so a 400 in words, never a 500.
    if ((error as { code?: unknown }).code === '22021') {
      return domainErrorReply(reply, request.id, 'VALIDATION_FAILED', NUL_REFUSAL);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (unparseable JSON, wrong content type, body too large) carry
      // messages written for clients; anything else is treated as unexpected below.
      const title = TITLE_OF_STATUS[status] ?? 'BAD_REQUEST';
      return reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send(errorBody(request.id, status, `ADMIN-${status}-0`, title, error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return domainErrorReply(reply, request.id, 'INTERNAL_ERROR', `Something went wrong on our side. Quote request id ${request.id} when reporting it.`);
  });

  if (options.notFound !== false) registerNotFoundHandler(app);
}

/** The JSON 404 of unknown routes, with the hooks of the scope it is set in. */
export function registerNotFoundHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    domainErrorReply(reply, request.id, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}
