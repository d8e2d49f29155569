/**
 * Token requests and their approval (docs/policies.md "Approvals"). A member files a
 * request within their policy; an approver narrows and approves it (the token is created then,
 * with a secret nobody has seen) or denies it with a reason; the requester retrieves the secret
 * exactly once within 7 days. Nobody decides their own request. Every step is audited with the
 * actions the automation issue turns into mail and webhooks: `approval.requested`,
 * `approval.decided`, `token.created`, `token.delivered`.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Token } from '../domain/models.js';
import { grantWithinPolicy } from '../domain/policy-enforcement.js';
import { decideCreation, selfCreationPathFor } from '../domain/policy-creation.js';
import { actorOf, authorizeOrgAccess, principalId } from '../domain/principal.js';
import { assertKnownScopes } from '../domain/scope-catalogue.js';
import { assertPurposeWithinPolicy, cleanPurpose } from '../domain/token-purpose.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { approvalRouteOf, type TokenRequest, type TokenRequestStatus } from '../domain/token-request.js';
import { auditEntry } from './audit-service.js';
import { cleanLabel, type AuditActor, type IssuanceService } from './issuance-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { Caller } from './user-directory-service.js';

export interface NewTokenRequest {
  label: string;
  scopes: readonly string[];
  lifetimeDays?: number | undefined;
  justification?: string | undefined;
  purpose?: string | undefined;
  tags?: string[] | undefined;
}

export interface Approval {
  /** Narrower scopes than requested; unset keeps the requested ones. */
  scopes?: readonly string[] | undefined;
  /** A shorter lifetime than requested; unset keeps the requested one. */
  lifetimeDays?: number | undefined;
  reason?: string | undefined;
}

/** Who decides a request: the person (null when none is on record, e.g. a CLI key), as recorded, and the audit actor. */
export interface Decider {
  userId: string | null;
  recordedAs: string;
  actor: AuditActor;
}

/** A denial's reason, required: the requester is told why. */
export function reasonOfDenial(reason: string): string {
  const why = reason.trim().slice(0, 2000);
  if (why.length === 0) throw new DomainError('VALIDATION_FAILED', 'A denial needs a reason.');
  return why;
}

export interface ApprovalServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  issuance: IssuanceService;
}

export function createApprovalService(deps: ApprovalServiceDeps) {
  const { db, clock, cursorKey, issuance } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, orgId: string, actor: AuditActor, action: string, requestId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actor, action, targetType: 'token_request', targetId: requestId, details }, clock));
  }

  async function mustFindPending(tx: Stores, orgId: string, requestId: string): Promise<TokenRequest> {
    const request = await tx.tokenRequests.findById(orgId, requestId);
    if (!request) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
    if (request.status !== 'pending') throw new DomainError('CONFLICT', `The request was ${request.status} already.`);
    return request;
  }

  /**
   * The person deciding: an admin key acts for the user who made it, following keys made by keys
   * (their `createdBy` is the parent key's id) up to the person. Refuses a decision on a request
   * that person filed (SELF_APPROVAL_FORBIDDEN). Null when no person is on record (a CLI key).
   * A signed-in approver is that person.
   */
  async function deciderOf(tx: Stores, caller: Caller, request: TokenRequest): Promise<string | null> {
    const principal = caller.principal;
    let createdBy: string | null = principal.kind === 'user_session' ? principal.userId : principal.kind === 'admin_key' ? principal.tokenId : null;
    for (let depth = 0; depth < 10 && createdBy !== null && createdBy.startsWith('tok_'); depth += 1) {
      createdBy = (await tx.tokens.findById(request.orgId, createdBy))?.createdBy ?? null;
    }
    const userId = createdBy !== null && !createdBy.startsWith('tok_') ? createdBy : null;
    if (userId !== null && userId === request.requesterId) throw new DomainError('SELF_APPROVAL_FORBIDDEN', 'Nobody may decide their own token request: another approver must.');
    return userId;
  }

  /** Who decides, as recorded: the person (null: none on record) and the audit actor. */
  async function adminDecider(tx: Stores, caller: Caller, request: TokenRequest): Promise<Decider> {
    const userId = await deciderOf(tx, caller, request);
    return { userId, recordedAs: userId ?? principalId(caller.principal), actor: { ...actorOf(caller.principal), ip: caller.ip } };
  }

  /** Approves a pending request in the caller's transaction (the decider already checked). */
  async function approveIn(tx: Stores, request: TokenRequest, decider: Decider, approval: Approval): Promise<{ request: TokenRequest; token: Token }> {
    const { orgId, id: requestId } = request;
    const scopes = approval.scopes ? [...new Set(approval.scopes)] : request.scopes;
    const widened = scopes.filter((s) => !request.scopes.includes(s));
    if (widened.length > 0) throw new DomainError('VALIDATION_FAILED', `An approver may only narrow the requested scopes; not requested: ${widened.join(', ')}.`);
    if (scopes.length === 0) throw new DomainError('VALIDATION_FAILED', 'Approve at least one scope, or deny the request.');
    const lifetimeDays = approval.lifetimeDays ?? request.lifetimeDays;
    if (lifetimeDays > request.lifetimeDays) throw new DomainError('VALIDATION_FAILED', `An approver may only shorten the lifetime (requested: ${request.lifetimeDays} days).`);
    const issued = await issuance.issueWithinPolicyIn(tx, orgId, {
      owner: { type: 'user', id: request.requesterId },
      label: request.label,
      scopes,
      lifetimeDays,
      createdBy: decider.recordedAs,
      audit: decider.actor,
      purpose: { purpose: request.purpose, tags: request.tags },
    });
    await issuance.createDeliveryIn(tx, issued.token, request.requesterId, { requestId, byLink: false });
    const now = clock();
    const reason = approval.reason?.trim().slice(0, 2000) || null;
    const decided = await tx.tokenRequests.decide(orgId, requestId, { status: 'approved', decidedBy: decider.recordedAs, at: now, reason, grantedScopes: issued.token.scopes, grantedLifetimeDays: lifetimeDays, tokenId: issued.token.id });
    if (!decided) throw new DomainError('CONFLICT', 'The request was decided by someone else meanwhile.');
    await audit(tx, orgId, decider.actor, 'approval.decided', requestId, {
      decision: 'approved',
      requesterId: request.requesterId,
      deciderUserId: decider.userId,
      reason,
      grantedScopes: issued.token.scopes,
      grantedLifetimeDays: lifetimeDays,
      narrowed: issued.token.scopes.length < request.scopes.length || lifetimeDays < request.lifetimeDays,
      tokenId: issued.token.id,
    });
    await tx.events.record({ orgId, type: 'approval.decided', payload: { approvalId: requestId, decision: 'approved', deciderId: decider.recordedAs }, occurredAt: now });
    return { request: (await tx.tokenRequests.findById(orgId, requestId))!, token: issued.token };
  }

  /** Denies a pending request in the caller's transaction; `why` already cleaned (reasonOfDenial). */
  async function denyIn(tx: Stores, request: TokenRequest, decider: Decider, why: string): Promise<TokenRequest> {
    const { orgId, id: requestId } = request;
    if (!(await tx.tokenRequests.decide(orgId, requestId, { status: 'denied', decidedBy: decider.recordedAs, at: clock(), reason: why }))) {
      throw new DomainError('CONFLICT', 'The request was decided by someone else meanwhile.');
    }
    await audit(tx, orgId, decider.actor, 'approval.decided', requestId, { decision: 'denied', requesterId: request.requesterId, deciderUserId: decider.userId, reason: why });
    await tx.events.record({ orgId, type: 'approval.decided', payload: { approvalId: requestId, decision: 'rejected', deciderId: decider.recordedAs }, occurredAt: clock() });
    return (await tx.tokenRequests.findById(orgId, requestId))!;
  }

  function list(orgId: string, filter: { status?: TokenRequestStatus | undefined; requesterId?: string | undefined }, query: PageQuery): Promise<Page<TokenRequest>> {
    const fingerprint = queryFingerprint({ resource: 'token-requests', orgId, ...filter });
    const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
    return stores.tokenRequests.list(orgId, filter, request).then((result) => pageOf(cursorKey, fingerprint, body, result));
  }

  return {
    /** A member files a request (service function of `POST /api/v1/me/token-requests`). */
    async fileRequest(orgId: string, userId: string, input: NewTokenRequest, ip: string | null): Promise<TokenRequest> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const user = await tx.users.findById(orgId, userId);
        if (!user) throw new DomainError('USER_NOT_FOUND');
        if (user.status !== 'active') throw new DomainError('CONFLICT', 'The user is deactivated.');
        const now = clock();
        const { enforceable, catalogue } = await resolvePolicyOf(tx, orgId, { type: 'user', id: userId }, now);
        selfCreationPathFor(enforceable, decideCreation(enforceable, catalogue, input.scopes));
        assertKnownScopes(input.scopes, catalogue);
        const grant = grantWithinPolicy(enforceable, { scopes: input.scopes, lifetimeDays: input.lifetimeDays });
        const justification = input.justification?.trim().slice(0, 2000) || null;
        const purpose = cleanPurpose(input);
        assertPurposeWithinPolicy(enforceable, purpose.purpose);
        if (enforceable.rule.requireJustification && justification === null) {
          throw new DomainError('JUSTIFICATION_REQUIRED', `The policy "${enforceable.policyName}" requires a justification: say what the token is for.`);
        }
        const request: TokenRequest = {
          id: newId('treq'),
          orgId,
          requesterId: userId,
          label: cleanLabel(input.label),
          scopes: grant.scopes,
          lifetimeDays: grant.lifetimeDays,
          justification,
          policyId: enforceable.policyId,
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          decisionReason: null,
          grantedScopes: null,
          grantedLifetimeDays: null,
          tokenId: null,
          createdAt: now,
          purpose: purpose.purpose,
          tags: purpose.tags,
        };
        await tx.tokenRequests.insert(request);
        await audit(tx, orgId, { actorType: 'user', actorId: userId, ip }, 'approval.requested', request.id, {
          requesterId: userId,
          label: request.label,
          scopes: request.scopes,
          lifetimeDays: request.lifetimeDays,
          policyId: request.policyId,
        });
        // The outbox: the approvers it is routed to get mail (approval-recipients), webhooks get the event with that route.
        const route = approvalRouteOf((await tx.groupApprovers.groupsOfUsers(orgId, [userId])).get(userId) ?? []);
        await tx.events.record({
          orgId,
          type: 'approval.requested',
          payload: { approvalId: request.id, requesterId: userId, summary: `${request.label}: ${request.scopes.join(', ')} for ${request.lifetimeDays} days`, approverIds: route.to === 'group' ? route.approverIds : [] },
          occurredAt: now,
        });
        return request;
      });
    },

    /** The approvers' queue: the org's requests, oldest first, `status` pending by default. */
    async listRequests(caller: Caller, orgId: string, query: PageQuery & { status?: TokenRequestStatus | undefined }): Promise<Page<TokenRequest>> {
      authorizeOrgAccess(caller.principal, orgId, 'read:token-requests:admin');
      return list(orgId, { status: query.status ?? 'pending' }, query);
    },

    /** A member's own requests, every status. */
    async listOwnRequests(orgId: string, userId: string, query: PageQuery): Promise<Page<TokenRequest>> {
      return list(orgId, { requesterId: userId }, query);
    },

    /**
     * Approves, possibly narrowing scopes and lifetime, within the requester's policy as it is now
     * (it may have tightened since the request was filed). The token is created now; the requester
     * retrieves its secret once.
     */
    async approve(caller: Caller, orgId: string, requestId: string, approval: Approval): Promise<{ request: TokenRequest; token: Token }> {
      authorizeOrgAccess(caller.principal, orgId, 'approve:token-requests:admin');
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const request = await mustFindPending(tx, orgId, requestId);
        return approveIn(tx, request, await adminDecider(tx, caller, request), approval);
      });
    },

    /** Denies with a reason (required: the requester is told why). */
    async deny(caller: Caller, orgId: string, requestId: string, reason: string): Promise<TokenRequest> {
      authorizeOrgAccess(caller.principal, orgId, 'approve:token-requests:admin');
      const why = reasonOfDenial(reason);
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const request = await mustFindPending(tx, orgId, requestId);
        return denyIn(tx, request, await adminDecider(tx, caller, request), why);
      });
    },

    mustFindPending,
    approveIn,
    denyIn,

    /** The requester retrieves the approved token's secret: once, within 7 days of the approval. */
    async retrieveApprovedToken(orgId: string, userId: string, requestId: string, ip: string | null): Promise<{ token: Token; secret: string }> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const request = await tx.tokenRequests.findById(orgId, requestId);
        if (!request || request.requesterId !== userId) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
        if (request.status !== 'approved') throw new DomainError('CONFLICT', `The request is ${request.status}: there is no token to retrieve.`);
        const delivery = await tx.tokenDeliveries.findByRequest(orgId, requestId);
        if (!delivery) throw new DomainError('DELIVERY_GONE');
        return issuance.redeemIn(tx, delivery, { actorType: 'user', actorId: userId, ip });
      });
    },
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
