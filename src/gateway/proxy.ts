/**
 * The gateway (docs/gateway.md): a reverse proxy that lets a request through to the
 * upstream only when its Tokenward token holds the scopes of the route it calls.
 *
 * Per request: check the path, match the route table (unknown routes: 404), read the token
 * (Bearer or Basic email:token), verify it (no usage yet), then forward with undici: the client's
 * Authorization removed, the upstream's own credential injected, hop-by-hop headers dropped. Both
 * bodies are streamed (the request's `IncomingMessage` is undici's body; undici writes the
 * response into our `ServerResponse`), so memory stays flat whatever their size. The usage event
 * is recorded once the upstream's status is known.
 *
 * A plain `node:http` server rather than Fastify: nothing here needs routing or schemas, and the
 * proxy is on the hot path of every call (bench/gateway.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { credentialForCaller } from '../domain/gateway-caller-credentials.js';
import { clientIpOf, isBasicUserOfOwner, parsePresentedCredentials, statusOfRefusal, type PresentedCredentials } from '../domain/gateway-credentials.js';
import type { GatewayConfig } from '../domain/gateway-config.js';
import { clientResponseHeaders, upstreamRequestHeaders } from '../domain/gateway-headers.js';
import { checkRequestPath, matchRoute } from '../domain/gateway-routes.js';
import type { AccessTokenAnswer } from '../service/delegated-grant-service.js';
import type { GatewayVerdict, GatewayVerifier, GatewayVerifyRequest } from './gateway-verifier.js';
import { rateLimitHeaders } from '../../packages/sdk/src/index.js';

export interface GatewayLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface GatewayServer {
  /** Listens on the configured host and port; resolves to the gateway's base URL. */
  listen(): Promise<string>;
  url(): string;
  /** Stops accepting, lets in-flight requests end (5 s at most), reports pending usage. */
  close(): Promise<void>;
  readonly server: Server;
}

const CLOSE_GRACE_MS = 5_000;
const REFUSAL_DETAIL: Record<string, string> = {
  UNAUTHENTICATED: 'A Tokenward token is required: Authorization: Bearer <token>, or Basic with your e-mail and the token.',
  MALFORMED: 'The Authorization header or the token in it is not well-formed.',
  NOT_FOUND: 'The token is not known (or, with Basic, the e-mail is not its owner\'s).',
  REVOKED: 'The token was revoked.',
  EXPIRED: 'The token has expired.',
  SUSPENDED: 'The token, or its owner, is suspended.',
  INSUFFICIENT_SCOPE: 'The token does not hold the scopes this route needs.',
  IP_NOT_ALLOWED: 'The policy does not allow the token from this address.',
  USE_BLOCKED_BY_POLICY: 'The policy blocks the use of this token.',
  RATE_LIMITED: 'The token is past one of its rate limits; retry after the time Retry-After gives.',
  QUOTA_EXHAUSTED: 'The token has used up its quota; Retry-After gives when it refills, if it does.',
  UNAVAILABLE: 'Tokenward could not be reached to verify the token; try again.',
};

/** Delegated mode: the member's own upstream access token (see the delegated grant service). */
export type MemberAccessToken = (userId: string) => Promise<AccessTokenAnswer>;

export function createGatewayServer(config: GatewayConfig, verifier: GatewayVerifier, log: GatewayLog, memberAccessToken?: MemberAccessToken): GatewayServer {
  const { upstream } = config;
  const pool = new Pool(upstream.origin, {
    connections: 256,
    connectTimeout: upstream.timeouts.connectMs,
    keepAliveTimeout: 30_000,
  });
  const isBehindTrustedProxy = config.trustedProxyHops > 0;

  /**
   * One request, up to its verdict. Synchronous while the verifier answers at once (a cached
   * token): no promise is made on that path, which every call through the gateway takes.
   */
  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const checked = checkRequestPath(rawPath);
    if ('problem' in checked) {
      return refuse(req, res, 400, 'BAD_PATH', 'The path holds empty or dot segments, encoded slashes, backslashes or ";": the gateway refuses paths the upstream could read differently.');
    }
    const route = matchRoute(config.routes, method, checked.segments);
    if (!route) return refuse(req, res, 404, 'ROUTE_NOT_FOUND', `No route of this gateway allows ${method} on this path; unknown routes are refused.`);

    const credentials = parsePresentedCredentials(req.headers.authorization);
    if (credentials.kind === 'none') return refuse(req, res, 401, 'UNAUTHENTICATED', REFUSAL_DETAIL.UNAUTHENTICATED!);
    if (credentials.kind === 'malformed') return refuse(req, res, 401, 'MALFORMED', REFUSAL_DETAIL.MALFORMED!);
    const request: GatewayVerifyRequest = {
      scopes: route.scopes,
      ip: clientIpOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustedProxyHops),
      method,
      route: route.pattern,
      userAgent: req.headers['user-agent'],
    };
    let answer: GatewayVerdict | Promise<GatewayVerdict>;
    try {
      answer = verifier.verify(credentials.token, request);
    } catch (error) {
      return unavailable(req, res, error);
    }
    if (answer instanceof Promise) {
      answer
        .then(
          (verdict) => admit(req, res, rawUrl, method, credentials, request, verdict),
          (error: unknown) => unavailable(req, res, error),
        )
        .catch((error: unknown) => unexpected(req, res, error));
    } else {
      admit(req, res, rawUrl, method, credentials, request, answer);
    }
  }

  function unavailable(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    log.warn({ err: error }, 'gateway: verification failed');
    refuse(req, res, 503, 'UNAVAILABLE', REFUSAL_DETAIL.UNAVAILABLE!);
  }

  function unexpected(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    log.error({ err: error }, 'gateway: unexpected error');
    if (!res.headersSent && !res.destroyed) refuse(req, res, 500, 'INTERNAL_ERROR', 'Something went wrong in the gateway.');
    else res.destroy();
  }

  /** With the verdict: refused, or forwarded with the upstream credential for the caller. */
  function admit(
    req: IncomingMessage,
    res: ServerResponse,
    rawUrl: string,
    method: string,
    credentials: Extract<PresentedCredentials, { token: string }>,
    request: GatewayVerifyRequest,
    verdict: GatewayVerdict,
  ): void {
    if (!verdict.valid) {
      verifier.recordUsage(verdict, verdict.code, request, null);
      return refuse(req, res, statusOfRefusal(verdict.code), verdict.code, REFUSAL_DETAIL[verdict.code] ?? 'The token is refused.', rateLimitHeaders(verdict.rateLimit, true));
    }
    if (credentials.kind === 'basic' && !isBasicUserOfOwner(credentials.username, verdict.owner)) {
      verifier.recordUsage(verdict, 'NOT_FOUND', request, null);
      return refuse(req, res, 401, 'NOT_FOUND', REFUSAL_DETAIL.NOT_FOUND!);
    }
    if (upstream.delegated) {
      forwardAsMember(req, res, rawUrl, method, request, verdict).catch((error: unknown) => unexpected(req, res, error));
      return;
    }
    const credential = upstream.credentialMap ? credentialForCaller(upstream.credentialMap, verdict.owner) : upstream.credential;
    if (upstream.credentialMap && !credential) {
      // The token is good, but no team credential covers its owner: never fall back to another team's.
      verifier.recordUsage(verdict, 'VALID', request, null);
      return refuse(req, res, 403, 'NO_UPSTREAM_CREDENTIAL', 'No upstream credential is mapped to you (by your service account or one of your groups); ask your Tokenward admin to map your team in the gateway.');
    }
    forward(req, res, rawUrl, method, credential, verdict.rateLimit, (status) => verifier.recordUsage(verdict, 'VALID', request, status));
  }

  /** Delegated mode: forwarded with the member's own upstream access token, or refused when there is none to use. */
  async function forwardAsMember(req: IncomingMessage, res: ServerResponse, rawUrl: string, method: string, request: GatewayVerifyRequest, verdict: GatewayVerdict): Promise<void> {
    const answer = await memberCredential(verdict);
    if ('status' in answer) {
      verifier.recordUsage(verdict, 'VALID', request, null);
      return refuse(req, res, answer.status, answer.code, answer.detail);
    }
    forward(req, res, rawUrl, method, answer.credential, verdict.rateLimit, (status) =>
      verifier.recordUsage(verdict, 'VALID', request, status, answer.upstreamAccount),
    );
  }

  /** Delegated mode: the member's own access token as the credential, or why the call cannot be made as them. */
  async function memberCredential(verdict: GatewayVerdict): Promise<{ credential: { header: string; value: string }; upstreamAccount: string | null } | { status: number; code: string; detail: string }> {
    const delegated = upstream.delegated!;
    if (verdict.owner?.type !== 'user' || !memberAccessToken) {
      return { status: 403, code: 'MEMBER_TOKEN_REQUIRED', detail: 'This gateway calls the upstream as each member: use a member\'s own token (service accounts and admin keys have no upstream account to act as).' };
    }
    const answer = await memberAccessToken(verdict.owner.id);
    switch (answer.kind) {
      case 'token':
        return { credential: { header: delegated.header, value: `${delegated.prefix}${answer.accessToken}` }, upstreamAccount: answer.subject };
      case 'not_connected':
        return { status: 403, code: 'UPSTREAM_NOT_CONNECTED', detail: `Connect your ${delegated.name} account in Tokenward first, then retry: calls go to ${delegated.name} as you.` };
      case 'reconnect':
        return { status: 403, code: 'UPSTREAM_RECONNECT_REQUIRED', detail: `Your ${delegated.name} connection was revoked or has expired: connect your ${delegated.name} account in Tokenward again, then retry.` };
      default:
        return { status: 503, code: 'UPSTREAM_AUTH_UNAVAILABLE', detail: `The authorization server of ${delegated.name} could not renew your access; try again.` };
    }
  }

  /**
   * Sends the request upstream and streams the answer back (with the RateLimit-* headers of a
   * token that has limits), then calls `done` with the status the client got (null: none). Callback-style rather than a promise: on the hot path, a promise and
   * its microtask per request are measurable (bench/gateway.ts).
   */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    rawUrl: string,
    method: string,
    credential: { header: string; value: string } | null,
    rateLimit: GatewayVerdict['rateLimit'],
    done: (status: number | null) => void,
  ): void {
    const clientGone = new ClientGoneSignal(res);
    const limitHeaders = rateLimit ? rateLimitHeaders(rateLimit, false) : null;
    let status: number | null = null;
    pool.stream(
      {
        path: upstream.basePath + rawUrl,
        method,
        headers: upstreamRequestHeaders(req.headers, { credential, clientIp: req.socket.remoteAddress, isBehindTrustedProxy }),
        body: hasBody(req) ? req : null,
        headersTimeout: upstream.timeouts.headersMs,
        bodyTimeout: upstream.timeouts.bodyMs,
        signal: clientGone,
      },
      ({ statusCode, headers }) => {
        status = statusCode;
        res.writeHead(statusCode, limitHeaders ? { ...clientResponseHeaders(headers), ...limitHeaders } : clientResponseHeaders(headers));
        return res;
      },
      (error) => {
        // undici calls this outside any promise: what it throws would be uncaught.
        try {
          done(error ? failed(req, res, error, status, clientGone.aborted) : status);
        } catch (unexpected) {
          log.error({ err: unexpected }, 'gateway: unexpected error');
          if (!res.destroyed) res.destroy();
        }
      },
    );
  }

  /** After a failed upstream call: answers the client if it still can; the status it got (null: none). */
  function failed(req: IncomingMessage, res: ServerResponse, error: Error, status: number | null, isClientGone: boolean): number | null {
    if (status !== null || res.headersSent) {
      // Cut mid-body (upstream gone, body timeout, client gone): all we can do is close.
      res.destroy();
      return status;
    }
    if (isClientGone || res.destroyed) return null;
    const code = (error as { code?: string }).code;
    const isTimeout = code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT';
    log.warn({ code, upstream: upstream.origin }, isTimeout ? 'gateway: upstream timed out' : 'gateway: upstream unreachable');
    if (isTimeout) {
      refuse(req, res, 504, 'UPSTREAM_TIMEOUT', 'The upstream did not answer in time.');
      return 504;
    }
    refuse(req, res, 502, 'UPSTREAM_UNREACHABLE', 'The upstream could not be reached or broke the connection.');
    return 502;
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      unexpected(req, res, error);
    }
  });
  let baseUrl = '';

  return {
    server,
    url: () => baseUrl,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.listen.port, config.listen.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
      baseUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
      return baseUrl;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      grace.unref();
      await closed;
      clearTimeout(grace);
      await pool.close();
      await verifier.close();
    },
  };
}

/** The gateway's own answers: `{"error": CODE, "detail": sentence}`, the SDK's shape plus a sentence. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, detail: string, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: code, detail });
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...extraHeaders };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="tokenward-gateway", Basic realm="tokenward-gateway"';
  // A refused upload is not read: close the connection rather than draining what is left of it.
  if (hasBody(req) && !req.complete) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/**
 * The client going away aborts the upstream call. undici takes any object with `on`/`once` and
 * `removeListener` as a signal; this one holds undici's single listener, and costs less per
 * request than an AbortController or an EventEmitter (measured: bench/gateway.ts).
 */
class ClientGoneSignal {
  aborted = false;
  private listener: (() => void) | null = null;

  constructor(res: ServerResponse) {
    // 'close' comes once per response, also after a complete answer: then the client is not gone.
    res.on('close', () => {
      if (res.writableFinished) return;
      this.aborted = true;
      const listener = this.listener;
      this.listener = null;
      listener?.();
    });
  }

  on(_event: 'abort', listener: () => void): this {
    this.listener = listener;
    return this;
  }

  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(): this {
    this.listener = null;
    return this;
  }
}
