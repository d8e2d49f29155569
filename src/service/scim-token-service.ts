/**
 * SCIM bearer tokens (docs/scim.md): an org admin creates, lists and revokes them; an
 * identity provider's SCIM client authenticates with one. The secret exists in clear only in the
 * creating call's answer; the table holds its HMAC digest under the pepper.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { cleanName } from '../domain/directory.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { actorOf, authorizeOrgAccess, principalId, type ScimTokenPrincipal } from '../domain/principal.js';
import { isLastUseStale, scimTokenStatus, SCIM_TOKEN_SCOPES, type ScimToken } from '../domain/scim-token.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import { generateToken, parseToken, type ParsedToken } from '../domain/token-format.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import type { Caller } from './user-directory-service.js';
import { DAY_MS } from '../domain/time.js';

export const MAX_SCIM_TOKEN_LIFETIME_DAYS = 3650;


export interface ScimTokenServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  cursorKey: CursorKey;
}

export interface NewScimToken {
  label: string;
  /** Unset: the token does not expire (identity providers hold one for years); else 1-3650 days. */
  expiresInDays?: number | undefined;
}

export function createScimTokenService(deps: ScimTokenServiceDeps) {
  const { db, pepper, clock, cursorKey } = deps;
  const stores = createStores(db);

  return {
    async createToken(caller: Caller, orgId: string, input: NewScimToken): Promise<{ token: ScimToken; secret: string }> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const label = cleanName(input.label, 'label');
      if (label.length > 200) throw new DomainError('VALIDATION_FAILED', 'label must be at most 200 characters.');
      const days = input.expiresInDays;
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_SCIM_TOKEN_LIFETIME_DAYS)) {
        throw new DomainError('VALIDATION_FAILED', `expiresInDays must be a whole number from 1 to ${MAX_SCIM_TOKEN_LIFETIME_DAYS}.`);
      }
      const now = clock();
      const generated = generateToken('scim');
      const token: ScimToken = {
        id: newId('stk'),
        orgId,
        label,
        displayPrefix: generated.displayPrefix,
        createdAt: now,
        createdBy: principalId(caller.principal),
        expiresAt: days === undefined ? null : new Date(now.getTime() + days * DAY_MS),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      };
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.scimTokens.insert(token, digestToken(pepper, generated.secret));
        await tx.audit.append(
          auditEntry(
            {
              orgId,
              ...actorOf(caller.principal),
              ip: caller.ip,
              action: 'scim_token.created',
              targetType: 'scim_token',
              targetId: token.id,
              details: { label, expiresAt: token.expiresAt?.toISOString() ?? null },
            },
            clock,
          ),
        );
      });
      return { token, secret: generated.secret };
    },

    async listTokens(caller: Caller, orgId: string, query: PageQuery): Promise<Page<ScimToken>> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const fingerprint = queryFingerprint({ resource: 'scim-tokens', orgId });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      return pageOf(cursorKey, fingerprint, body, await stores.scimTokens.list(orgId, request));
    },

    /** Revokes at once: the next request with it is 401. Revoking twice is harmless. */
    async revokeToken(caller: Caller, orgId: string, tokenId: string): Promise<void> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const token = await tx.scimTokens.findById(orgId, tokenId);
        if (!token) throw new DomainError('SCIM_TOKEN_NOT_FOUND');
        if (await tx.scimTokens.revoke(orgId, tokenId, principalId(caller.principal), clock())) {
          await tx.audit.append(
            auditEntry(
              { orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'scim_token.revoked', targetType: 'scim_token', targetId: tokenId, details: { label: token.label } },
              clock,
            ),
          );
        }
      });
    },

    /**
     * Resolves a SCIM token (`twp_...`, sent as a Bearer credential) to the SCIM principal of the token's org, or
     * throws UNAUTHENTICATED. A malformed value, or another kind of Tokenward token, is refused before
     * any database access. Records the last use (at most once a minute).
     */
    async authenticate(secret: string | undefined): Promise<ScimTokenPrincipal> {
      let parsed: ParsedToken;
      try {
        parsed = parseToken(secret);
      } catch {
        throw new DomainError('UNAUTHENTICATED', 'A SCIM token is missing or malformed.');
      }
      if (parsed.kind !== 'scim') throw new DomainError('UNAUTHENTICATED', 'This is not a SCIM token.');
      const digest = digestToken(pepper, parsed.secret);
      const found = await stores.scimTokens.findByDigest(digest);
      if (!found || !digestsEqual(found.digest, digest)) throw new DomainError('UNAUTHENTICATED', 'The SCIM token is not valid.');
      const now = clock();
      const status = scimTokenStatus(found.token, now);
      if (status !== 'active') throw new DomainError('UNAUTHENTICATED', `The SCIM token is ${status}.`);
      if (await stores.organizations.isDisabled(found.token.orgId)) throw new DomainError('ORG_DISABLED');
      if (isLastUseStale(found.token, now)) await stores.scimTokens.touchLastUsed(found.token.id, now);
      return { kind: 'scim_token', tokenId: found.token.id, orgId: found.token.orgId, scopes: SCIM_TOKEN_SCOPES };
    },
  };
}

export type ScimTokenService = ReturnType<typeof createScimTokenService>;
