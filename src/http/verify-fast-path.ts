/**
 * `POST /api/v1/verify` answered before Fastify's pipeline (the endpoint sits on other
 * services' hot path). Fastify's per-request work (request and reply objects, a child logger,
 * the hook runner, the content-type parser, schema serialization) costs a measurable share of a
 * verification; this path does only what the endpoint needs.
 *
 * It takes a request only in the plain shape every client sends (POST, exact path, a JSON content
 * type, a Content-Length within VERIFY_BODY_LIMIT) and answers exactly as the Fastify route in
 * routes/verify.ts would: the same validation (the route's TypeBox schema, compiled), the same
 * verdict, the same error bodies (errorBody, HTTP_OF_CODE), `x-request-id`, the request metric.
 * Anything else (chunked bodies, other content types, HEAD, a query string) goes to Fastify, which
 * stays the reference: the route is still registered there, in the OpenAPI document and under
 * `inject()` in tests.
 *
 * Kept because the gap stays above 10% after the route was made lean (only the request-id hook,
 * its own verifier-key hook and the duration metric: no session, cookie, CSRF or API rate-limit
 * hook, a response serializer that checks types rather than unions, no access log). Measured by
 * `npm run bench:verify-doors`, 2026-12-05, interleaved rounds on the shared 2-vCPU box (load
 * average 6-10): the route took 22%, 32% and 42% more server CPU per request than this path in
 * three runs (111 against 91 µs, 171 against 129, 119 against 84), and 6% less in a fourth; before
 * the change, 34% more (94 against 70 µs). What the difference pays for now is Fastify's own
 * per-request pipeline. After both doors' shared costs were cut (a lazy request logger, answers
 * made once per verdict, cache hits answered without awaiting), the gap widened: on a quieter box
 * (load about 2) the route took 37% more CPU per request (44 against 32 µs) and answered 73% of
 * this path's requests per second.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { Ajv } from 'ajv';
import { errorCodes } from 'fastify';
import addFormats from 'ajv-formats';
import secureJson from 'secure-json-parse';
import { ERROR_CODES, isDomainError, type ErrorCode } from '../domain/errors.js';
import type { LimitFigure } from '../domain/usage-limits.js';
import type { VerificationService, VerifyResult } from '../service/verification-service.js';
import { domainErrorAnswer, errorBody, storageFaultCode, type ErrorHandlingOptions } from './errors.js';
import type { Metrics } from './metrics.js';
import { VERIFY_PATH, verifyAnswerJson } from './routes/verify.js';
import { ANSWER_HEADERS, jsonBodyRefusal } from './request-hygiene.js';
import { VerifyBody, type VerifyBody as VerifyBodyType } from './schemas/verify.js';
import { bearerCredential } from './bearer.js';

/** A verify body is a few hundred bytes; larger ones take Fastify's path (and its 1 MB limit). */
export const VERIFY_BODY_LIMIT = 16 * 1024;

/** Fastify's Ajv options for the whole app (server.ts passes them as `ajv.customOptions`). */
export const AJV_CUSTOM_OPTIONS = { coerceTypes: 'array', removeAdditional: false, allErrors: false } as const;

/**
 * The route's body schema compiled as Fastify compiles it (@fastify/ajv-compiler's defaults, then
 * the app's options), so both paths accept, coerce and refuse the same bodies.
 */
const ajv = new Ajv({ useDefaults: true, addUsedSchema: false, ...AJV_CUSTOM_OPTIONS });
addFormats.default(ajv);
const checkBody = ajv.compile<VerifyBodyType>(VerifyBody);
const JSON_TYPE = 'application/json; charset=utf-8';
const ANSWER_HEADER_ENTRIES = Object.entries(ANSWER_HEADERS);

/** The last reset instant written, as text: the figures of one window share it until it rolls over. */
let lastResetAt: { ms: number; text: string } | null = null;

/** A limit figure as `rateLimitJson` gives it, written as JSON text (numbers, null and two fixed words). */
function rateLimitText(figure: LimitFigure): string {
  let resetAt = 'null';
  if (figure.resetAtMs !== null) {
    if (lastResetAt === null || lastResetAt.ms !== figure.resetAtMs) lastResetAt = { ms: figure.resetAtMs, text: `"${new Date(figure.resetAtMs).toISOString()}"` };
    resetAt = lastResetAt.text;
  }
  return `{"kind":"${figure.kind}","limit":${figure.limit},"remaining":${figure.remaining},"windowSeconds":${figure.periodSeconds ?? 'null'},"resetAt":${resetAt}}`;
}

/** Fastify's own answer to an unparseable JSON body, word for word. */
const INVALID_JSON = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY().message;

export interface VerifyFastPathDeps {
  verification: VerificationService;
  metrics: Pick<Metrics, 'httpRequestDuration'>;
  log: { error(fields: Record<string, unknown>, message: string): void };
  onStorageFault?: ErrorHandlingOptions['onStorageFault'];
  /** Which proxies' X-Forwarded-For to believe, exactly as Fastify is told (its `request.ip`). */
  trustProxy?: false | string[] | ((address: string, hop: number) => boolean);
}

/** True when the request is one this path serves; it then owns the response. */
function isPlainVerifyRequest(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || request.url !== VERIFY_PATH) return false;
  const type = request.headers['content-type'];
  if (type === undefined || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) return false;
  const length = request.headers['content-length'];
  if (length === undefined || request.headers['transfer-encoding'] !== undefined) return false;
  const bytes = Number(length);
  return Number.isInteger(bytes) && bytes > 0 && bytes <= VERIFY_BODY_LIMIT;
}

export interface VerifyFastPath {
  /** Serves the request and returns true when it is a plain verify request; false leaves it to Fastify. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Requests served so far (a metric: how much of the verify traffic skips Fastify). */
  served(): number;
}

export function createVerifyFastPath(deps: VerifyFastPathDeps): VerifyFastPath {
  let served = 0;
  // The caller's address as Fastify's `request.ip` computes it, so both doors record the same one.
  const trust = deps.trustProxy ? (typeof deps.trustProxy === 'function' ? deps.trustProxy : proxyAddr.compile(deps.trustProxy)) : null;
  const clientAddress = (request: IncomingMessage): string | null => (trust ? proxyAddr(request, trust) : (request.socket.remoteAddress ?? null));
  // One series per status, kept: no key to build per request.
  const seriesByStatus = new Map<number, (seconds: number) => void>();
  const observe = (status: number, seconds: number) => {
    let series = seriesByStatus.get(status);
    if (!series) {
      series = deps.metrics.httpRequestDuration.seriesOf('POST', VERIFY_PATH, status);
      seriesByStatus.set(status, series);
    }
    series(seconds);
  };
  // The 200 answer's text by result: the service shares a result without limit figures between
  // verifications of the same snapshot, so most answers are serialized once. An answer with a
  // figure is the shared answer of the same verdict with the figure added as its last member,
  // which is where the route's serializer writes it: only the figure is serialized per call.
  const answerTexts = new WeakMap<VerifyResult, string>();
  function answerTextOf(result: VerifyResult): string {
    const withoutLimit = result.rateLimit === null ? result : result.withoutLimit;
    if (withoutLimit === undefined) return JSON.stringify(verifyAnswerJson(result));
    let text = answerTexts.get(withoutLimit);
    if (text === undefined) {
      text = JSON.stringify(verifyAnswerJson(withoutLimit));
      answerTexts.set(withoutLimit, text);
    }
    return result.rateLimit === null ? text : `${text.slice(0, -1)},"rateLimit":${rateLimitText(result.rateLimit)}}`;
  }

  function sendText(response: ServerResponse, requestId: string, startedAt: bigint, status: number, text: string, extraHeaders?: Record<string, string>): void {
    const headers: Record<string, string | number> = {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-request-id': requestId,
    };
    for (const [name, value] of ANSWER_HEADER_ENTRIES) headers[name] = value;
    if (extraHeaders) for (const name of Object.keys(extraHeaders)) headers[name] = extraHeaders[name]!;
    response.writeHead(status, headers);
    response.end(text);
    observe(status, Number(process.hrtime.bigint() - startedAt) / 1e9);
  }

  function send(response: ServerResponse, requestId: string, startedAt: bigint, status: number, body: unknown, extraHeaders?: Record<string, string>): void {
    sendText(response, requestId, startedAt, status, JSON.stringify(body), extraHeaders);
  }

  function sendError(response: ServerResponse, requestId: string, startedAt: bigint, code: ErrorCode, detail: string): void {
    const { status, headers, body } = domainErrorAnswer(requestId, code, detail);
    send(response, requestId, startedAt, status, body, headers);
  }

  async function answer(request: IncomingMessage, response: ServerResponse, raw: string, requestId: string, startedAt: bigint): Promise<void> {
    try {
      // The order of the Fastify route: the verifier key (its onRequest hook), then the body's
      // parsing (secure-json-parse, as Fastify's JSON parser), then validation.
      // Both answer synchronously on a cache hit: no promise to wait on (and no microtask) then.
      const admitted = deps.verification.authenticateVerifierNow(bearerCredential(request.headers.authorization), {
        method: 'POST',
        route: VERIFY_PATH,
        ip: clientAddress(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      const verifier = admitted instanceof Promise ? await admitted : admitted;
      let body: unknown;
      try {
        body = secureJson.parse(raw, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        send(response, requestId, startedAt, 400, errorBody(requestId, 400, 'ADMIN-400-0', 'BAD_REQUEST', INVALID_JSON));
        return;
      }
      const refusal = jsonBodyRefusal(raw, body);
      if (refusal) {
        sendError(response, requestId, startedAt, 'VALIDATION_FAILED', refusal);
        return;
      }
      if (!checkBody(body)) {
        // Fastify's default schema error text: `body<path> <message>`.
        const first = checkBody.errors?.[0];
        sendError(response, requestId, startedAt, 'VALIDATION_FAILED', `Invalid request: body${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}.`);
        return;
      }
      const verdict = deps.verification.verifyNow(verifier, body, { userAgent: body.userAgent, deferUsage: body.deferUsage });
      const result = verdict instanceof Promise ? await verdict : verdict;
      sendText(response, requestId, startedAt, 200, answerTextOf(result));
    } catch (error) {
      if (isDomainError(error)) {
        sendError(response, requestId, startedAt, error.code, error.detail);
        return;
      }
      // The database is down and the answer is not in memory (or may not be trusted): refuse, in
      // a way the caller retries, rather than guess.
      const storageFault = storageFaultCode(error);
      if (storageFault) {
        deps.onStorageFault?.(storageFault, error);
        sendError(response, requestId, startedAt, storageFault, ERROR_CODES[storageFault]);
        return;
      }
      deps.log.error({ err: error, reqId: requestId }, 'unexpected error');
      sendError(response, requestId, startedAt, 'INTERNAL_ERROR', `Something went wrong on our side. Quote request id ${requestId} when reporting it.`);
    }
  }

  function handle(request: IncomingMessage, response: ServerResponse): boolean {
    if (!isPlainVerifyRequest(request)) return false;
    served += 1;
    const startedAt = process.hrtime.bigint();
    const requestId = randomUUID();
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // More than announced: the client lies about Content-Length; stop reading.
      if (received > VERIFY_BODY_LIMIT) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      void answer(request, response, Buffer.concat(chunks, received).toString('utf8'), requestId, startedAt);
    });
    return true;
  }

  return { handle, served: () => served };
}
