/**
 * Central issuance, single revoke and rotation (docs/policies.md "Central issuance").
 * Admins issue tokens for members and service accounts within the owner's policy limits (allowed
 * scopes, lifetime cap) even where that policy blocks members from creating tokens themselves; the
 * secret goes to the admin once, or to the member through a one-time link. A token whose secret is
 * delivered later is stored with a secret nobody ever saw; the real one is born at retrieval.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry, Token, TokenOwner } from '../domain/models.js';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { HOUR_MS } from '../domain/time.js';
import { tokenRef } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import { grantWithinPolicy } from '../domain/policy-enforcement.js';
import { DAY_MS } from '../domain/time.js';
import { actorOf, authorizeOrgAccess, principalId } from '../domain/principal.js';
import { assertKnownScopes } from '../domain/scope-catalogue.js';
import { assertPurposeWithinPolicy, cleanPurpose } from '../domain/token-purpose.js';
import { digestsEqual, digestToken, type Pepper } from '../domain/token-digest.js';
import { generateToken } from '../domain/token-format.js';
import { tokenUnusableReason } from '../domain/models.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import type { TokenDelivery } from '../store/token-delivery-store.js';
import { auditEntry } from './audit-service.js';
import { actorRef, recordRevocations } from './event-recorder.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { TokenService } from './token-service.js';
import type { Caller } from './user-directory-service.js';
import type { TokenChangeBus } from './token-change-bus.js';

export const DELIVERY_TTL_DAYS = 7;
export const MAX_GRACE_HOURS = 24;
const LINK_PREFIX = 'twl_';

export type AuditActor = Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'>;

export interface IssueInput {
  owner: TokenOwner;
  label: string;
  scopes: readonly string[];
  expiresInDays?: number | undefined;
  /** `response` (default): the secret comes back in this answer; `link`: a one-time link for the member. */
  delivery?: 'response' | 'link' | undefined;
  purpose?: string | undefined;
  tags?: string[] | undefined;
}

/** What a new token is for, as a caller gives it (cleaned and checked against the policy at issuance). */
export interface PurposeInput {
  purpose?: string | null | undefined;
  tags?: readonly string[] | undefined;
}

export interface IssuedResult {
  token: Token;
  /** Null when delivered by link. */
  secret: string | null;
  delivery: { id: string; link: string; expiresAt: Date } | null;
}

export interface IssuanceServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  pepper: Pepper;
  tokens: TokenService;
  /** Told after each commit which tokens changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

export function cleanLabel(input: string): string {
  const label = input.trim();
  if (label.length === 0 || label.length > 200) throw new DomainError('VALIDATION_FAILED', 'The label must hold 1-200 characters.');
  return label;
}

export function createIssuanceService(deps: IssuanceServiceDeps) {
  const { db, clock, pepper, tokens } = deps;

  function audit(tx: Stores, orgId: string, actor: AuditActor, action: string, targetId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actor, action, targetType: 'token', targetId, details }, clock));
  }

  /**
   * Issues a token within the owner's policy, in the caller's transaction. The policy's
   * `tokenCreation` is not consulted: this is the path admins (and approvals) take on members'
   * behalf. Everything else is: known scopes, allowed scopes, lifetime cap, and use not blocked.
   */
  async function issueWithinPolicyIn(
    tx: Stores,
    orgId: string,
    request: { owner: TokenOwner; label: string; scopes: readonly string[]; lifetimeDays?: number | undefined; createdBy: string | null; audit: AuditActor; purpose?: PurposeInput | undefined },
  ): Promise<{ token: Token; secret: string }> {
    const now = clock();
    const { enforceable, catalogue } = await resolvePolicyOf(tx, orgId, request.owner, now);
    assertKnownScopes(request.scopes, catalogue);
    const purpose = cleanPurpose(request.purpose ?? {});
    assertPurposeWithinPolicy(enforceable, purpose.purpose);
    if (enforceable.rule.tokenUse === 'blocked') {
      throw new DomainError('USE_BLOCKED_BY_POLICY', `The policy "${enforceable.policyName}" blocks the use of API tokens: a token issued now could never be used.`);
    }
    const grant = grantWithinPolicy(enforceable, { scopes: request.scopes, lifetimeDays: request.lifetimeDays });
    const issued = await tokens.issueOwnedTokenIn(tx, {
      orgId,
      owner: request.owner,
      label: cleanLabel(request.label),
      scopes: grant.scopes,
      lifetimeDays: grant.lifetimeDays,
      createdBy: request.createdBy,
      audit: request.audit,
    });
    if (purpose.purpose !== null || purpose.tags.length > 0) await tx.tokenControls.setPurpose(orgId, issued.token.id, purpose.purpose, purpose.tags, now);
    return issued;
  }

  /** A delivery row for a token whose secret its recipient retrieves later; the link secret when by link. */
  async function createDeliveryIn(tx: Stores, token: Token, recipientUserId: string, options: { requestId?: string; byLink: boolean }): Promise<{ delivery: TokenDelivery; link: string | null }> {
    const now = clock();
    const delivery: TokenDelivery = {
      id: newId('otd'),
      orgId: token.orgId,
      tokenId: token.id,
      recipientUserId,
      requestId: options.requestId ?? null,
      expiresAt: new Date(now.getTime() + DELIVERY_TTL_DAYS * DAY_MS),
      redeemedAt: null,
      createdAt: now,
    };
    const link = options.byLink ? `${LINK_PREFIX}${randomBytes(32).toString('base64url')}` : null;
    await tx.tokenDeliveries.insert(delivery, link ? digestToken(pepper, link) : null);
    return { delivery, link };
  }

  /** Gives the token a fresh secret of its kind; the old one verifies until `graceHours` have passed. */
  async function newSecretIn(tx: Stores, token: Token, graceHours: number): Promise<string> {
    const parsed = generateToken(token.kind);
    const oldDigest = await tx.tokens.digestOf(token.orgId, token.id);
    const until = new Date(clock().getTime() + graceHours * HOUR_MS);
    await tx.tokens.replaceDigest(token.orgId, token.id, digestToken(pepper, parsed.secret), parsed.displayPrefix, graceHours > 0 && oldDigest ? { digest: oldDigest, until } : null);
    return parsed.secret;
  }

  /** Rotation of an active token, in the caller's transaction. */
  async function rotateIn(tx: Stores, token: Token, graceHours: number, actor: AuditActor): Promise<{ token: Token; secret: string }> {
    if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
      throw new DomainError('VALIDATION_FAILED', `gracePeriodHours must be a whole number from 0 to ${MAX_GRACE_HOURS}.`);
    }
    const unusable = tokenUnusableReason(token, clock());
    if (unusable === 'REVOKED' || unusable === 'EXPIRED') throw new DomainError('CONFLICT', `The token is ${unusable.toLowerCase()}: issue a new one instead.`);
    const secret = await newSecretIn(tx, token, graceHours);
    await audit(tx, token.orgId, actor, 'token.rotated', token.id, { gracePeriodHours: graceHours });
    const updated = (await tx.tokens.findById(token.orgId, token.id))!;
    const now = clock();
    await tx.events.record({
      orgId: token.orgId,
      type: 'token.rotated',
      payload: {
        token: tokenRef(updated),
        actor: actorRef(actor),
        gracePeriodHours: graceHours,
        previousSecretValidUntil: graceHours > 0 ? new Date(now.getTime() + graceHours * HOUR_MS).toISOString() : null,
      },
      occurredAt: now,
    });
    return { token: updated, secret };
  }

  /**
   * Redeems a delivery exactly once: the token's real secret is born now and returned. Gone when
   * redeemed before or older than 7 days (the token then keeps a secret nobody knows, until the
   * `unretrieved-revoke` job revokes it).
   */
  async function redeemIn(tx: Stores, delivery: TokenDelivery, actor: AuditActor): Promise<{ token: Token; secret: string }> {
    const now = clock();
    if (delivery.redeemedAt !== null || delivery.expiresAt.getTime() <= now.getTime()) throw new DomainError('DELIVERY_GONE');
    if (!(await tx.tokenDeliveries.redeem(delivery.id, now))) throw new DomainError('DELIVERY_GONE');
    const token = await tx.tokens.findById(delivery.orgId, delivery.tokenId);
    if (!token || tokenUnusableReason(token, now) === 'REVOKED') throw new DomainError('DELIVERY_GONE', 'The token was revoked before it was retrieved.');
    const secret = await newSecretIn(tx, token, 0);
    await audit(tx, delivery.orgId, actor, 'token.delivered', token.id, { deliveryId: delivery.id, requestId: delivery.requestId });
    return { token: (await tx.tokens.findById(delivery.orgId, delivery.tokenId))!, secret };
  }

  async function mustFindToken(tx: Stores, orgId: string, tokenId: string): Promise<Token> {
    const token = await tx.tokens.findById(orgId, tokenId);
    if (!token) throw new DomainError('TOKEN_NOT_FOUND');
    return token;
  }

  return {
    issueWithinPolicyIn,
    createDeliveryIn,
    rotateIn,
    redeemIn,

    /** POST .../tokens: central issuance by an admin. */
    async issueToken(caller: Caller, orgId: string, input: IssueInput): Promise<IssuedResult> {
      authorizeOrgAccess(caller.principal, orgId, 'write:tokens:admin');
      const byLink = input.delivery === 'link';
      if (byLink && input.owner.type !== 'user') throw new DomainError('VALIDATION_FAILED', 'Only a user can receive a token through a one-time link.');
      const actor: AuditActor = { ...actorOf(caller.principal), ip: caller.ip };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const issued = await issueWithinPolicyIn(tx, orgId, {
          owner: input.owner,
          label: input.label,
          scopes: input.scopes,
          lifetimeDays: input.expiresInDays,
          createdBy: principalId(caller.principal),
          audit: actor,
          purpose: { purpose: input.purpose, tags: input.tags },
        });
        if (!byLink) return { token: issued.token, secret: issued.secret, delivery: null };
        const { delivery, link } = await createDeliveryIn(tx, issued.token, input.owner.id, { byLink: true });
        await audit(tx, orgId, actor, 'token.delivery_link_created', issued.token.id, { deliveryId: delivery.id, recipientUserId: input.owner.id, expiresAt: delivery.expiresAt.toISOString() });
        return { token: issued.token, secret: null, delivery: { id: delivery.id, link: link!, expiresAt: delivery.expiresAt } };
      });
    },

    /** DELETE .../tokens/{tokenId}: revokes one token of the org (any kind) with a reason. Idempotent. */
    async revokeToken(caller: Caller, orgId: string, tokenId: string, reason: string | null): Promise<Token> {
      authorizeOrgAccess(caller.principal, orgId, 'delete:tokens:admin');
      const revoked = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const token = await mustFindToken(tx, orgId, tokenId);
        const cleanReason = reason?.trim().slice(0, 500) || null;
        const now = clock();
        if (await tx.tokens.revoke(orgId, tokenId, principalId(caller.principal), cleanReason, now)) {
          await audit(tx, orgId, { ...actorOf(caller.principal), ip: caller.ip }, 'token.revoked', tokenId, { reason: cleanReason, kind: token.kind });
          await recordRevocations(tx, orgId, [tokenId], actorRef(actorOf(caller.principal)), cleanReason ?? 'revoked by an admin', now);
        }
        return (await tx.tokens.findById(orgId, tokenId))!;
      });
      deps.bus?.tokensChanged(orgId, [tokenId]);
      return revoked;
    },

    /**
     * POST .../tokens/revoke: revokes up to 1000 tokens of the org in one transaction, each audited
     * as the single revoke is. Ids the org does not hold are reported, not fatal; revoked ones stay.
     */
    async revokeTokens(caller: Caller, orgId: string, tokenIds: readonly string[], reason: string | null): Promise<{ revoked: string[]; alreadyRevoked: string[]; notFound: string[] }> {
      authorizeOrgAccess(caller.principal, orgId, 'delete:tokens:admin');
      const ids = [...new Set(tokenIds)];
      if (ids.length > 1000) throw new DomainError('VALIDATION_FAILED', 'At most 1000 tokens per request.');
      const cleanReason = reason?.trim().slice(0, 500) || null;
      const actor = actorOf(caller.principal);
      const result = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        const found = await tx.tokens.findByIds(orgId, ids);
        const revokedNow = await tx.tokens.revokeMany(orgId, [...found.keys()], principalId(caller.principal), cleanReason, now);
        const revoked = ids.filter((id) => revokedNow.has(id));
        const alreadyRevoked = ids.filter((id) => found.has(id) && !revokedNow.has(id));
        await recordRevocations(tx, orgId, revoked, actorRef(actor), cleanReason ?? 'revoked by an admin', now);
        // The audit chain's lock is taken last, after the token writes; one entry per token, as a single revoke.
        await tx.audit.appendMany(
          revoked.map((id) => auditEntry({ orgId, ...actor, ip: caller.ip, action: 'token.revoked', targetType: 'token', targetId: id, details: { reason: cleanReason, kind: found.get(id)!.kind } }, clock)),
        );
        return { revoked, alreadyRevoked, notFound: ids.filter((id) => !found.has(id)) };
      });
      if (result.revoked.length > 0) deps.bus?.tokensChanged(orgId, result.revoked);
      return result;
    },

    /** POST .../tokens/{tokenId}/rotate: a new secret for the same token id. */
    async rotateToken(caller: Caller, orgId: string, tokenId: string, graceHours: number): Promise<{ token: Token; secret: string }> {
      authorizeOrgAccess(caller.principal, orgId, 'write:tokens:admin');
      const rotated = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        return rotateIn(tx, await mustFindToken(tx, orgId, tokenId), graceHours, { ...actorOf(caller.principal), ip: caller.ip });
      });
      // The old secret's cached answer goes; within the grace period it is looked up again and matches.
      deps.bus?.tokensChanged(orgId, [tokenId]);
      return rotated;
    },

    /** A member redeems a delivery link (once, within 7 days); only its recipient may. */
    async redeemDeliveryLink(orgId: string, userId: string, link: string, ip: string | null): Promise<{ token: Token; secret: string }> {
      if (typeof link !== 'string' || !link.startsWith(LINK_PREFIX) || link.length > 100) throw new DomainError('DELIVERY_GONE');
      const digest = digestToken(pepper, link);
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const found = await tx.tokenDeliveries.findByLinkDigest(digest);
        if (!found || !digestsEqual(found.linkDigest, digest) || found.delivery.orgId !== orgId || found.delivery.recipientUserId !== userId) {
          throw new DomainError('DELIVERY_GONE');
        }
        return redeemIn(tx, found.delivery, { actorType: 'user', actorId: userId, ip });
      });
    },
  };
}

export type IssuanceService = ReturnType<typeof createIssuanceService>;
