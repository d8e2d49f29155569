/**
 * Server-side sessions. The cookie holds a 256-bit secret; the database holds only its
 * HMAC under the pepper, so a database dump signs nobody in. The CSRF token is an HMAC of the
 * session secret under its own label: it changes with every session, needs no storage, and cannot
 * be computed without both the cookie and the pepper.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { User } from '../domain/models.js';
import type { UserSessionPrincipal } from '../domain/principal.js';
import { isSessionLive, isWellFormedSecret, newSecret, sessionEndsAt, type SessionPolicy } from '../domain/sign-in.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import type { StoredSession } from '../store/session-store.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';

/** Writing `last_seen_at` on every request would turn every read into a write; once a minute is enough for idle expiry. */
const TOUCH_EVERY_MS = 60_000;

export interface StartedSession {
  /** The cookie value, in clear: set it on the response, never store or log it. */
  secret: string;
  sessionId: string;
  csrfToken: string;
  user: User;
  endsAt: Date;
}

export interface AuthenticatedSession {
  principal: UserSessionPrincipal;
  /** The instance administrator disabled the person's org: the session is kept but opens nothing. */
  orgDisabled: boolean;
  user: User;
  csrfToken: string;
  endsAt: Date;
  method: StoredSession['method'];
}

export interface SessionServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  policy: SessionPolicy;
}

export function createSessionService(deps: SessionServiceDeps) {
  const { db, pepper, clock, policy } = deps;
  const stores = createStores(db);

  function csrfTokenOf(secret: string): string {
    return createHmac('sha256', pepper).update(`tokenward:csrf:v1:${secret}`).digest('base64url');
  }

  /** Inside the caller's transaction: a new session for an active user, audited as a sign-in. */
  async function startIn(tx: Stores, user: User, method: StoredSession['method'], ip: string | null): Promise<StartedSession> {
    // Every way of signing in (password, link, SSO) comes through here.
    if (await tx.organizations.isDisabled(user.orgId)) throw new DomainError('ORG_DISABLED');
    const secret = newSecret();
    const now = clock();
    const sessionId = newId('ses');
    await tx.sessions.insert({ id: sessionId, digest: digestToken(pepper, secret), orgId: user.orgId, userId: user.id, method, createdAt: now, lastSeenAt: now, ip });
    await tx.audit.append(
      auditEntry({ orgId: user.orgId, actorType: 'user', actorId: user.id, ip, action: 'user.signed_in', targetType: 'session', targetId: sessionId, details: { method } }, clock),
    );
    return { secret, sessionId, csrfToken: csrfTokenOf(secret), user, endsAt: sessionEndsAt({ createdAt: now, lastSeenAt: now }, policy, now) };
  }

  return {
    startIn,
    csrfTokenOf,

    /** Constant-time check of the `X-CSRF-Token` header against the session's token. */
    isCsrfTokenValid(secret: string, token: string | undefined): boolean {
      return typeof token === 'string' && digestsEqual(csrfTokenOf(secret), token);
    },

    /**
     * The live session of a cookie value, or null (malformed, unknown, expired, user deactivated).
     * An expired session is deleted on sight.
     */
    async authenticate(secret: string | undefined): Promise<AuthenticatedSession | null> {
      if (!secret || !isWellFormedSecret(secret)) return null;
      const digest = digestToken(pepper, secret);
      const found = await stores.sessions.findByDigest(digest);
      if (!found || !digestsEqual(found.session.digest, digest)) return null;
      const { session, user } = found;
      const now = clock();
      if (!isSessionLive(session, policy, now) || user.status !== 'active' || user.orgId !== session.orgId) {
        await stores.sessions.deleteById(session.id);
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await stores.sessions.touch(session.id, now);
      return {
        principal: { kind: 'user_session', userId: user.id, orgId: user.orgId, role: user.role, sessionId: session.id },
        orgDisabled: await stores.organizations.isDisabled(user.orgId),
        user,
        csrfToken: csrfTokenOf(secret),
        endsAt: sessionEndsAt(session, policy, now),
        method: session.method,
      };
    },

    /** Logout: the session row is gone, so the cookie is worthless even if it was copied. */
    async end(principal: UserSessionPrincipal, ip: string | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.sessions.deleteById(principal.sessionId);
        await tx.audit.append(
          auditEntry({ orgId: principal.orgId, actorType: 'user', actorId: principal.userId, ip, action: 'user.signed_out', targetType: 'session', targetId: principal.sessionId }, clock),
        );
      });
    },

    /** Cookie lifetime: the absolute limit. The idle limit is enforced here, on the server, since a cookie cannot be refreshed on every request. */
    maxAgeSeconds(): number {
      return Math.floor(policy.absoluteMs / 1000);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
