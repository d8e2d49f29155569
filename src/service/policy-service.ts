/**
 * Authentication policies and the scope catalogue, admin side (docs/policies.md): CRUD,
 * impact preview and apply, and the effective policy of anyone, with why. Each change, its effect
 * on existing tokens and its audit entries commit in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { TokenOwner } from '../domain/models.js';
import { cleanPolicyName, normalizeRule, MAX_POLICY_PRIORITY, type Policy, type PolicyAssignees, type PolicyStatus, type RuleInput } from '../domain/policy.js';
import { actorOf, authorizeOrgAccess, principalId } from '../domain/principal.js';
import { decideCreation, type CreationDecision } from '../domain/policy-creation.js';
import { cleanScopeName, type ScopeClass, type ScopeDefinition } from '../domain/scope-catalogue.js';
import { GatewayConfigError } from '../domain/gateway-config.js';
import { routesFromOpenApi } from '../domain/openapi-routes.js';
import { planCatalogueImport, type CatalogueImportPlan } from '../domain/openapi-scopes.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { actorRef } from './event-recorder.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import { applyImpact, computeImpact, rulesOf, type AppliedImpact, type ExistingTokensMode, type Impact } from './policy-impact.js';
import { ensurePolicyDefaults, resolvePolicyOf, type ResolvedPolicy } from './policy-setup.js';
import type { Caller } from './user-directory-service.js';
import type { TokenChangeBus } from './token-change-bus.js';

export interface PolicyInput {
  name: string;
  status?: PolicyStatus | undefined;
  priority?: number | undefined;
  rule: RuleInput;
  assignees?: Partial<PolicyAssignees> | undefined;
}

export interface PolicyChangeResult {
  policy: Policy | null;
  impact: Impact;
  applied: AppliedImpact | null;
}

export interface PolicyServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  /** Told after each committed change: the org's cached verifications hold its policies. */
  bus?: TokenChangeBus | undefined;
}

function assigneesOf(input: Partial<PolicyAssignees> | undefined): PolicyAssignees {
  return { groupIds: [...new Set(input?.groupIds ?? [])], userIds: [...new Set(input?.userIds ?? [])], serviceAccountIds: [...new Set(input?.serviceAccountIds ?? [])] };
}

/** Validates the input into the policy it describes (new when `existing` is null); policy files use it too. */
export async function draftOf(tx: Stores, orgId: string, input: PolicyInput, existing: Policy | null, now: Date): Promise<Policy> {
  const catalogue = await tx.scopes.list(orgId);
  const rule = normalizeRule(input.rule, catalogue);
  const assignees = assigneesOf(input.assignees);
  const isDefault = existing?.isDefault ?? false;
  if (isDefault) {
    if (assignees.groupIds.length + assignees.userIds.length + assignees.serviceAccountIds.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'The default policy applies to everyone no other policy covers: it takes no assignees.');
    }
    if (input.status === 'disabled') throw new DomainError('VALIDATION_FAILED', 'The default policy cannot be disabled.');
  }
  const priority = isDefault ? 0 : (input.priority ?? existing?.priority ?? 1);
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_POLICY_PRIORITY) throw new DomainError('VALIDATION_FAILED', `priority must be a whole number from 0 to ${MAX_POLICY_PRIORITY}.`);
  const unknown = await tx.policies.unknownAssignees(orgId, assignees);
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Not users, groups or service accounts of this organization: ${unknown.join(', ')}.`);
  return {
    id: existing?.id ?? newId('pol'),
    orgId,
    name: cleanPolicyName(input.name),
    status: isDefault ? 'enabled' : (input.status ?? existing?.status ?? 'enabled'),
    priority,
    isDefault,
    rule,
    assignees,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

export function createPolicyService(deps: PolicyServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, caller: Caller, orgId: string, action: string, targetType: string, targetId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType, targetId, details }, clock));
  }

  async function mustFind(tx: Stores, orgId: string, policyId: string, lock = false): Promise<Policy> {
    const policy = await tx.policies.findById(orgId, policyId, { lock });
    if (!policy) throw new DomainError('POLICY_NOT_FOUND');
    return policy;
  }

  /**
   * The common path of create, update and delete: the org's policies before and after, the impact,
   * and (unless only previewing) the write, the chosen treatment of existing tokens and the audit.
   */
  async function change(
    caller: Caller,
    orgId: string,
    plan: (tx: Stores, before: Policy[], now: Date) => Promise<{ after: Policy[]; changed: Policy; deleted: boolean }>,
    options: { preview: boolean; mode: ExistingTokensMode; action: string },
  ): Promise<PolicyChangeResult> {
    const result = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const now = clock();
      await ensurePolicyDefaults(tx, orgId, now);
      const before = await tx.policies.listAll(orgId);
      const { after, changed, deleted } = await plan(tx, before, now);
      const impact = await computeImpact(tx, orgId, { before, after, changedPolicyId: changed.id }, now);
      if (options.preview) return { policy: deleted ? null : changed, impact, applied: null };
      if (deleted) {
        await tx.policies.delete(orgId, changed.id);
      } else if (before.some((p) => p.id === changed.id)) {
        await tx.policies.update(changed);
        await tx.policies.replaceAssignees(orgId, changed.id, changed.assignees);
      } else {
        await tx.policies.insert(changed);
        await tx.policies.replaceAssignees(orgId, changed.id, changed.assignees);
      }
      const rules = await rulesOf(tx, orgId, after);
      const applied = await applyImpact(
        tx,
        orgId,
        impact,
        options.mode,
        rules,
        { by: principalId(caller.principal), ref: actorRef(actorOf(caller.principal)), audit: (action, tokenId, details) => audit(tx, caller, orgId, action, 'token', tokenId, details) },
        now,
      );
      await audit(tx, caller, orgId, options.action, 'policy', changed.id, {
        name: changed.name,
        ...(deleted ? {} : { status: changed.status, priority: changed.priority, rule: changed.rule, assignees: changed.assignees }),
        existingTokens: { mode: options.mode, affected: impact.affected.length, clamped: applied.clamped, revoked: applied.revoked, left: applied.left },
      });
      // the outbox: created, changed and deleted policies all raise `policy.changed`.
      await tx.events.record({ orgId, type: 'policy.changed', payload: { policyId: changed.id, actor: actorRef(actorOf(caller.principal)) }, occurredAt: now });
      return { policy: deleted ? null : changed, impact, applied };
    });
    // Clamps and revocations of the impact, and every owner's effective policy, may have changed.
    if (!options.preview) deps.bus?.orgChanged(orgId);
    return result;
  }

  return {
    /**
     * The governing policy of a user or service account, for enforcement (the verifier, self
     * service, issuance). Two indexed queries. A cache in front of it must drop an org's entries on
     * any policy create/update/delete, assignment change, group membership change, group deletion
     * and scope catalogue change (audit actions `policy.*`, `group.*`, `scope.created`).
     */
    async effectivePolicyOf(orgId: string, owner: TokenOwner): Promise<ResolvedPolicy> {
      return resolvePolicyOf(stores, orgId, owner, clock());
    },

    /** Admin view: a user's effective policy and why; with `scopes`, the creation decision for them, per scope. */
    async effectivePolicyOfUser(caller: Caller, orgId: string, userId: string, scopes: readonly string[] = []): Promise<ResolvedPolicy & { decision: CreationDecision | null }> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      if (!(await stores.users.findById(orgId, userId))) throw new DomainError('USER_NOT_FOUND');
      const resolved = await resolvePolicyOf(stores, orgId, { type: 'user', id: userId }, clock());
      return { ...resolved, decision: scopes.length > 0 ? decideCreation(resolved.enforceable, resolved.catalogue, scopes) : null };
    },

    async listScopes(caller: Caller, orgId: string): Promise<ScopeDefinition[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      await ensurePolicyDefaults(stores, orgId, clock());
      return stores.scopes.list(orgId);
    },

    async addScope(caller: Caller, orgId: string, input: { name: string; description?: string | undefined; scopeClass: ScopeClass }): Promise<ScopeDefinition> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      const scope: ScopeDefinition = { name: cleanScopeName(input.name), description: (input.description ?? '').trim().slice(0, 500), scopeClass: input.scopeClass, isBuiltin: false };
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        await ensurePolicyDefaults(tx, orgId, now);
        await tx.scopes.insert(orgId, scope, now);
        await audit(tx, caller, orgId, 'scope.created', 'scope', scope.name, { scopeClass: scope.scopeClass });
      });
      // A new scope may fall in a class a policy allows: allowed scope names change.
      deps.bus?.orgChanged(orgId);
      return scope;
    },

    /**
     * Adds the scopes an upstream's OpenAPI document asks for to the catalogue (names it already
     * holds are left as they are); `dryRun` only says what would be added.
     */
    async importScopesFromOpenApi(caller: Caller, orgId: string, document: unknown, options: { dryRun: boolean }): Promise<CatalogueImportPlan & { operations: number }> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      let imported: ReturnType<typeof routesFromOpenApi>;
      try {
        imported = routesFromOpenApi(document, {}, 'document');
      } catch (error) {
        if (error instanceof GatewayConfigError) throw new DomainError('VALIDATION_FAILED', `${error.message}.`);
        throw error;
      }
      const plan = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        await ensurePolicyDefaults(tx, orgId, now);
        const planned = planCatalogueImport(imported.scopes, await tx.scopes.list(orgId));
        if (!options.dryRun && planned.toAdd.length > 0) {
          await tx.scopes.insertMissing(orgId, planned.toAdd, now);
          const title = [imported.title, imported.version].filter(Boolean).join(' ') || null;
          await audit(tx, caller, orgId, 'scope.imported', 'scope', planned.toAdd[0]!.name, { names: planned.toAdd.map((scope) => scope.name), document: title });
        }
        return planned;
      });
      // New scopes may fall in a class a policy allows: allowed scope names change.
      if (!options.dryRun && plan.toAdd.length > 0) deps.bus?.orgChanged(orgId);
      return { ...plan, operations: imported.routes.length };
    },

    async listPolicies(caller: Caller, orgId: string, query: PageQuery): Promise<Page<Policy>> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      await ensurePolicyDefaults(stores, orgId, clock());
      const fingerprint = queryFingerprint({ resource: 'policies', orgId });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      return pageOf(cursorKey, fingerprint, body, await stores.policies.list(orgId, request));
    },

    async getPolicy(caller: Caller, orgId: string, policyId: string): Promise<Policy> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      await ensurePolicyDefaults(stores, orgId, clock());
      return mustFind(stores, orgId, policyId);
    },

    async createPolicy(caller: Caller, orgId: string, input: PolicyInput, options: { preview?: boolean; mode?: ExistingTokensMode } = {}): Promise<PolicyChangeResult> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      return change(
        caller,
        orgId,
        async (tx, before, now) => {
          const changed = await draftOf(tx, orgId, input, null, now);
          return { changed, after: [...before, changed], deleted: false };
        },
        { preview: options.preview ?? false, mode: options.mode ?? 'leave', action: 'policy.created' },
      );
    },

    /** Replaces the policy (PUT). `preview`: answer the impact and change nothing. */
    async updatePolicy(caller: Caller, orgId: string, policyId: string, input: PolicyInput, options: { preview?: boolean; mode?: ExistingTokensMode } = {}): Promise<PolicyChangeResult> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      return change(
        caller,
        orgId,
        async (tx, before, now) => {
          // A preview takes no row lock: it must not hold up writers while it walks the tokens.
          const existing = await mustFind(tx, orgId, policyId, !options.preview);
          const changed = await draftOf(tx, orgId, input, existing, now);
          return { changed, after: before.map((p) => (p.id === changed.id ? changed : p)), deleted: false };
        },
        { preview: options.preview ?? false, mode: options.mode ?? 'leave', action: 'policy.changed' },
      );
    },

    /** The default policy cannot be deleted (CONFLICT); its people fall back to other policies or the default. */
    async deletePolicy(caller: Caller, orgId: string, policyId: string, options: { preview?: boolean; mode?: ExistingTokensMode } = {}): Promise<PolicyChangeResult> {
      authorizeOrgAccess(caller.principal, orgId, 'delete:policies:admin');
      return change(
        caller,
        orgId,
        async (tx, before) => {
          const existing = await mustFind(tx, orgId, policyId, !options.preview);
          if (existing.isDefault) throw new DomainError('CONFLICT', 'The default policy cannot be deleted; change it instead.');
          return { changed: existing, after: before.filter((p) => p.id !== policyId), deleted: true };
        },
        { preview: options.preview ?? false, mode: options.mode ?? 'leave', action: 'policy.deleted' },
      );
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
