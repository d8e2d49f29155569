/**
 * Approvals where the team is (docs/policies.md "Approvals"): each group may name its approvers
 * (team leads); a request reaches the approvers of the requester's groups, and only when none of
 * those groups has approvers does it reach the org's approvers (people whose role approves). An
 * approver sees, with each request, the requester's groups, effective policy, existing tokens and
 * each requested scope's class and description; decides one request or many with one reason; a
 * requester may cancel their pending request. The admin queue (approval-service) stays the org's
 * override: holders of the approve admin scope may decide any request.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { tokenUnusableReason, type Token, type User } from '../domain/models.js';
import { decideCreation, type CreationDecision } from '../domain/policy-creation.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { adminScopesOfRole } from '../domain/roles.js';
import { approvalRouteOf, type ApprovalRoute, type TokenRequest } from '../domain/token-request.js';
import type { RequesterGroup } from '../store/group-approver-store.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { reasonOfDenial, type Approval, type ApprovalService, type Decider } from './approval-service.js';
import { auditEntry } from './audit-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import { resolvePolicyOf, type ResolvedPolicy } from './policy-setup.js';
import type { Caller } from './user-directory-service.js';

/** At most this many requests in one bulk decision. */
export const MAX_BULK_DECISIONS = 100;
const EXISTING_TOKENS_SHOWN = 200;

export interface RequestContext {
  requester: Pick<User, 'id' | 'name' | 'email' | 'status'> | null;
  groups: RequesterGroup[];
  /** Who the request reaches: its requester's groups' approvers, or the org's approvers. */
  route: ApprovalRoute;
  policy: ResolvedPolicy;
  /** The requested scopes explained: class, description, the class's creation mode. */
  decision: CreationDecision;
  /** The requester's tokens in use now (active, not expired). */
  existingTokens: Token[];
}

export type BulkOutcome = { id: string; status: 'approved' | 'denied' } | { id: string; status: 'failed'; code: string; detail: string };

export interface TeamApprovalServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  approvals: ApprovalService;
}

const mayApproveAsOrg = (user: User) => adminScopesOfRole(user.role).includes('approve:token-requests:admin');

const routeOf = (groups: readonly RequesterGroup[]): ApprovalRoute => approvalRouteOf(groups);

export function createTeamApprovalService(deps: TeamApprovalServiceDeps) {
  const { db, clock, cursorKey, approvals } = deps;
  const stores = createStores(db);

  async function activeUser(tx: Stores, orgId: string, userId: string): Promise<User> {
    const user = await tx.users.findById(orgId, userId);
    if (!user) throw new DomainError('USER_NOT_FOUND');
    if (user.status !== 'active') throw new DomainError('CONFLICT', 'The user is deactivated.');
    return user;
  }

  /** Whether `approver` decides `request`: its route names them, or it goes to the org and their role approves. */
  async function isRoutedTo(tx: Stores, approver: User, request: TokenRequest): Promise<boolean> {
    const groups = (await tx.groupApprovers.groupsOfUsers(request.orgId, [request.requesterId])).get(request.requesterId) ?? [];
    const route = routeOf(groups);
    return route.to === 'group' ? route.approverIds.includes(approver.id) : mayApproveAsOrg(approver);
  }

  /** The pending request, when `userId` may decide it; the same "not found" otherwise, so nothing leaks. */
  async function routedPending(tx: Stores, orgId: string, userId: string, requestId: string): Promise<{ approver: User; request: TokenRequest }> {
    const approver = await activeUser(tx, orgId, userId);
    const request = await tx.tokenRequests.findById(orgId, requestId);
    if (!request || request.requesterId === userId || !(await isRoutedTo(tx, approver, request))) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
    if (request.status !== 'pending') throw new DomainError('CONFLICT', `The request was ${request.status} already.`);
    return { approver, request };
  }

  const memberDecider = (userId: string, ip: string | null): Decider => ({ userId, recordedAs: userId, actor: { actorType: 'user', actorId: userId, ip } });

  async function contextOf(tx: Stores, request: TokenRequest): Promise<RequestContext> {
    const requester = await tx.users.findById(request.orgId, request.requesterId);
    const groups = (await tx.groupApprovers.groupsOfUsers(request.orgId, [request.requesterId])).get(request.requesterId) ?? [];
    const policy = await resolvePolicyOf(tx, request.orgId, { type: 'user', id: request.requesterId }, clock());
    const now = clock();
    const owned = await tx.tokens.listOfOwner(request.orgId, { type: 'user', id: request.requesterId }, { limit: EXISTING_TOKENS_SHOWN });
    return {
      requester: requester ? { id: requester.id, name: requester.name, email: requester.email, status: requester.status } : null,
      groups,
      route: routeOf(groups),
      policy,
      decision: decideCreation(policy.enforceable, policy.catalogue, request.scopes),
      existingTokens: owned.items.filter((t) => tokenUnusableReason(t, now) === null),
    };
  }

  /** Decides several requests with one reason, each in its own transaction; failures are answered per request. */
  async function decideEach(ids: readonly string[], decideOne: (id: string) => Promise<'approved' | 'denied'>): Promise<BulkOutcome[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > MAX_BULK_DECISIONS) throw new DomainError('VALIDATION_FAILED', `Name 1-${MAX_BULK_DECISIONS} requests.`);
    const outcomes: BulkOutcome[] = [];
    for (const id of unique) {
      try {
        outcomes.push({ id, status: await decideOne(id) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ id, status: 'failed', code: error.code, detail: error.detail });
      }
    }
    return outcomes;
  }

  async function approveAsMember(orgId: string, userId: string, requestId: string, approval: Approval, ip: string | null): Promise<TokenRequest> {
    return db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const { request } = await routedPending(tx, orgId, userId, requestId);
      return (await approvals.approveIn(tx, request, memberDecider(userId, ip), approval)).request;
    });
  }

  async function denyAsMember(orgId: string, userId: string, requestId: string, reason: string, ip: string | null): Promise<TokenRequest> {
    const why = reasonOfDenial(reason);
    return db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const { request } = await routedPending(tx, orgId, userId, requestId);
      return approvals.denyIn(tx, request, memberDecider(userId, ip), why);
    });
  }

  return {
    async listGroupApprovers(caller: Caller, orgId: string, groupId: string): Promise<string[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      if (!(await stores.groups.findById(orgId, groupId))) throw new DomainError('GROUP_NOT_FOUND');
      return stores.groupApprovers.listOfGroup(groupId);
    },

    /** Makes the group's approvers exactly `userIds` (active people of the org; any role). */
    async setGroupApprovers(caller: Caller, orgId: string, groupId: string, userIds: readonly string[]): Promise<string[]> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const unique = [...new Set(userIds)];
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.groups.lockById(orgId, groupId))) throw new DomainError('GROUP_NOT_FOUND');
        for (const userId of unique) {
          const user = await tx.users.findById(orgId, userId);
          if (!user || user.status !== 'active') throw new DomainError('VALIDATION_FAILED', `Not an active person of this organization: ${userId.slice(0, 64)}.`);
        }
        await tx.groupApprovers.replace(orgId, groupId, unique, clock());
        await tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'group.approvers_changed', targetType: 'group', targetId: groupId, details: { approverIds: unique } }, clock));
      });
      return stores.groupApprovers.listOfGroup(groupId);
    },

    /** The pending requests the person decides (their groups', and the org's unrouted ones when their role approves), oldest first. */
    async myQueue(orgId: string, userId: string, query: PageQuery): Promise<Page<TokenRequest>> {
      const approver = await activeUser(stores, orgId, userId);
      const fingerprint = queryFingerprint({ resource: 'my-approvals', orgId, userId });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      const condition = stores.groupApprovers.routedTo(orgId, userId, mayApproveAsOrg(approver));
      const result = await stores.tokenRequests.list(orgId, { status: 'pending', routed: { approverId: userId, condition } }, request);
      return pageOf(cursorKey, fingerprint, body, result);
    },

    /** One request routed to the person, with the requester's context. */
    async requestForApprover(orgId: string, userId: string, requestId: string): Promise<{ request: TokenRequest; context: RequestContext }> {
      const approver = await activeUser(stores, orgId, userId);
      const request = await stores.tokenRequests.findById(orgId, requestId);
      if (!request || request.requesterId === userId || !(await isRoutedTo(stores, approver, request))) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
      return { request, context: await contextOf(stores, request) };
    },

    /** Admin view of one request, with the requester's context. */
    async requestForAdmin(caller: Caller, orgId: string, requestId: string): Promise<{ request: TokenRequest; context: RequestContext }> {
      authorizeOrgAccess(caller.principal, orgId, 'read:token-requests:admin');
      const request = await stores.tokenRequests.findById(orgId, requestId);
      if (!request) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
      return { request, context: await contextOf(stores, request) };
    },

    approveAsMember,
    denyAsMember,

    /** Bulk decision by a team approver: approve as requested, or deny, with one reason. */
    async decideManyAsMember(orgId: string, userId: string, input: { requestIds: readonly string[]; decision: 'approve' | 'deny'; reason: string }, ip: string | null): Promise<BulkOutcome[]> {
      const why = input.decision === 'deny' ? reasonOfDenial(input.reason) : input.reason;
      return decideEach(input.requestIds, async (id) =>
        input.decision === 'approve'
          ? ((await approveAsMember(orgId, userId, id, { reason: why }, ip)).status as 'approved')
          : ((await denyAsMember(orgId, userId, id, why, ip)).status as 'denied'),
      );
    },

    /** Bulk decision on the admin queue. */
    async decideManyAsAdmin(caller: Caller, orgId: string, input: { requestIds: readonly string[]; decision: 'approve' | 'deny'; reason: string }): Promise<BulkOutcome[]> {
      authorizeOrgAccess(caller.principal, orgId, 'approve:token-requests:admin');
      const why = input.decision === 'deny' ? reasonOfDenial(input.reason) : input.reason;
      return decideEach(input.requestIds, async (id) =>
        input.decision === 'approve' ? ((await approvals.approve(caller, orgId, id, { reason: why })).request.status as 'approved') : ((await approvals.deny(caller, orgId, id, why)).status as 'denied'),
      );
    },

    /** The requester withdraws their pending request. */
    async cancelOwn(orgId: string, userId: string, requestId: string, ip: string | null): Promise<TokenRequest> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const request = await tx.tokenRequests.findById(orgId, requestId);
        if (!request || request.requesterId !== userId) throw new DomainError('TOKEN_REQUEST_NOT_FOUND');
        if (!(await tx.tokenRequests.cancel(orgId, requestId, userId, clock()))) throw new DomainError('CONFLICT', `The request was ${request.status} already.`);
        await tx.audit.append(auditEntry({ orgId, actorType: 'user', actorId: userId, ip, action: 'approval.cancelled', targetType: 'token_request', targetId: requestId, details: { requesterId: userId } }, clock));
        return (await tx.tokenRequests.findById(orgId, requestId))!;
      });
    },
  };
}

export type TeamApprovalService = ReturnType<typeof createTeamApprovalService>;
