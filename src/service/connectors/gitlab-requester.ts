/**
 * The HTTP layer under the GitLab client library (@gitbeaker/rest): the library builds the
 * requests and reads the answers, this sends them the way Tokenward needs for GitLab.
 *
 * - Rate limits: paces on `RateLimit-Remaining` / `RateLimit-Reset` (Unix seconds), and on 429
 *   waits `Retry-After` seconds, else until `RateLimit-Reset`, else backs off. A 429 means GitLab
 *   did nothing, so any request may be sent again after it.
 * - Retries: only reads (GET) are retried after a 5xx, a timeout or a dropped connection. A write
 *   that may have reached GitLab is never sent twice: for a rotation, a second send of a request
 *   GitLab already acted on revokes every token of the chain, the new one included.
 * - The credential goes in the `PRIVATE-TOKEN` header only (never in a URL) and never in an error.
 *
 * The library's own handler retries 429 and 502 for every method within a quarter of a second and
 * ignores GitLab's rate-limit headers, which is why this one replaces it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequesterFn } from '@gitbeaker/requester-utils';
import { Agent, fetch, type Dispatcher } from 'undici';
import { backoffDelayMs, retryAfterMs } from '../../domain/retry.js';
import { UpstreamError, type UpstreamHttpOptions } from './upstream-http.js';

/** A failure after which GitLab may have acted on a write: the answer never arrived. */
export class AnswerLostError extends UpstreamError {}

const NOT_SENT_CODES = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|EPROTO/;

function failureOf(error: unknown, url: URL, isRead: boolean): UpstreamError {
  let cause: any = error;
  while (cause?.cause && !cause.code) cause = cause.cause;
  const code: string = cause?.code ?? (cause?.name === 'TimeoutError' ? 'timeout' : '');
  const host = url.host;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|EPROTO/.test(code)) return new UpstreamError('tls', `The TLS connection to ${host} failed (${code}): its certificate is not trusted or the handshake was refused.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UpstreamError('unreachable', `The host ${host} could not be found (DNS).`);
  if (code === 'ECONNREFUSED') return new UpstreamError('unreachable', `${host} refused the connection.`);
  const timedOut = /TIMEOUT/i.test(code);
  const what = timedOut ? `${host} did not answer in time` : `the connection to ${host} was lost${code ? ` (${code})` : ''}`;
  if (!isRead && !NOT_SENT_CODES.test(code)) return new AnswerLostError(timedOut ? 'timeout' : 'unreachable', `The request was sent but ${what}: GitLab may have acted on it.`);
  return new UpstreamError(timedOut ? 'timeout' : 'unreachable', `${what[0]!.toUpperCase()}${what.slice(1)}.`);
}

/** GitLab's words from an error body (`message` or `error`), never the request. */
export function gitlabErrorText(body: unknown): string {
  const b = body as { message?: unknown; error?: unknown } | null;
  const said = b?.message ?? b?.error;
  if (typeof said === 'string') return said.slice(0, 300);
  if (said && typeof said === 'object') return JSON.stringify(said).slice(0, 300);
  return typeof body === 'string' ? body.slice(0, 300) : '';
}

/** How long to wait before the next request, from a response's rate-limit headers; null: no need. */
function rateLimitWaitMs(headers: Headers, status: number, now: Date): number | null {
  const reset = Number(headers.get('ratelimit-reset'));
  const untilReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : null;
  if (status === 429) return retryAfterMs(headers.get('retry-after'), now) ?? untilReset;
  if (headers.get('ratelimit-remaining') === '0') return untilReset;
  return null;
}

export interface GitlabRequester {
  requesterFn: ReturnType<typeof createRequesterFn>;
  /** The headers of the last answer to a read (for the `Link` header of a list). */
  lastReadHeaders(): Headers | null;
  close(): Promise<void>;
}

export function createGitlabRequester(options: UpstreamHttpOptions): GitlabRequester {
  const dispatcher: Dispatcher = new Agent({ headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, connectTimeout: Math.min(options.timeoutMs, 10_000) });
  let lastHeaders: Headers | null = null;
  /** The window is spent until then: every request waits for it rather than earn a 429. */
  let pausedUntilMs = 0;

  async function handle(endpoint: string, raw?: Record<string, unknown>) {
    const opts = (raw ?? {}) as { prefixUrl?: string; searchParams?: string; method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal };
    const method = (opts.method ?? 'GET').toUpperCase();
    const isRead = method === 'GET';
    const base = opts.prefixUrl ? (opts.prefixUrl.endsWith('/') ? opts.prefixUrl : `${opts.prefixUrl}/`) : undefined;
    const url = new URL(endpoint, base);
    url.search = opts.searchParams ?? '';
    let attempts = 0;
    let waits = 0;
    for (;;) {
      const pause = pausedUntilMs - Date.now();
      if (pause > 0) await sleep(Math.min(pause, options.maxRateLimitWaitMs), undefined, { signal: opts.signal });
      attempts += 1;
      let response: Awaited<ReturnType<typeof fetch>>;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        response = await fetch(url, {
          method,
          headers: { accept: 'application/json', ...opts.headers },
          ...(opts.body === undefined || isRead ? {} : { body: opts.body }),
          dispatcher,
          signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
        });
        text = await response.text();
      } catch (error) {
        if (opts.signal?.aborted) throw error;
        const failure = failureOf(error, url, isRead);
        if (!isRead || failure.kind === 'tls' || attempts >= options.maxAttempts) throw failure;
        await sleep(backoffDelayMs(options.backoff, attempts, Math.random()), undefined, { signal: opts.signal });
        continue;
      }
      const headers = response.headers as unknown as Headers;
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const wait = rateLimitWaitMs(headers, response.status, new Date());
      if (response.status === 429) {
        waits += 1;
        attempts -= 1;
        const ms = wait ?? backoffDelayMs(options.backoff, waits, Math.random());
        if (waits > options.maxRateLimitWaits || ms > options.maxRateLimitWaitMs) throw new UpstreamError('http', `${url.host} kept answering 429 (rate limited).`, 429, body);
        await sleep(ms, undefined, { signal: opts.signal });
        continue;
      }
      if (wait !== null && wait > 0) pausedUntilMs = Date.now() + Math.min(wait, options.maxRateLimitWaitMs);
      if (response.status >= 500 && isRead && attempts < options.maxAttempts) {
        await sleep(backoffDelayMs(options.backoff, attempts, Math.random()), undefined, { signal: opts.signal });
        continue;
      }
      if (isRead) lastHeaders = headers;
      if (response.status >= 300) throw new UpstreamError('http', gitlabErrorText(body) || `HTTP ${response.status}`, response.status, body);
      if (typeof body === 'string' && response.status !== 204) throw new UpstreamError('bad-answer', `${url.host} answered ${response.status} with a body that is not JSON.`, response.status);
      return { body: body as Record<string, unknown>, headers: Object.fromEntries(headers.entries()), status: response.status };
    }
  }

  return {
    requesterFn: createRequesterFn((_service, requestOptions) => Promise.resolve(requestOptions), handle),
    lastReadHeaders: () => lastHeaders,
    async close() {
      await dispatcher.close();
    },
  };
}
