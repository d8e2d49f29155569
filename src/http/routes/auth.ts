/**
 * Local sign-in routes under `/api/v1/auth` (docs/sign-in.md): login, logout, the
 * current session, and setting a password through a one-time link. Sign-in attempts are limited
 * per client IP and per e-mail (shared through Redis when configured); a failure answers
 * INVALID_CREDENTIALS whatever was wrong.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import type { LinkKind } from '../../domain/sign-in.js';
import type { LinkService } from '../../service/link-service.js';
import type { SessionService, StartedSession } from '../../service/session-service.js';
import type { SignInService } from '../../service/sign-in-service.js';
import { requireSession, sessionPrincipalOf } from '../auth.js';
import { ErrorRef } from '../schemas/common.js';
import { NoContent } from '../schemas/token-inventory.js';
import { LoginBody, ResetRequestBody, ResetRequestedJson, SessionJson, SetPasswordBody } from '../schemas/sign-in.js';
import { clearSessionCookie, setSessionCookie, type SessionAuthDeps } from '../session-auth.js';

export interface SignInRateLimit {
  perEmail: number;
  perIp: number;
}

export interface AuthRoutesDeps extends SessionAuthDeps {
  sessions: SessionService;
  signIn: SignInService;
  links: LinkService;
  signInRateLimit: SignInRateLimit;
}

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
const TAGS = ['Sign-in'];
const PUBLIC_ERRORS = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 429: ErrorRef, 500: ErrorRef };

export function sessionJson(session: { user: StartedSession['user']; csrfToken: string; endsAt: Date }): SessionJson {
  const { user } = session;
  return { user: { id: user.id, orgId: user.orgId, email: user.email, name: user.name, role: user.role }, csrfToken: session.csrfToken, expiresAt: session.endsAt.toISOString() };
}

/** Per-IP and per-e-mail counters over 15 minutes; the e-mail is hashed so no key holds it. */
function signInLimiters(app: FastifyInstance, limits: SignInRateLimit) {
  const byIp = app.createRateLimit({ max: limits.perIp, timeWindow: SIGN_IN_WINDOW_MS, keyGenerator: (request) => `signin-ip:${request.ip}` });
  const byEmail = app.createRateLimit({
    max: limits.perEmail,
    timeWindow: SIGN_IN_WINDOW_MS,
    keyGenerator: (request) => {
      const email = String((request.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase();
      return `signin-email:${createHash('sha256').update(email).digest('base64url')}`;
    },
  });
  const refuse = (ttlSeconds: number) => new DomainError('RATE_LIMITED', `Too many sign-in attempts; retry in ${ttlSeconds} seconds.`);
  return {
    async ip(request: FastifyRequest): Promise<void> {
      const result = await byIp(request);
      if (!result.isAllowed && result.isExceeded) throw refuse(result.ttlInSeconds);
    },
    async ipAndEmail(request: FastifyRequest): Promise<void> {
      for (const limiter of [byIp, byEmail]) {
        const result = await limiter(request);
        if (!result.isAllowed && result.isExceeded) throw refuse(result.ttlInSeconds);
      }
    },
  };
}

export function authRoutes(deps: AuthRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const limit = signInLimiters(plugin, deps.signInRateLimit);

    const signedIn = (request: FastifyRequest, reply: FastifyReply, started: StartedSession) => {
      setSessionCookie(reply, request, deps, started);
      return sessionJson(started);
    };

    app.post(
      '/api/v1/auth/login',
      {
        preHandler: limit.ipAndEmail,
        schema: {
          tags: TAGS,
          summary: 'Sign in with e-mail and password',
          description: 'Sets the HttpOnly `tw_session` cookie and answers the session with its CSRF token. Any failure is 401 INVALID_CREDENTIALS.',
          security: [],
          body: LoginBody,
          response: { 200: SessionJson, ...PUBLIC_ERRORS },
        },
      },
      async (request, reply) => {
        const started = await deps.signIn.login({ ...request.body, ip: request.ip });
        return signedIn(request, reply, started);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        onRequest: requireSession(),
        schema: { tags: TAGS, summary: 'Sign out: the session ends on the server', security: [{ sessionCookie: [] }], response: { 204: NoContent, ...PUBLIC_ERRORS } },
      },
      async (request, reply) => {
        await deps.sessions.end(sessionPrincipalOf(request), request.ip);
        clearSessionCookie(reply, request, deps);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        onRequest: requireSession(),
        schema: { tags: TAGS, summary: 'Who am I: the signed-in person, role, org and CSRF token', security: [{ sessionCookie: [] }], response: { 200: SessionJson, ...PUBLIC_ERRORS } },
      },
      async (request) => sessionJson(request.signedIn!),
    );

    const redeem = (path: string, kind: LinkKind, summary: string) =>
      app.post(
        path,
        {
          preHandler: limit.ip,
          schema: {
            tags: TAGS,
            summary,
            description: 'Sets the password (12 to 256 characters), spends the link, ends the person\'s other sessions and signs them in. 400 LINK_INVALID for an unknown, used or expired link.',
            security: [],
            body: SetPasswordBody,
            response: { 200: SessionJson, ...PUBLIC_ERRORS },
          },
        },
        async (request, reply) => {
          const started = await deps.signIn.setPasswordWithLink(kind, request.body.token, request.body.password, request.ip);
          return signedIn(request, reply, started);
        },
      );
    redeem('/api/v1/auth/invites/accept', 'invite', 'Accept an invite: set a password with the invite link');
    redeem('/api/v1/auth/owner-setup', 'owner_setup', "Owner's first sign-in: set a password with the link printed at first start or by `tokenward owner-link`");
    redeem('/api/v1/auth/password-reset/complete', 'password_reset', 'Complete a password reset with the reset link');

    app.post(
      '/api/v1/auth/password-reset/request',
      {
        preHandler: limit.ipAndEmail,
        schema: {
          tags: TAGS,
          summary: 'Ask for a password reset link',
          description: 'Always 202 with the same body, at once, whether or not the e-mail is known. The link is e-mailed through the org\'s SMTP settings when it has them; admins can also make one with `POST .../users/{userId}/password-reset`.',
          security: [],
          body: ResetRequestBody,
          response: { 202: ResetRequestedJson, ...PUBLIC_ERRORS },
        },
      },
      async (request, reply) => {
        // Answered before the work is done: how long the lookup, the link and the e-mail take must
        // not tell whether the e-mail is known.
        void deps.links.requestPasswordReset(request.body.email, request.body.orgId, request.ip).catch((error: unknown) => {
          request.log.error({ err: error }, 'password reset request failed');
        });
        return reply.code(202).send({ message: 'If this e-mail belongs to an active account, a password reset link is on its way.' });
      },
    );
  };
}
