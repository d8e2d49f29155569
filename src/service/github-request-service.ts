/**
 * GitHub's fine-grained token requests under Tokenward policy. Each pending request is held
 * against its owner's effective policy (or the connector's policy for owners outside the
 * directory): allowed ones are approved on GitHub, blocked ones denied with a reason naming the
 * policy, the rest wait in Tokenward's approvals queue until an approver decides, and that
 * decision is sent to GitHub. Decisions go up in GitHub's bulk calls (at most 100 ids each).
 *
 * Requests arrive by the `personal_access_token_request` webhook (signature checked before
 * anything is read) and by polling with every sync, the backstop for a missed delivery. A
 * decision is recorded only once GitHub accepted it; a refused one leaves the request as it was.
 */
import { verify } from '@octokit/webhooks-methods';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { clip, type Connector, type ExternalRequest, type ExternalRequestStatus, type UpstreamRequest } from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import { batchesOf, decideGithubRequest, GITHUB_BATCH, MAX_REVIEW_REASON, parseGithubAppCredential, type GoverningPolicy, type RequestDecision } from '../domain/github-connector.js';
import { actorOf, authorizeOrgAccess, principalId, type Principal } from '../domain/principal.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry, type AuditInput } from './audit-service.js';
import type { ConnectorClientOptions } from './connectors/connector-types.js';
import { createGithubConnector, requestOf, type GithubClient } from './connectors/github-connector.js';
import { resolvePolicyOf } from './policy-setup.js';

export interface GithubRequestDeps {
  db: Kysely<Database>;
  clock: Clock;
  credentials: SecretBox;
  client?: ConnectorClientOptions | undefined;
  log?: (fields: Record<string, unknown>, message: string) => void;
}

export interface Caller {
  principal: Principal;
  ip: string | null;
}

/** What a webhook delivery did. */
export interface WebhookOutcome {
  handled: boolean;
  detail: string;
}

/** Requests listed per answer of the queue. */
export const MAX_LISTED_REQUESTS = 1000;

/** A request as an approver sees it: with its connector's name and the directory person it was matched to. */
export interface RequestView {
  request: ExternalRequest;
  connectorName: string;
  person: { id: string; name: string; email: string } | null;
}

const SYSTEM = 'github';
const POLICY_ACTOR = { actorType: 'system', actorId: 'policy', ip: null } as const;

/** A review sent with one reason: one GitHub call per group of at most 100. */
interface ReviewGroup {
  action: 'approve' | 'deny';
  reason: string;
  decision: RequestDecision;
  requests: ExternalRequest[];
}

export function createGithubRequestService(deps: GithubRequestDeps) {
  const { db, clock } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, entry: Omit<AuditInput, 'targetType'>) {
    return tx.audit.append(auditEntry({ ...entry, targetType: 'external_token_request' }, clock));
  }

  async function openCredential(connectorId: string) {
    const found = await stores.connectors.findWithSecret(connectorId);
    if (!found || found.connector.type !== 'github') return null;
    const text = deps.credentials.open(found.credentialSealed);
    if (text === null) throw new DomainError('VALIDATION_FAILED', 'The stored credential cannot be opened with this server\'s key; enter the credential again.');
    return { connector: found.connector, text };
  }

  async function clientOf(connector: Connector): Promise<GithubClient> {
    const opened = await openCredential(connector.id);
    if (!opened) throw new DomainError('CONNECTOR_NOT_FOUND');
    return createGithubConnector({ baseUrl: connector.baseUrl, upstreamOrgId: connector.upstreamOrgId, credential: opened.text }, deps.client ?? {});
  }

  /** Directory owners of requests: a linked login first, then a public e-mail. */
  async function withOwners(orgId: string, requests: readonly UpstreamRequest[]) {
    const linked = await stores.externalRequests.userIdsByLogin(orgId, SYSTEM, requests.map((r) => r.owner?.name ?? ''));
    const byEmail = await stores.externalTokens.userIdsByEmail(orgId, requests.map((r) => r.owner?.email ?? ''));
    return requests.map((request) => ({
      request,
      ownerUserId: request.owner ? (linked.get(request.owner.name.toLowerCase()) ?? byEmail.get(request.owner.email.toLowerCase()) ?? null) : null,
    }));
  }

  /** The policy of each owner, resolved once per owner. */
  async function governingOf(connector: Connector, requests: readonly ExternalRequest[]): Promise<Map<string, GoverningPolicy | null>> {
    const now = clock();
    const out = new Map<string, GoverningPolicy | null>();
    let unmatched: GoverningPolicy | null = null;
    if (connector.unmatchedPolicyId) {
      const policy = await stores.policies.findById(connector.orgId, connector.unmatchedPolicyId);
      if (policy) unmatched = { policyId: policy.id, policyName: policy.name, rule: policy.rule };
    }
    for (const request of requests) {
      const key = request.ownerUserId ?? '';
      if (out.has(key)) continue;
      if (!request.ownerUserId) out.set(key, unmatched);
      else {
        const { enforceable } = await resolvePolicyOf(stores, connector.orgId, { type: 'user', id: request.ownerUserId }, now);
        out.set(key, { policyId: enforceable.policyId, policyName: enforceable.policyName, rule: enforceable.rule });
      }
    }
    return out;
  }

  /** Short words for GitHub (one per policy and outcome, so decisions batch); the full reason stays in Tokenward. */
  function upstreamReasonOf(decision: RequestDecision): string {
    return decision.reason.replace(/ \([^)]*\)\.$/, '.').slice(0, MAX_REVIEW_REASON);
  }

  /** Holds every undecided request of the connector against its policy and acts on the outcome. */
  async function decidePending(connector: Connector, client: GithubClient): Promise<{ approved: number; denied: number; queued: number }> {
    const pending = await stores.externalRequests.listByStatus(connector.id, ['pending'], 100_000);
    const governing = await governingOf(connector, pending);
    const groups = new Map<string, ReviewGroup>();
    const queued: Array<{ request: ExternalRequest; decision: RequestDecision }> = [];
    for (const request of pending) {
      const decision = decideGithubRequest(governing.get(request.ownerUserId ?? '') ?? null, request);
      if (decision.outcome === 'queue') {
        queued.push({ request, decision });
        continue;
      }
      const action = decision.outcome === 'approve' ? 'approve' : 'deny';
      const reason = upstreamReasonOf(decision);
      const key = `${action}\n${reason}`;
      const group = groups.get(key) ?? { action, reason, decision, requests: [] };
      group.requests.push(request);
      groups.set(key, group);
    }
    const counts = { approved: 0, denied: 0, queued: 0 };
    for (const group of groups.values()) {
      for (const batch of batchesOf(group.requests, GITHUB_BATCH)) {
        const answer = await client.review(batch.map((r) => r.externalId), group.action, group.reason);
        const at = clock();
        await db.transaction().execute(async (trx) => {
          const tx = createStores(trx);
          for (const request of batch) {
            const decision = decideGithubRequest(governing.get(request.ownerUserId ?? '') ?? null, request);
            const details = { connectorId: connector.id, externalId: request.externalId, owner: request.owner?.name ?? null, policyId: decision.policyId, reason: decision.reason, upstream: { status: answer.status, answer: answer.answer } };
            if (!answer.ok) {
              await audit(tx, { orgId: connector.orgId, ...POLICY_ACTOR, action: 'external_request.review_failed', targetId: request.id, details: { ...details, decision: group.action } });
              continue;
            }
            const moved = await tx.externalRequests.decide(
              [request.id],
              ['pending'],
              { status: group.action === 'approve' ? 'approved' : 'denied', policyId: decision.policyId, policyName: decision.policyName, policyReason: decision.reason, decidedBy: 'policy', reason: group.reason, upstreamStatus: answer.status, upstreamAnswer: answer.answer },
              at,
            );
            if (moved.length === 0) continue;
            counts[group.action === 'approve' ? 'approved' : 'denied'] += 1;
            await audit(tx, { orgId: connector.orgId, ...POLICY_ACTOR, action: 'external_request.decided', targetId: request.id, details: { ...details, decision: group.action === 'approve' ? 'approved' : 'denied', by: 'policy' } });
          }
        });
        if (!answer.ok) deps.log?.({ connectorId: connector.id, status: answer.status }, `GitHub refused a review: ${answer.answer}`);
      }
    }
    if (queued.length > 0) {
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const at = clock();
        for (const { request, decision } of queued) {
          const moved = await tx.externalRequests.decide([request.id], ['pending'], { status: 'queued', policyId: decision.policyId, policyName: decision.policyName, policyReason: decision.reason, decidedBy: null, reason: null, upstreamStatus: null, upstreamAnswer: null }, at);
          if (moved.length === 0) continue;
          counts.queued += 1;
          await audit(tx, { orgId: connector.orgId, ...POLICY_ACTOR, action: 'external_request.queued', targetId: request.id, details: { connectorId: connector.id, externalId: request.externalId, owner: request.owner?.name ?? null, policyId: decision.policyId, reason: decision.reason } });
          await tx.events.record({
            orgId: connector.orgId,
            type: 'approval.requested',
            payload: { approvalId: request.id, requesterId: request.ownerUserId ?? `github:${request.owner?.name ?? 'unknown'}`, summary: `GitHub token "${request.label}" of ${request.owner?.name ?? 'an unknown owner'}: ${request.scopes.join(', ') || 'no permissions listed'}` },
            occurredAt: at,
          });
        }
      });
    }
    return counts;
  }

  /** The person behind the caller (an admin key acts for the user who made it), or null. */
  async function deciderUserOf(orgId: string, principal: Principal): Promise<string | null> {
    let createdBy: string | null = principal.kind === 'user_session' ? principal.userId : principal.kind === 'admin_key' ? principal.tokenId : null;
    for (let depth = 0; depth < 10 && createdBy !== null && createdBy.startsWith('tok_'); depth += 1) {
      createdBy = (await stores.tokens.findById(orgId, createdBy))?.createdBy ?? null;
    }
    return createdBy !== null && !createdBy.startsWith('tok_') ? createdBy : null;
  }

  /** The connector names and matched people of requests: two queries, however many requests. */
  async function viewsOf(orgId: string, requests: readonly ExternalRequest[], connectors?: readonly Connector[]): Promise<RequestView[]> {
    const names = new Map((connectors ?? (await stores.connectors.listOfOrg(orgId))).map((c) => [c.id, c.name]));
    const people = await stores.users.findByIds(orgId, requests.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])));
    return requests.map((request) => {
      const user = request.ownerUserId ? people.get(request.ownerUserId) : undefined;
      return { request, connectorName: names.get(request.connectorId) ?? '', person: user ? { id: user.id, name: user.name, email: user.email } : null };
    });
  }

  return {
    viewsOf,

    /**
     * The org's GitHub requests in the given statuses across all its GitHub connectors, oldest
     * first: the approvers' queue, which needs no right to read the connectors themselves.
     */
    async queue(orgId: string, statuses: readonly ExternalRequestStatus[] = ['queued']): Promise<RequestView[]> {
      const connectors = (await stores.connectors.listOfOrg(orgId)).filter((c) => c.type === SYSTEM);
      const requests = await stores.externalRequests.listByStatus(connectors.map((c) => c.id), statuses, MAX_LISTED_REQUESTS);
      return viewsOf(orgId, requests, connectors);
    },

    /** Reads every pending request (a full pass), closes those GitHub no longer lists, decides the new ones. */
    async poll(connector: Connector): Promise<{ read: number; closed: number; approved: number; denied: number; queued: number }> {
      if (connector.type !== 'github') return { read: 0, closed: 0, approved: 0, denied: 0, queued: 0 };
      const client = await clientOf(connector);
      try {
        const listed = new Set<string>();
        let cursor: string | null = null;
        do {
          const page: { requests: UpstreamRequest[]; next: string | null } = await client.readRequestPage(cursor);
          await stores.externalRequests.upsertMany(connector.orgId, connector.id, await withOwners(connector.orgId, page.requests), clock());
          for (const r of page.requests) listed.add(r.externalId);
          cursor = page.next;
        } while (cursor !== null);
        const closed = await stores.externalRequests.closeUnlisted(connector.id, listed, clock(), 'No longer pending on GitHub: decided there or withdrawn.');
        return { read: listed.size, closed, ...(await decidePending(connector, client)) };
      } finally {
        await client.close();
      }
    },

    /**
     * A webhook delivery for the connector: refused (INVALID_SIGNATURE, nothing read or changed)
     * unless signed with the connector's webhook secret.
     */
    async handleWebhook(connectorId: string, raw: Buffer, headers: { signature: string | undefined; event: string | undefined }): Promise<WebhookOutcome> {
      const opened = await openCredential(connectorId);
      if (!opened) throw new DomainError('CONNECTOR_NOT_FOUND');
      const secret = parseGithubAppCredential(opened.text).webhookSecret;
      const body = raw.toString('utf8');
      const valid = secret !== null && headers.signature !== undefined && (await verify(secret, body, headers.signature).catch(() => false));
      if (!valid) throw new DomainError('INVALID_SIGNATURE', secret === null ? 'This connector has no webhook secret: set one to receive GitHub webhooks.' : 'The X-Hub-Signature-256 header is missing or does not match the body.');
      if (headers.event === 'ping') return { handled: true, detail: 'pong' };
      if (headers.event !== 'personal_access_token_request') return { handled: false, detail: 'Event ignored: only personal_access_token_request is used.' };
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(body) as Record<string, unknown>;
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'The webhook body is not JSON.');
      }
      const { connector } = opened;
      const orgLogin = (payload.organization as { login?: unknown } | undefined)?.login;
      if (typeof orgLogin === 'string' && orgLogin.toLowerCase() !== connector.upstreamOrgId.toLowerCase()) return { handled: false, detail: 'Event ignored: it is about another organization.' };
      const item = payload.personal_access_token_request;
      if (!item || typeof item !== 'object') throw new DomainError('VALIDATION_FAILED', 'The webhook has no personal_access_token_request object.');
      const request = requestOf(item as Record<string, unknown>);
      const action = String(payload.action ?? '');
      if (action === 'created') {
        await stores.externalRequests.upsertMany(connector.orgId, connector.id, await withOwners(connector.orgId, [request]), clock());
        const client = await clientOf(connector);
        try {
          const counts = await decidePending(connector, client);
          return { handled: true, detail: `Request ${request.externalId} read: ${counts.approved} approved, ${counts.denied} denied, ${counts.queued} queued.` };
        } finally {
          await client.close();
        }
      }
      if (action === 'approved' || action === 'denied' || action === 'cancelled') {
        const closed = await stores.externalRequests.closeByExternalId(connector.id, request.externalId, clock(), `${action === 'cancelled' ? 'Withdrawn by the requester' : `${action[0]!.toUpperCase()}${action.slice(1)} on GitHub`}.`);
        return { handled: closed, detail: closed ? `Request ${request.externalId} closed.` : 'Nothing open to close.' };
      }
      return { handled: false, detail: `Action "${clip(action, 50)}" ignored.` };
    },

    /** The connector's requests in the given statuses (default: waiting for an approver), oldest first. */
    async list(orgId: string, connectorId: string, statuses: readonly ExternalRequestStatus[] = ['queued']): Promise<ExternalRequest[]> {
      const connector = await stores.connectors.find(orgId, connectorId);
      if (!connector) throw new DomainError('CONNECTOR_NOT_FOUND');
      return stores.externalRequests.listByStatus(connectorId, statuses, MAX_LISTED_REQUESTS);
    },

    /**
     * An approver approves or denies queued requests (at most 100, one GitHub call) with a reason
     * (required to deny, at most 1,024 characters) that GitHub passes to the requester. Nothing is
     * recorded unless GitHub accepted the review. Nobody decides a request of their own.
     */
    async decide(caller: Caller, orgId: string, connectorId: string, input: { requestIds: readonly string[]; action: 'approve' | 'deny'; reason?: string | null | undefined }): Promise<ExternalRequest[]> {
      authorizeOrgAccess(caller.principal, orgId, 'approve:token-requests:admin');
      const ids = [...new Set(input.requestIds)];
      if (ids.length === 0 || ids.length > GITHUB_BATCH) throw new DomainError('VALIDATION_FAILED', `Name 1 to ${GITHUB_BATCH} requests per decision.`);
      const reason = input.reason?.trim() || null;
      if (reason !== null && reason.length > MAX_REVIEW_REASON) throw new DomainError('VALIDATION_FAILED', `The reason is sent to GitHub, which takes at most ${MAX_REVIEW_REASON} characters.`);
      if (input.action === 'deny' && reason === null) throw new DomainError('VALIDATION_FAILED', 'A denial needs a reason: GitHub shows it to the requester.');
      const connector = await stores.connectors.find(orgId, connectorId);
      if (!connector || connector.type !== 'github') throw new DomainError('CONNECTOR_NOT_FOUND');
      // In the order the approver named them, whatever order the database returns.
      const found = new Map((await stores.externalRequests.findMany(orgId, ids)).filter((r) => r.connectorId === connectorId).map((r) => [r.id, r]));
      const requests = ids.flatMap((id) => found.get(id) ?? []);
      const missing = ids.filter((id) => !requests.some((r) => r.id === id));
      if (missing.length > 0) throw new DomainError('TOKEN_REQUEST_NOT_FOUND', `No such request on this connector: ${missing.slice(0, 5).join(', ')}.`);
      const notWaiting = requests.filter((r) => r.status !== 'queued');
      if (notWaiting.length > 0) throw new DomainError('CONFLICT', `Only requests waiting for an approver can be decided; ${notWaiting.map((r) => `${r.id} is ${r.status}`).slice(0, 5).join(', ')}.`);
      const deciderUserId = await deciderUserOf(orgId, caller.principal);
      if (deciderUserId !== null && requests.some((r) => r.ownerUserId === deciderUserId)) throw new DomainError('SELF_APPROVAL_FORBIDDEN', 'Nobody may decide their own token request: another approver must.');

      const client = await clientOf(connector);
      let answer;
      try {
        answer = await client.review(requests.map((r) => r.externalId), input.action, reason);
      } finally {
        await client.close();
      }
      if (!answer.ok) throw new DomainError('UPSTREAM_FAILED', `Nothing was decided. ${answer.answer}`);
      const at = clock();
      const recordedAs = deciderUserId ?? principalId(caller.principal);
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        for (const request of requests) {
          const status = input.action === 'approve' ? 'approved' : 'denied';
          const moved = await tx.externalRequests.decide([request.id], ['queued'], { status, policyId: request.policyId, policyName: request.policyName, policyReason: request.policyReason ?? '', decidedBy: recordedAs, reason, upstreamStatus: answer.status, upstreamAnswer: answer.answer }, at);
          if (moved.length === 0) continue;
          await audit(tx, { orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'external_request.decided', targetId: request.id, details: { connectorId, externalId: request.externalId, decision: status, by: 'approver', deciderUserId, reason, upstream: { status: answer.status, answer: answer.answer } } });
          await tx.events.record({ orgId, type: 'approval.decided', payload: { approvalId: request.id, decision: status === 'approved' ? 'approved' : 'rejected', deciderId: recordedAs }, occurredAt: at });
        }
      });
      const decided = new Map((await stores.externalRequests.findMany(orgId, ids)).map((r) => [r.id, r]));
      return ids.flatMap((id) => decided.get(id) ?? []);
    },

    /** Links GitHub logins to directory users, so their tokens and requests find their owner. */
    async linkLogins(caller: Caller, orgId: string, links: ReadonlyArray<{ login: string; userId: string }>): Promise<void> {
      authorizeOrgAccess(caller.principal, orgId, 'write:tokens:admin');
      for (const link of links) {
        if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(link.login)) throw new DomainError('VALIDATION_FAILED', `"${clip(link.login, 50)}" is not a GitHub login.`);
        if (!(await stores.users.findById(orgId, link.userId))) throw new DomainError('USER_NOT_FOUND', `No user ${clip(link.userId, 64)} in this organization.`);
      }
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.externalRequests.linkLogins(orgId, SYSTEM, links, clock());
        await tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'connector.logins_linked', targetType: 'organization', targetId: orgId, details: { system: SYSTEM, links: links.map((l) => ({ login: l.login, userId: l.userId })) } }, clock));
      });
    },
  };
}

export type GithubRequestService = ReturnType<typeof createGithubRequestService>;
