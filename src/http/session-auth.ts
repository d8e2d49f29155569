/**
 * Sessions over HTTP: the `tw_session` cookie, read once per request by an app-wide
 * hook, and the CSRF rule. Cookie: HttpOnly, SameSite=Lax, Path=/, `Secure` when the request came
 * over TLS or the public URL is https. CSRF: every state-changing request (not GET/HEAD/OPTIONS)
 * authenticated by the cookie must carry `X-CSRF-Token` equal to the session's token, which
 * `GET /api/v1/auth/session` and the sign-in answers give out. Requests with an `Authorization`
 * header are judged by it alone: a bearer key cannot be sent by a cross-site form, so no CSRF check.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { AuthenticatedSession, SessionService, StartedSession } from '../service/session-service.js';

export const SESSION_COOKIE = 'tw_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SignedIn extends AuthenticatedSession {
  /** Whether the request's `X-CSRF-Token` header matches the session (checked once, by the hook). */
  csrfTokenMatches: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session of the request's cookie, when it has one and no Authorization header. */
    signedIn: SignedIn | null;
    /** A cookie was sent but named no live session (expired, logged out, deactivated, org disabled). */
    hasDeadSession: boolean;
    /** The cookie's session is live but its org is disabled: refusals say so. */
    isSessionOrgDisabled: boolean;
  }
}

export interface SessionAuthDeps {
  sessions: Pick<SessionService, 'authenticate' | 'isCsrfTokenValid' | 'maxAgeSeconds'>;
  baseUrl(): string;
}

export async function registerSessionAuth(app: FastifyInstance, deps: SessionAuthDeps): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('signedIn', null);
  app.decorateRequest('hasDeadSession', false);
  app.decorateRequest('isSessionOrgDisabled', false);
  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization !== undefined) return;
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) return;
    const session = await deps.sessions.authenticate(secret);
    if (!session || session.orgDisabled) {
      request.hasDeadSession = true;
      request.isSessionOrgDisabled = session?.orgDisabled ?? false;
      return;
    }
    const header = request.headers[CSRF_HEADER];
    request.signedIn = { ...session, csrfTokenMatches: deps.sessions.isCsrfTokenValid(secret, typeof header === 'string' ? header : undefined) };
  });
}

/** Throws CSRF_FAILED unless a state-changing request carries the session's CSRF token. */
export function assertCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.signedIn) return;
  if (!request.signedIn.csrfTokenMatches) throw new DomainError('CSRF_FAILED');
}

function isSecure(request: FastifyRequest, baseUrl: string): boolean {
  return request.protocol === 'https' || baseUrl.startsWith('https:');
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, deps: SessionAuthDeps, started: StartedSession): void {
  reply.setCookie(SESSION_COOKIE, started.secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecure(request, deps.baseUrl()),
    maxAge: deps.sessions.maxAgeSeconds(),
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, deps: SessionAuthDeps): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecure(request, deps.baseUrl()) });
}

/** A short-lived cookie on one path (the SSO flow state). */
export function setPathCookie(reply: FastifyReply, request: FastifyRequest, baseUrl: string, name: string, value: string, path: string, maxAgeSeconds: number): void {
  reply.setCookie(name, value, { httpOnly: true, sameSite: 'lax', path, secure: isSecure(request, baseUrl), maxAge: maxAgeSeconds });
}
