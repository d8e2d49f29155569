/**
 * Minting and authenticating secrets. The secret exists in clear only in the value returned by the
 * issuing call, shown once to whoever asked; everything stored or logged is the digest or the
 * display prefix.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AuditEntry, Token, TokenOwner } from '../domain/models.js';
import { tokenUnusableReason } from '../domain/models.js';
import type { AdminKeyPrincipal } from '../domain/principal.js';
import { ADMIN_SCOPES, isAdminScope } from '../domain/scopes.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import { generateToken, parseToken, type ParsedToken, type TokenKind } from '../domain/token-format.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { tokenRef } from '../domain/events.js';
import { capField, USAGE_LIMITS } from '../domain/usage.js';
import type { UsageSink } from './usage-recorder.js';
import { DAY_MS } from '../domain/time.js';

export const MAX_ADMIN_KEY_LIFETIME_DAYS = 365;

export const DEFAULT_ADMIN_KEY_LIFETIME_DAYS = 7;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 365;
export const MAX_TOKEN_LIFETIME_DAYS = 365;

export interface IssuedToken {
  token: Token;
  /** The secret, in clear: return it to the caller once, never store or log it. */
  secret: string;
}

export interface AdminKeyRequest {
  orgId: string;
  label: string;
  scopes: readonly string[];
  /**
   * null: never expires (only the bootstrap key is made so); unset: one week from now, Atlassian's
   * default; otherwise within a year from now.
   */
  expiresAt?: Date | null | undefined;
  createdBy: string | null;
  /** An exact secret to use (TOKENWARD_BOOTSTRAP_ADMIN_KEY); normally a fresh one is generated. */
  presetSecret?: string | undefined;
  audit: { actorType: AuditEntry['actorType']; actorId: string | null; ip: string | null };
}

/** A user's or service account's token; lifetime 1-365 days, one year by default (Atlassian's rule). */
export interface OwnedTokenRequest {
  orgId: string;
  owner: TokenOwner;
  label: string;
  scopes: readonly string[];
  expiresAt?: Date | undefined;
  /** Instead of `expiresAt`: this many days from the token's creation instant (policy grants). */
  lifetimeDays?: number | undefined;
  createdBy: string | null;
  audit: AdminKeyRequest['audit'];
}

interface TokenDraft {
  orgId: string;
  kind: TokenKind;
  owner: TokenOwner | null;
  label: string;
  scopes: readonly string[];
  expiresAt?: Date | null | undefined;
  lifetimeDays?: number | undefined;
  createdBy: string | null;
  presetSecret?: string | undefined;
  audit: AdminKeyRequest['audit'];
  /** For messages: "An admin API key". */
  what: string;
  defaultLifetimeDays: number;
  maxLifetimeDays: number;
}

export interface TokenServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  /** Where an admin key's use is recorded, so its last activity, calls and addresses show like any token's. */
  usage?: UsageSink | undefined;
}

/** The request an admin key authenticates, as its usage records it. */
export interface AdminKeyUse {
  method: string;
  route: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** An admin key's own call, counted as its use (last activity, calls, routes, addresses). */
export function recordAdminKeyUse(usage: UsageSink, key: { atMs: number; orgId: string; tokenId: string }, use: AdminKeyUse): void {
  // Fields named one by one: on Node 20 an object spread followed by more properties costs over
  // a microsecond (measured), and this runs on every verification.
  usage.record({
    atMs: key.atMs,
    orgId: key.orgId,
    tokenId: key.tokenId,
    code: 'VALID',
    method: capField(use.method, USAGE_LIMITS.method),
    route: capField(use.route, USAGE_LIMITS.route),
    ip: capField(use.ip, USAGE_LIMITS.ip),
    userAgent: capField(use.userAgent, USAGE_LIMITS.userAgent),
    upstreamStatus: null,
  });
}

export function createTokenService(deps: TokenServiceDeps) {
  const { db, pepper, clock } = deps;
  const stores = createStores(db);

  function mint(kind: TokenKind, presetSecret?: string): { parsed: ParsedToken; digest: string } {
    const parsed = presetSecret === undefined ? generateToken(kind) : parseToken(presetSecret);
    if (parsed.kind !== kind) throw new DomainError('VALIDATION_FAILED', `The preset secret is not of the ${kind} kind.`);
    return { parsed, digest: digestToken(pepper, parsed.secret) };
  }

  /** Checks the lifetime rule and inserts the token with its audit entry, in the caller's transaction. */
  async function insertIssued(tx: Stores, draft: TokenDraft): Promise<IssuedToken> {
    const now = clock();
    const expiresAt =
      draft.lifetimeDays !== undefined
        ? new Date(now.getTime() + draft.lifetimeDays * DAY_MS)
        : draft.expiresAt === undefined
          ? new Date(now.getTime() + draft.defaultLifetimeDays * DAY_MS)
          : draft.expiresAt;
    if (expiresAt !== null) {
      const lifetimeMs = expiresAt.getTime() - now.getTime();
      if (!(lifetimeMs > 0 && lifetimeMs <= draft.maxLifetimeDays * DAY_MS)) {
        throw new DomainError('VALIDATION_FAILED', `${draft.what} must expire in the future and within ${draft.maxLifetimeDays} days.`);
      }
    }
    const { parsed, digest } = mint(draft.kind, draft.presetSecret);
    const token: Token = {
      id: newId('tok'),
      orgId: draft.orgId,
      kind: draft.kind,
      owner: draft.owner,
      label: draft.label,
      displayPrefix: parsed.displayPrefix,
      scopes: [...new Set(draft.scopes)],
      status: 'active',
      createdAt: now,
      expiresAt,
      lastActiveAt: null,
      createdBy: draft.createdBy,
      revokedAt: null,
      revokedBy: null,
      revokedReason: null,
    };
    await tx.tokens.insert(token, digest);
    await tx.audit.append(
      auditEntry(
        {
          orgId: draft.orgId,
          ...draft.audit,
          action: draft.kind === 'admin_key' ? 'admin_key.created' : 'token.created',
          targetType: 'token',
          targetId: token.id,
          details: { kind: token.kind, owner: token.owner, label: token.label, scopes: token.scopes, expiresAt: token.expiresAt?.toISOString() ?? null },
        },
        clock,
      ),
    );
    // The outbox event commits with the token.
    await tx.events.record({
      orgId: draft.orgId,
      type: draft.kind === 'admin_key' ? 'admin_key.created' : 'token.created',
      payload: { token: tokenRef(token), actor: { type: draft.audit.actorType, id: draft.audit.actorId } },
      occurredAt: now,
    });
    return { token, secret: parsed.secret };
  }

  /** Inside the caller's transaction: inserts the key and its audit entry together. */
  async function issueAdminKeyIn(tx: Stores, request: AdminKeyRequest): Promise<IssuedToken> {
    const unknown = request.scopes.filter((s) => !isAdminScope(s));
    if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Unknown admin scopes: ${unknown.join(', ')}.`);
    return insertIssued(tx, {
      ...request,
      kind: 'admin_key',
      owner: null,
      what: 'An admin API key',
      defaultLifetimeDays: DEFAULT_ADMIN_KEY_LIFETIME_DAYS,
      maxLifetimeDays: MAX_ADMIN_KEY_LIFETIME_DAYS,
    });
  }

  /**
   * Issues a user's or a service account's token, with no policy check: the policy service
   * wraps this with the effective policy; admins' central issuance and tests call it as is.
   */
  async function issueOwnedTokenIn(tx: Stores, request: OwnedTokenRequest): Promise<IssuedToken> {
    const owner = request.owner;
    if (owner.type === 'user') {
      const user = await tx.users.findById(request.orgId, owner.id);
      if (!user) throw new DomainError('USER_NOT_FOUND');
      // A deactivated user's tokens are suspended; a new one must not slip past that.
      if (user.status !== 'active') throw new DomainError('CONFLICT', 'The user is deactivated: reactivate them before issuing a token.');
    } else if (!(await tx.serviceAccounts.findById(request.orgId, owner.id))) {
      throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND');
    }
    return insertIssued(tx, {
      ...request,
      kind: owner.type === 'user' ? 'user' : 'service_account',
      what: 'An API token',
      defaultLifetimeDays: DEFAULT_TOKEN_LIFETIME_DAYS,
      maxLifetimeDays: MAX_TOKEN_LIFETIME_DAYS,
    });
  }

  return {
    issueAdminKeyIn,
    issueOwnedTokenIn,

    async issueOwnedToken(request: OwnedTokenRequest): Promise<IssuedToken> {
      return db.transaction().execute((trx) => issueOwnedTokenIn(createStores(trx), request));
    },

    async issueAdminKey(request: AdminKeyRequest): Promise<IssuedToken> {
      return db.transaction().execute((trx) => issueAdminKeyIn(createStores(trx), request));
    },

    /**
     * Resolves an admin key (the Bearer credential the HTTP layer read) to its principal, or throws UNAUTHENTICATED.
     * A malformed value is refused before any database access.
     */
    async authenticateAdminKey(secret: string | undefined, use?: AdminKeyUse): Promise<AdminKeyPrincipal> {
      let parsed: ParsedToken;
      try {
        parsed = parseToken(secret);
      } catch {
        throw new DomainError('UNAUTHENTICATED', 'The API key is missing or malformed.');
      }
      if (parsed.kind !== 'admin_key') throw new DomainError('UNAUTHENTICATED', 'This is not an organization admin API key.');
      const digest = digestToken(pepper, parsed.secret);
      const now = clock();
      // The one lookup every verifier shares: a rotated key's old secret works during its grace period.
      const found = await stores.tokens.findBySecretDigest(digest, now);
      if (!found || !digestsEqual(found.digest, digest)) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid.');
      const reason = tokenUnusableReason(found.token, now);
      if (reason) throw new DomainError('UNAUTHENTICATED', `The API key is ${reason.toLowerCase()}.`);
      if (await stores.organizations.isDisabled(found.token.orgId)) throw new DomainError('ORG_DISABLED');
      if (use && deps.usage) recordAdminKeyUse(deps.usage, { atMs: now.getTime(), orgId: found.token.orgId, tokenId: found.token.id }, use);
      return { kind: 'admin_key', tokenId: found.token.id, orgId: found.token.orgId, scopes: found.token.scopes };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

/** Every admin scope, for keys that must reach everything (bootstrap, recovery). */
export const ALL_ADMIN_SCOPES: readonly string[] = ADMIN_SCOPES;

