/**
 * JSON over HTTP to a connected system, the way a polite client should: honours the upstream's
 * rate limit (waits when `X-RateLimit-Remaining` reaches 0, and on 429 for `Retry-After` or until
 * `X-RateLimit-Reset`), retries 5xx answers, timeouts and dropped connections with backoff, and
 * turns what went wrong into words. The credential goes in the Authorization header only and never
 * appears in an error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch, type Dispatcher } from 'undici';
import { backoffDelayMs, retryAfterMs, type BackoffPolicy } from '../../domain/retry.js';

export interface UpstreamHttpOptions {
  /** One attempt's limit, headers and body together. */
  timeoutMs: number;
  /** Attempts at most per request (rate-limit waits not counted). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** The longest wait a rate limit may impose before the request fails. */
  maxRateLimitWaitMs: number;
  /** Rate-limit waits at most per request. */
  maxRateLimitWaits: number;
}

export const DEFAULT_UPSTREAM_OPTIONS: UpstreamHttpOptions = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  backoff: { baseMs: 500, factor: 3, maxDelayMs: 30_000, maxAttempts: 5 },
  maxRateLimitWaitMs: 5 * 60_000,
  maxRateLimitWaits: 20,
};

export type UpstreamFailureKind = 'unreachable' | 'tls' | 'timeout' | 'http' | 'bad-answer';

/** A request that did not get a usable answer; `detail` is safe to show an admin. */
export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    readonly detail: string,
    readonly status: number | null = null,
    readonly body: unknown = null,
  ) {
    super(detail);
    this.name = 'UpstreamError';
  }
}

export interface UpstreamAnswer {
  status: number;
  body: unknown;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|EPROTO/;

function failureOf(error: unknown, url: URL): UpstreamError {
  let cause: any = error;
  while (cause?.cause && !cause.code) cause = cause.cause;
  const code: string = cause?.code ?? '';
  const host = url.host;
  if (TLS_CODES.test(code)) return new UpstreamError('tls', `The TLS connection to ${host} failed (${code}): its certificate is not trusted or the handshake was refused.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UpstreamError('unreachable', `The host ${host} could not be found (DNS).`);
  if (code === 'ECONNREFUSED') return new UpstreamError('unreachable', `${host} refused the connection.`);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || cause?.name === 'TimeoutError') {
    return new UpstreamError('timeout', `${host} did not answer in time.`);
  }
  const reason = code || (typeof cause?.message === 'string' ? cause.message.slice(0, 100) : '');
  return new UpstreamError('unreachable', `The connection to ${host} failed${reason ? ` (${reason})` : ''}.`);
}

/** Words from an upstream error body (the `errors[]` shape), never the request. */
export function upstreamErrorText(body: unknown): string {
  const first = (body as { errors?: Array<{ title?: unknown; detail?: unknown }> } | null)?.errors?.[0];
  if (first && (typeof first.detail === 'string' || typeof first.title === 'string')) {
    return [first.title, first.detail].filter((part) => typeof part === 'string').join(': ').slice(0, 300);
  }
  return '';
}

function rateLimitWaitMs(headers: Headers, status: number, now: Date): number | null {
  const reset = headers.get('x-ratelimit-reset');
  const untilReset = reset ? Math.max(0, Date.parse(reset) - now.getTime()) : null;
  if (status === 429) return retryAfterMs(headers.get('retry-after'), now) ?? (untilReset !== null && !Number.isNaN(untilReset) ? untilReset : 1000);
  if (headers.get('x-ratelimit-remaining') === '0' && untilReset !== null && !Number.isNaN(untilReset)) return untilReset;
  return null;
}

export interface UpstreamHttp {
  request(method: 'GET' | 'DELETE' | 'PATCH' | 'POST', url: URL, signal?: AbortSignal): Promise<UpstreamAnswer>;
  close(): Promise<void>;
}

export function createUpstreamHttp(credential: string, options: UpstreamHttpOptions = DEFAULT_UPSTREAM_OPTIONS): UpstreamHttp {
  const dispatcher: Dispatcher = new Agent({ headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, connectTimeout: Math.min(options.timeoutMs, 10_000) });
  const headers = { authorization: `Bearer ${credential}`, accept: 'application/json' };

  return {
    async request(method, url, signal) {
      let attempts = 0;
      let waits = 0;
      for (;;) {
        let status: number;
        let body: unknown = null;
        let responseHeaders: Headers;
        try {
          attempts += 1;
          const response = await fetch(url, { method, headers, dispatcher, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs) });
          status = response.status;
          responseHeaders = response.headers as unknown as Headers;
          const text = await response.text();
          if (text !== '') {
            try {
              body = JSON.parse(text);
            } catch {
              if (status < 300) throw new UpstreamError('bad-answer', `${url.host} answered ${status} with a body that is not JSON.`, status);
            }
          }
        } catch (error) {
          if (signal?.aborted) throw error;
          const failure = error instanceof UpstreamError ? error : failureOf(error, url);
          const isRetryable = failure.kind === 'timeout' || failure.kind === 'unreachable';
          if (!isRetryable || attempts >= options.maxAttempts) throw failure;
          await sleep(backoffDelayMs(options.backoff, attempts, Math.random()), undefined, { signal });
          continue;
        }
        const wait = rateLimitWaitMs(responseHeaders, status, new Date());
        if (status === 429) {
          waits += 1;
          attempts -= 1;
          if (waits > options.maxRateLimitWaits || (wait ?? 0) > options.maxRateLimitWaitMs) {
            throw new UpstreamError('http', `${url.host} kept answering 429 (rate limited).`, status, body);
          }
          await sleep(wait ?? 1000, undefined, { signal });
          continue;
        }
        if (status >= 500) {
          if (attempts >= options.maxAttempts) throw new UpstreamError('http', `${url.host} answered ${status} ${attempts} times.`, status, body);
          await sleep(backoffDelayMs(options.backoff, attempts, Math.random()), undefined, { signal });
          continue;
        }
        // The window is spent: wait for it before the next request rather than earn a 429.
        if (wait !== null && wait > 0) await sleep(Math.min(wait, options.maxRateLimitWaitMs), undefined, { signal });
        return { status, body };
      }
    },
    async close() {
      await dispatcher.close();
    },
  };
}
