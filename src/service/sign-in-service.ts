/**
 * Local sign-in: e-mail and password, and setting a password through a one-time link
 * (invite, password reset, owner setup). A failed sign-in never says which of the e-mail or the
 * password was wrong, and takes about as long either way: an unknown e-mail still costs one argon2
 * verification, against a dummy hash.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { User } from '../domain/models.js';
import type { UserSessionPrincipal } from '../domain/principal.js';
import { assertAcceptablePassword, isWellFormedSecret, linkUnusableReason, MAX_PASSWORD_LENGTH, type LinkKind } from '../domain/sign-in.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SessionService, StartedSession } from './session-service.js';

/** One e-mail may be a user in several orgs; sign-in tries at most this many. */
const MAX_CANDIDATES = 5;

export interface SignInServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionService;
}

export interface LoginRequest {
  email: string;
  password: string;
  /** Needed only when the same e-mail and password open accounts in several orgs. */
  orgId?: string | undefined;
  ip: string | null;
}

export interface Profile {
  user: User;
  groups: Array<{ id: string; name: string }>;
}

export function createSignInService(deps: SignInServiceDeps) {
  const { db, pepper, clock, hasher, sessions } = deps;
  const stores = createStores(db);
  const refused = () => new DomainError('INVALID_CREDENTIALS');

  return {
    /** A new session, or INVALID_CREDENTIALS (unknown e-mail, wrong password, deactivated, no password set). */
    async login(request: LoginRequest): Promise<StartedSession> {
      const { password } = request;
      // Oversized input is refused before hashing, with the same answer as a wrong password.
      if (password.length > MAX_PASSWORD_LENGTH * 4) throw refused();
      const candidates = await stores.credentials.findSignInCandidates(request.email, request.orgId, MAX_CANDIDATES);
      if (candidates.length === 0) {
        await hasher.verifyDummy(password);
        throw refused();
      }
      const matching: User[] = [];
      for (const candidate of candidates) {
        if (await hasher.verify(candidate.passwordHash, password)) matching.push(candidate.user);
      }
      if (matching.length === 0) throw refused();
      if (matching.length > 1) {
        // Only someone who knows the password gets here, so naming the orgs' existence leaks nothing new.
        throw new DomainError('CONFLICT', 'This e-mail and password open accounts in several organizations: pass orgId.');
      }
      const user = matching[0]!;
      return db.transaction().execute((trx) => sessions.startIn(createStores(trx), user, 'password', request.ip));
    },

    /**
     * Redeems a one-time link of `kind`: sets the password, spends every other unused link of the
     * user, ends their other sessions, and signs them in. LINK_INVALID for an unknown, used,
     * expired or other-kind link, with one message for all.
     */
    async setPasswordWithLink(kind: LinkKind, secret: string, password: string, ip: string | null): Promise<StartedSession> {
      assertAcceptablePassword(password);
      if (!isWellFormedSecret(secret)) throw new DomainError('LINK_INVALID');
      const digest = digestToken(pepper, secret);
      const link = await stores.authLinks.findByDigest(digest);
      if (!link || !digestsEqual(link.digest, digest) || linkUnusableReason(link, kind, clock()) !== null) throw new DomainError('LINK_INVALID');
      // Hash before the transaction: argon2 takes tens of milliseconds and must not hold a lock.
      const passwordHash = await hasher.hash(password);
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        const user = await tx.users.findById(link.orgId, link.userId);
        if (!user || user.status !== 'active') throw new DomainError('LINK_INVALID');
        // The conditional update decides races: of two redemptions of one link, one wins.
        if (!(await tx.authLinks.markUsed(link.id, now))) throw new DomainError('LINK_INVALID');
        await tx.credentials.setPasswordHash(user.id, passwordHash, now);
        await tx.authLinks.invalidateUnused(user.id, null, now);
        const endedSessions = await tx.sessions.deleteByUser(user.id);
        await tx.audit.append(
          auditEntry({ orgId: user.orgId, actorType: 'user', actorId: user.id, ip, action: 'user.password_set', targetType: 'user', targetId: user.id, details: { via: kind, linkId: link.id, endedSessions } }, clock),
        );
        return sessions.startIn(tx, user, 'password', ip);
      });
    },

    /** The signed-in person's own profile and groups. */
    async profile(principal: UserSessionPrincipal): Promise<Profile> {
      const user = await stores.users.findById(principal.orgId, principal.userId);
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in again.');
      return { user, groups: await stores.ssoConfigs.groupsOfUser(user.id) };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
