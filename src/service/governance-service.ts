/**
 * Who governs what, for the console's tables: the governing policy of each owner of a page of
 * tokens, how many people, service accounts and live tokens each policy governs, and the extra
 * columns of the people and service account lists. Every answer is computed from the effective
 * policies (the same resolution the verifier uses), in a fixed number of queries per request.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { TokenOwner } from '../domain/models.js';
import { authorizeOrgAccess } from '../domain/principal.js';
import { resolveEffectivePolicy } from '../domain/policy-resolution.js';
import { createGovernanceQueries, ownerKeyOf } from '../store/governance-queries.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { resolverOver } from './policy-impact.js';
import { ensurePolicyDefaults } from './policy-setup.js';
import type { Caller } from './user-directory-service.js';

export interface PolicyRef {
  id: string;
  name: string;
}

export interface PolicyCoverage {
  policyId: string;
  /** Active people it governs. */
  people: number;
  /** Live service accounts it governs. */
  serviceAccounts: number;
  /** Live tokens (active, not expired) of the people and service accounts it governs. */
  liveTokens: number;
}

export interface PersonColumns {
  userId: string;
  groups: Array<{ id: string; name: string }>;
  liveTokens: number;
  lastSignInAt: Date | null;
}

export interface ServiceAccountColumns {
  serviceAccountId: string;
  liveTokens: number;
  lastActiveAt: Date | null;
  owner: { type: 'user' | 'group'; id: string; name: string | null; needsReassignment: boolean } | null;
}

/** The most ids one request may ask about: a page of a list. */
export const MAX_COLUMN_IDS = 200;

export function createGovernanceService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  const queries = createGovernanceQueries(db);

  return {
    /**
     * The governing policy of each owner, keyed `user:<id>` or `service_account:<id>`, in one
     * query whatever the number of owners (the inventory's page). An org whose default policy was
     * never seeded answers nothing for owners without an assigned policy.
     */
    async governingPolicies(orgId: string, owners: readonly TokenOwner[]): Promise<Map<string, PolicyRef>> {
      const result = new Map<string, PolicyRef>();
      if (owners.length === 0) return result;
      const { byOwner, defaults } = await queries.candidatesForOwners(orgId, owners);
      for (const owner of owners) {
        const key = ownerKeyOf(owner);
        if (result.has(key)) continue;
        const candidates = [...defaults, ...(byOwner.get(key) ?? [])];
        if (!candidates.some((c) => c.policy.isDefault)) continue;
        const { policy } = resolveEffectivePolicy(candidates);
        result.set(key, { id: policy.id, name: policy.name });
      }
      return result;
    },

    /**
     * How many active people, live service accounts and live tokens each policy governs (policies
     * governing nobody answer zeros). Resolves every owner of the org against its policies in
     * memory: six queries, whatever the size of the org.
     */
    async policyCoverage(caller: Caller, orgId: string): Promise<PolicyCoverage[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:policies:admin');
      const stores = createStores(db);
      const now = clock();
      await ensurePolicyDefaults(stores, orgId, now);
      const [policies, groupsByUser, catalogue, owners, live] = await Promise.all([
        stores.policies.listAll(orgId),
        stores.policies.groupIdsByUser(orgId),
        stores.scopes.list(orgId),
        queries.activeOwners(orgId),
        queries.liveTokensByOwner(orgId, now.getTime()),
      ]);
      const governing = resolverOver(policies, groupsByUser, catalogue);
      const coverage = new Map<string, PolicyCoverage>(policies.map((p) => [p.id, { policyId: p.id, people: 0, serviceAccounts: 0, liveTokens: 0 }]));
      for (const owner of owners) {
        const counts = coverage.get(governing(owner).policyId);
        if (!counts) continue;
        if (owner.type === 'user') counts.people += 1;
        else counts.serviceAccounts += 1;
        counts.liveTokens += live.get(ownerKeyOf(owner))?.liveTokens ?? 0;
      }
      return [...coverage.values()];
    },

    /** Groups, live tokens and last sign-in of each of these people of the org (three queries). */
    async peopleColumns(caller: Caller, orgId: string, userIds: readonly string[]): Promise<PersonColumns[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const ids = [...new Set(userIds)].slice(0, MAX_COLUMN_IDS);
      const [groups, live, signIns] = await Promise.all([
        queries.groupsOfUsers(orgId, ids),
        queries.liveTokensByOwner(orgId, clock().getTime(), ids),
        queries.lastSignIns(orgId, ids),
      ]);
      return ids.map((userId) => ({
        userId,
        groups: groups.get(userId) ?? [],
        liveTokens: live.get(`user:${userId}`)?.liveTokens ?? 0,
        lastSignInAt: signIns.get(userId) ?? null,
      }));
    },

    /** Live tokens, last use and accountable owner of each of these service accounts (three queries). */
    async serviceAccountColumns(caller: Caller, orgId: string, accountIds: readonly string[]): Promise<ServiceAccountColumns[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:service-accounts:admin');
      const ids = [...new Set(accountIds)].slice(0, MAX_COLUMN_IDS);
      const [live, lastUse, owners] = await Promise.all([
        queries.liveTokensByOwner(orgId, clock().getTime(), ids),
        queries.lastUseOfAccounts(orgId, ids),
        queries.accountableOwners(orgId, ids),
      ]);
      return ids.map((serviceAccountId) => ({
        serviceAccountId,
        liveTokens: live.get(`service_account:${serviceAccountId}`)?.liveTokens ?? 0,
        lastActiveAt: lastUse.get(serviceAccountId) ?? null,
        owner: owners.get(serviceAccountId) ?? null,
      }));
    },
  };
}

export type GovernanceService = ReturnType<typeof createGovernanceService>;
