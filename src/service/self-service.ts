/**
 * Member self-service (the service functions behind `/api/v1/me/...`). Each takes the
 * signed-in member's org and user id, so the HTTP layer only has to authenticate the session. A
 * refusal names the governing policy and how to get access.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import type { Token, User } from '../domain/models.js';
import { decideCreation, mostPermissiveMode, selfCreationPathFor, type CreationDecision } from '../domain/policy-creation.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import type { ApprovalService, NewTokenRequest } from './approval-service.js';
import { auditEntry } from './audit-service.js';
import { recordRevocations } from './event-recorder.js';
import type { IssuanceService } from './issuance-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import { resolvePolicyOf, type ResolvedPolicy } from './policy-setup.js';
import type { TokenChangeBus } from './token-change-bus.js';

export interface OwnTokenInput {
  label: string;
  scopes: readonly string[];
  expiresInDays?: number | undefined;
  purpose?: string | undefined;
  tags?: string[] | undefined;
}

export interface MyPolicy extends ResolvedPolicy {
  /**
   * What `POST /api/v1/me/tokens` does for this member: create, ask for approval, or refuse. For
   * the scopes asked about when given; else the most the member can do on their own.
   */
  creation: 'direct' | 'approval' | 'blocked';
  /** The decision for the scopes asked about, explained per scope; null when none were given. */
  decision: CreationDecision | null;
}

export interface SelfServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  issuance: IssuanceService;
  approvals: ApprovalService;
  /** Told after each commit which tokens changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

export function createSelfService(deps: SelfServiceDeps) {
  const { db, clock, cursorKey, issuance, approvals } = deps;
  const stores = createStores(db);

  async function mustBeActive(tx: Stores, orgId: string, userId: string): Promise<User> {
    const user = await tx.users.findById(orgId, userId);
    if (!user) throw new DomainError('USER_NOT_FOUND');
    if (user.status !== 'active') throw new DomainError('CONFLICT', 'The user is deactivated.');
    return user;
  }

  async function mustOwn(tx: Stores, orgId: string, userId: string, tokenId: string): Promise<Token> {
    const token = await tx.tokens.findById(orgId, tokenId);
    if (!token || token.owner?.type !== 'user' || token.owner.id !== userId) throw new DomainError('TOKEN_NOT_FOUND');
    return token;
  }

  return {
    /** What the member may ask for, and why (which policy, through which assignment). */
    async myEffectivePolicy(orgId: string, userId: string, scopes: readonly string[] = []): Promise<MyPolicy> {
      await mustBeActive(stores, orgId, userId);
      const resolved = await resolvePolicyOf(stores, orgId, { type: 'user', id: userId }, clock());
      const decision = scopes.length > 0 ? decideCreation(resolved.enforceable, resolved.catalogue, scopes) : null;
      const mode = decision?.mode ?? mostPermissiveMode(resolved.effective.rule);
      return { ...resolved, creation: mode === 'allowed' ? 'direct' : mode, decision };
    },

    /**
     * Creates a token when the policy allows self-creation; APPROVAL_REQUIRED when it wants a
     * request instead; TOKEN_CREATION_BLOCKED when blocked. Scopes and lifetime within the policy.
     */
    async createOwnToken(orgId: string, userId: string, input: OwnTokenInput, ip: string | null): Promise<{ token: Token; secret: string }> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await mustBeActive(tx, orgId, userId);
        const { enforceable, catalogue } = await resolvePolicyOf(tx, orgId, { type: 'user', id: userId }, clock());
        const decision = decideCreation(enforceable, catalogue, input.scopes);
        if (selfCreationPathFor(enforceable, decision) === 'approval') {
          throw new DomainError('APPROVAL_REQUIRED', `${decision.reason} File a request with POST /api/v1/me/token-requests.`);
        }
        return issuance.issueWithinPolicyIn(tx, orgId, {
          owner: { type: 'user', id: userId },
          label: input.label,
          scopes: input.scopes,
          lifetimeDays: input.expiresInDays,
          createdBy: userId,
          audit: { actorType: 'user', actorId: userId, ip },
          purpose: { purpose: input.purpose, tags: input.tags },
        });
      });
    },

    /** The member's tokens, every status, oldest first (keyset pages). */
    async listOwnTokens(orgId: string, userId: string, query: PageQuery): Promise<Page<Token>> {
      const fingerprint = queryFingerprint({ resource: 'my-tokens', orgId, userId });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      const result = await stores.tokens.listOfOwner(orgId, { type: 'user', id: userId }, request);
      return pageOf(cursorKey, fingerprint, body, result);
    },

    async rotateOwnToken(orgId: string, userId: string, tokenId: string, graceHours: number, ip: string | null): Promise<{ token: Token; secret: string }> {
      const rotated = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await mustBeActive(tx, orgId, userId);
        return issuance.rotateIn(tx, await mustOwn(tx, orgId, userId, tokenId), graceHours, { actorType: 'user', actorId: userId, ip });
      });
      deps.bus?.tokensChanged(orgId, [tokenId]);
      return rotated;
    },

    async revokeOwnToken(orgId: string, userId: string, tokenId: string, reason: string | null, ip: string | null): Promise<Token> {
      const revoked = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await mustOwn(tx, orgId, userId, tokenId);
        const why = reason?.trim().slice(0, 500) || 'revoked by owner';
        const now = clock();
        if (await tx.tokens.revoke(orgId, tokenId, userId, why, now)) {
          await tx.audit.append(auditEntry({ orgId, actorType: 'user', actorId: userId, ip, action: 'token.revoked', targetType: 'token', targetId: tokenId, details: { reason: why } }, clock));
          await recordRevocations(tx, orgId, [tokenId], { type: 'user', id: userId }, why, now);
        }
        return (await tx.tokens.findById(orgId, tokenId))!;
      });
      deps.bus?.tokensChanged(orgId, [tokenId]);
      return revoked;
    },

    fileRequest: (orgId: string, userId: string, input: NewTokenRequest, ip: string | null) => approvals.fileRequest(orgId, userId, input, ip),
    listOwnRequests: (orgId: string, userId: string, query: PageQuery) => approvals.listOwnRequests(orgId, userId, query),
    retrieveApprovedToken: (orgId: string, userId: string, requestId: string, ip: string | null) => approvals.retrieveApprovedToken(orgId, userId, requestId, ip),
    redeemDeliveryLink: (orgId: string, userId: string, link: string, ip: string | null) => issuance.redeemDeliveryLink(orgId, userId, link, ip),
  };
}

export type SelfService = ReturnType<typeof createSelfService>;

