/**
 * Policies as code (docs/how-to/keep-policies-in-git.md): the org's whole policy set as a file
 * whose assignees are named, the plan of what a file would change (by policy name, with each
 * change's impact on existing tokens, as the single-policy preview computes it), and its apply in
 * one transaction. The plan and the apply walk the same steps; only the apply writes.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { Policy, PolicyAssignees } from '../domain/policy.js';
import { changedFields, documentProblems, orderChanges, POLICY_SET_VERSION, type PolicyFileEntry, type PolicySetChange, type PolicySetDocument } from '../domain/policy-set.js';
import { actorOf, authorizeOrgAccess, principalId } from '../domain/principal.js';
import { normalizeRule } from '../domain/policy.js';
import type { Database } from '../store/schema.js';
import type { NamedAssignee } from '../store/assignee-names.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { actorRef } from './event-recorder.js';
import { applyImpact, computeImpact, rulesOf, type AppliedImpact, type ExistingTokensMode, type Impact } from './policy-impact.js';
import { draftOf } from './policy-service.js';
import { ensurePolicyDefaults } from './policy-setup.js';
import type { TokenChangeBus } from './token-change-bus.js';
import type { Caller } from './user-directory-service.js';

export interface PolicySetStep extends PolicySetChange {
  policyId: string;
  impact: Impact;
  /** What was done to the affected tokens; null in a plan. */
  applied: AppliedImpact | null;
}

export interface PolicySetResult {
  steps: PolicySetStep[];
  /** How many policies the file names and the server keeps unchanged. */
  unchanged: number;
}

export interface PolicySetServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  bus?: TokenChangeBus | undefined;
}

const keyOf = (name: string) => name.trim().toLowerCase();

/** Finds each named assignee, refusing names the org does not hold and names that fit several. */
async function resolveAssignees(tx: Stores, orgId: string, entries: readonly PolicyFileEntry[]): Promise<(entry: PolicyFileEntry) => PolicyAssignees> {
  const all = (pick: (entry: PolicyFileEntry) => string[] | undefined) => entries.flatMap((entry) => pick(entry) ?? []);
  const [groups, people, accounts] = await Promise.all([
    tx.assigneeNames.groupsNamed(orgId, all((e) => e.assignees?.groups)),
    tx.assigneeNames.usersWithEmail(orgId, all((e) => e.assignees?.people)),
    tx.assigneeNames.serviceAccountsNamed(orgId, all((e) => e.assignees?.serviceAccounts)),
  ]);
  const problems: string[] = [];
  const lookup = (policy: string, what: string, refs: string[] | undefined, found: NamedAssignee[], matches: (row: NamedAssignee, ref: string) => boolean) =>
    (refs ?? []).flatMap((ref) => {
      const hits = found.filter((row) => matches(row, ref));
      if (hits.length === 0) problems.push(`Policy "${policy}": no ${what} "${ref}" in this organization.`);
      if (hits.length > 1) problems.push(`Policy "${policy}": ${hits.length} ${what}s are "${ref}"; name it by e-mail instead.`);
      return hits.length === 1 ? [hits[0]!.id] : [];
    });
  const resolved = new Map<PolicyFileEntry, PolicyAssignees>();
  for (const entry of entries) {
    resolved.set(entry, {
      groupIds: lookup(entry.name, 'group', entry.assignees?.groups, groups, (row, ref) => row.name === ref),
      userIds: lookup(entry.name, 'person with the e-mail', entry.assignees?.people, people, (row, ref) => row.email?.toLowerCase() === ref.toLowerCase()),
      serviceAccountIds: lookup(entry.name, 'service account', entry.assignees?.serviceAccounts, accounts, (row, ref) => row.email === ref || row.name === ref),
    });
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.join(' '));
  return (entry) => resolved.get(entry)!;
}

export function createPolicySetService(deps: PolicySetServiceDeps) {
  const { db, clock } = deps;

  /** The steps from the server's policies to the file's, each with its impact; writes only when `write`. */
  async function walk(caller: Caller, orgId: string, document: PolicySetDocument, write: { mode: ExistingTokensMode } | null): Promise<PolicySetResult> {
    const problems = documentProblems(document);
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.join(' '));
    const result = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const now = clock();
      await ensurePolicyDefaults(tx, orgId, now);
      const before = await tx.policies.listAll(orgId);
      const byName = new Map<string, Policy>();
      for (const policy of before) {
        if (policy.isDefault) continue;
        if (byName.has(keyOf(policy.name))) throw new DomainError('CONFLICT', `Two policies on this server are named "${policy.name}"; rename one before applying a policy file.`);
        byName.set(keyOf(policy.name), policy);
      }
      const assigneesOf = await resolveAssignees(tx, orgId, document.policies);
      const catalogue = await tx.scopes.list(orgId);

      // Each step: the policy before (null: added) and after (null: removed).
      const planned: Array<{ before: Policy | null; after: Policy | null; change: PolicySetChange }> = [];
      const named = new Set<string>();
      for (const entry of document.policies) {
        const existing = entry.default === true ? before.find((p) => p.isDefault)! : (byName.get(keyOf(entry.name)) ?? null);
        if (!existing?.isDefault) named.add(keyOf(entry.name));
        const input = { name: entry.name, status: entry.status, priority: entry.priority, rule: entry.rule, assignees: assigneesOf(entry) };
        let draft: Policy;
        try {
          draft = await draftOf(tx, orgId, input, existing, now);
        } catch (error) {
          if (error instanceof DomainError) throw new DomainError(error.code, `Policy "${entry.name}": ${error.detail}`);
          throw error;
        }
        if (!existing) {
          planned.push({ before: null, after: draft, change: { action: 'add', name: draft.name, fields: [] } });
          continue;
        }
        // Both rules normalized against today's catalogue: a rule stored by an older release compares equal.
        const fields = changedFields({ ...existing, rule: normalizeRule(existing.rule, catalogue) }, draft);
        if (fields.length > 0) planned.push({ before: existing, after: draft, change: { action: 'change', name: existing.name, fields } });
      }
      for (const policy of byName.values()) {
        if (!named.has(keyOf(policy.name))) planned.push({ before: policy, after: null, change: { action: 'remove', name: policy.name, fields: [] } });
      }
      // Removing a policy needs the scope deleting one does.
      if (write && planned.some((p) => p.after === null)) authorizeOrgAccess(caller.principal, orgId, 'delete:policies:admin');
      const order = orderChanges(planned.map((p) => p.change));
      planned.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change));

      const steps: PolicySetStep[] = [];
      let state = before;
      for (const { before: old, after, change } of planned) {
        const policyId = (after ?? old)!.id;
        const next = after === null ? state.filter((p) => p.id !== policyId) : old === null ? [...state, after] : state.map((p) => (p.id === policyId ? after : p));
        const impact = await computeImpact(tx, orgId, { before: state, after: next, changedPolicyId: policyId }, now);
        let applied: AppliedImpact | null = null;
        if (write) {
          if (old) await tx.policies.findById(orgId, policyId, { lock: true });
          if (after === null) await tx.policies.delete(orgId, policyId);
          else if (old === null) await tx.policies.insert(after);
          else await tx.policies.update(after);
          if (after) await tx.policies.replaceAssignees(orgId, policyId, after.assignees);
          const audit = (action: string, targetType: string, targetId: string, details: Record<string, unknown>) =>
            tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType, targetId, details }, clock));
          applied = await applyImpact(
            tx,
            orgId,
            impact,
            write.mode,
            await rulesOf(tx, orgId, next),
            { by: principalId(caller.principal), ref: actorRef(actorOf(caller.principal)), audit: (action, tokenId, details) => audit(action, 'token', tokenId, details) },
            now,
          );
          const action = { add: 'policy.created', change: 'policy.changed', remove: 'policy.deleted' }[change.action];
          await audit(action, 'policy', policyId, {
            name: (after ?? old)!.name,
            source: 'policy file',
            ...(after ? { status: after.status, priority: after.priority, rule: after.rule, assignees: after.assignees } : {}),
            ...(change.action === 'change' ? { fields: change.fields } : {}),
            existingTokens: { mode: write.mode, affected: impact.affected.length, clamped: applied.clamped, revoked: applied.revoked, left: applied.left },
          });
          await tx.events.record({ orgId, type: 'policy.changed', payload: { policyId, actor: actorRef(actorOf(caller.principal)) }, occurredAt: now });
        }
        steps.push({ ...change, policyId, impact, applied });
        state = next;
      }
      return { steps, unchanged: document.policies.length - planned.filter((p) => p.after !== null).length };
    });
    // Policies, and the clamps and revocations they brought, change what verification answers.
    if (write && result.steps.length > 0) deps.bus?.orgChanged(orgId);
    return result;
  }

  return {
    /** The org's policies as a file: assignees by group name, person e-mail and service-account name. */
    async exportSet(caller: Caller, orgId: string): Promise<PolicySetDocument> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      const stores = createStores(db);
      await ensurePolicyDefaults(stores, orgId, clock());
      const policies = await stores.policies.listAll(orgId);
      const ids = {
        groupIds: policies.flatMap((p) => p.assignees.groupIds),
        userIds: policies.flatMap((p) => p.assignees.userIds),
        serviceAccountIds: policies.flatMap((p) => p.assignees.serviceAccountIds),
      };
      const names = await stores.assigneeNames.namesOf(orgId, ids);
      const nameOf = (id: string) => names.get(id)?.name ?? id;
      const ordered = [...policies.filter((p) => p.isDefault), ...policies.filter((p) => !p.isDefault).sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name))];
      return {
        version: POLICY_SET_VERSION,
        policies: ordered.map((policy) => {
          const { groupIds, userIds, serviceAccountIds } = policy.assignees;
          const hasAssignees = groupIds.length + userIds.length + serviceAccountIds.length > 0;
          return {
            name: policy.name,
            ...(policy.isDefault ? { default: true } : { status: policy.status, priority: policy.priority }),
            rule: policy.rule,
            ...(hasAssignees
              ? {
                  assignees: {
                    ...(groupIds.length > 0 ? { groups: groupIds.map(nameOf).sort() } : {}),
                    ...(userIds.length > 0 ? { people: userIds.map((id) => names.get(id)?.email ?? id).sort() } : {}),
                    ...(serviceAccountIds.length > 0 ? { serviceAccounts: serviceAccountIds.map(nameOf).sort() } : {}),
                  },
                }
              : {}),
          };
        }),
      };
    },

    /** What applying the file would change, with each change's impact. Changes nothing. */
    async plan(caller: Caller, orgId: string, document: PolicySetDocument): Promise<PolicySetResult> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      return walk(caller, orgId, document, null);
    },

    /**
     * Makes the org's policies those of the file, in one transaction: every policy added, changed and
     * removed, and `mode` applied to the existing tokens each change breaks, or nothing at all.
     */
    async apply(caller: Caller, orgId: string, document: PolicySetDocument, mode: ExistingTokensMode): Promise<PolicySetResult> {
      authorizeOrgAccess(caller.principal, orgId, 'write:policies:admin');
      return walk(caller, orgId, document, { mode });
    },
  };
}

export type PolicySetService = ReturnType<typeof createPolicySetService>;
