/**
 * Authentication policies and their assignments. A policy's assignees are rows of
 * `policy_assignments`; lists load them for a whole page in one query.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AssigneeType, Policy, PolicyAssignees, PolicyRule, PolicyStatus } from '../domain/policy.js';
import type { PolicyCandidate } from '../domain/policy-resolution.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import { toDate } from './rows.js';
import type { Database, PolicyTable } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

const EMPTY_ASSIGNEES = (): PolicyAssignees => ({ groupIds: [], userIds: [], serviceAccountIds: [] });

function toPolicy(row: Selectable<PolicyTable>, assignees: PolicyAssignees = EMPTY_ASSIGNEES()): Policy {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    status: row.status as PolicyStatus,
    priority: row.priority,
    isDefault: row.is_default === 1,
    rule: JSON.parse(row.rule) as PolicyRule,
    assignees,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function addAssignee(assignees: PolicyAssignees, type: string, id: string): void {
  if (type === 'user') assignees.userIds.push(id);
  else if (type === 'group') assignees.groupIds.push(id);
  else assignees.serviceAccountIds.push(id);
}

export function createPolicyStore(db: Kysely<Database>) {
  async function assigneesOf(policyIds: readonly string[]): Promise<Map<string, PolicyAssignees>> {
    const map = new Map<string, PolicyAssignees>(policyIds.map((id) => [id, EMPTY_ASSIGNEES()]));
    if (policyIds.length === 0) return map;
    const rows = await db
      .selectFrom('policy_assignments')
      .select(['policy_id', 'assignee_type', 'assignee_id'])
      .where('policy_id', 'in', [...policyIds])
      .orderBy('assignee_type')
      .orderBy('assignee_id')
      .execute();
    for (const row of rows) addAssignee(map.get(row.policy_id)!, row.assignee_type, row.assignee_id);
    return map;
  }

  async function withAssignees(rows: Selectable<PolicyTable>[]): Promise<Policy[]> {
    const assignees = await assigneesOf(rows.map((r) => r.id));
    return rows.map((row) => toPolicy(row, assignees.get(row.id)));
  }

  return {
    /** Inserts unless a policy with this id exists (the default policy's id is derived: safe to repeat). */
    async insert(policy: Policy, options: { ignoreExisting?: boolean } = {}): Promise<void> {
      let query = db.insertInto('policies').values({
        id: policy.id,
        org_id: policy.orgId,
        name: policy.name,
        status: policy.status,
        priority: policy.priority,
        is_default: policy.isDefault ? 1 : 0,
        rule: JSON.stringify(policy.rule),
        created_at: policy.createdAt.getTime(),
        updated_at: policy.updatedAt.getTime(),
      });
      if (options.ignoreExisting) query = query.onConflict((oc) => oc.column('id').doNothing());
      await query.execute();
    },

    async hasDefault(orgId: string, defaultId: string): Promise<boolean> {
      const row = await db.selectFrom('policies').select('id').where('id', '=', defaultId).where('org_id', '=', orgId).executeTakeFirst();
      return row !== undefined;
    },

    async update(policy: Policy): Promise<void> {
      await db
        .updateTable('policies')
        .set({ name: policy.name, status: policy.status, priority: policy.priority, rule: JSON.stringify(policy.rule), updated_at: policy.updatedAt.getTime() })
        .where('org_id', '=', policy.orgId)
        .where('id', '=', policy.id)
        .execute();
    },

    /**
     * The policy with its assignees. `lock`: row-locked until the transaction ends (a no-op update,
     * as group-store's lockById), so two changes of one policy apply one after the other.
     */
    async findById(orgId: string, id: string, options: { lock?: boolean } = {}): Promise<Policy | null> {
      const row = options.lock
        ? await db.updateTable('policies').set((eb) => ({ name: eb.ref('name') })).where('org_id', '=', orgId).where('id', '=', id).returningAll().executeTakeFirst()
        : await db.selectFrom('policies').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const [policy] = await withAssignees([row]);
      return policy ?? null;
    },

    async delete(orgId: string, id: string): Promise<void> {
      await db.deleteFrom('policy_assignments').where('policy_id', '=', id).execute();
      await db.deleteFrom('policies').where('org_id', '=', orgId).where('id', '=', id).execute();
    },

    /** Makes the policy's assignees exactly `assignees`. */
    async replaceAssignees(orgId: string, policyId: string, assignees: PolicyAssignees): Promise<void> {
      await db.deleteFrom('policy_assignments').where('policy_id', '=', policyId).execute();
      const rows = [
        ...assignees.userIds.map((id) => ({ type: 'user' as AssigneeType, id })),
        ...assignees.groupIds.map((id) => ({ type: 'group' as AssigneeType, id })),
        ...assignees.serviceAccountIds.map((id) => ({ type: 'service_account' as AssigneeType, id })),
      ];
      if (rows.length === 0) return;
      await db
        .insertInto('policy_assignments')
        .values(rows.map((r) => ({ policy_id: policyId, org_id: orgId, assignee_type: r.type, assignee_id: r.id })))
        .execute();
    },

    /** A keyset page of the org's policies (oldest first), assignees loaded in one more query. */
    async list(orgId: string, page: KeysetRequest): Promise<KeysetResult<Policy>> {
      let query = db.selectFrom('policies').selectAll().where('org_id', '=', orgId);
      const condition = keysetCondition('policies', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      const result = keysetResult(rows, page, (row) => row);
      return { items: await withAssignees(result.items), hasMore: result.hasMore };
    },

    /** Every policy of the org with its assignees (two queries): for the impact preview. */
    async listAll(orgId: string): Promise<Policy[]> {
      const rows = await db.selectFrom('policies').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
      return withAssignees(rows);
    },

    /** Group memberships of the org, as user id -> group ids (one query): for the impact preview. */
    async groupIdsByUser(orgId: string): Promise<Map<string, string[]>> {
      const rows = await db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['group_members.user_id', 'group_members.group_id'])
        .where('groups.org_id', '=', orgId)
        .execute();
      const map = new Map<string, string[]>();
      for (const row of rows) map.set(row.user_id, [...(map.get(row.user_id) ?? []), row.group_id]);
      return map;
    },

    /** The ids among `assignees` that are not users, groups or service accounts of the org (three queries). */
    async unknownAssignees(orgId: string, assignees: PolicyAssignees): Promise<string[]> {
      const missing = async (table: 'users' | 'groups' | 'service_accounts', ids: string[]) => {
        if (ids.length === 0) return [];
        const rows = await db.selectFrom(table).select('id').where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids)]).execute();
        const found = new Set(rows.map((r) => r.id));
        return [...new Set(ids)].filter((id) => !found.has(id));
      };
      return [
        ...(await missing('users', assignees.userIds)),
        ...(await missing('groups', assignees.groupIds)),
        ...(await missing('service_accounts', assignees.serviceAccountIds)),
      ];
    },

    /**
     * Every policy that may govern a user or service account, in one query: the default policy,
     * policies assigned to them directly, and policies assigned to a group they belong to (with
     * the group's name, for "why"). Disabled policies come too; resolution skips them.
     */
    async candidatesFor(orgId: string, owner: { type: 'user' | 'service_account'; id: string }): Promise<PolicyCandidate[]> {
      const rows = await db
        .selectFrom('policies')
        .leftJoin('policy_assignments', 'policy_assignments.policy_id', 'policies.id')
        .leftJoin('groups', (join) => join.onRef('groups.id', '=', 'policy_assignments.assignee_id').on('policy_assignments.assignee_type', '=', 'group'))
        .selectAll('policies')
        .select(['policy_assignments.assignee_type', 'policy_assignments.assignee_id', 'groups.name as group_name'])
        .where('policies.org_id', '=', orgId)
        .where((eb) =>
          eb.or([
            eb('policies.is_default', '=', 1),
            eb.and([eb('policy_assignments.assignee_type', '=', owner.type), eb('policy_assignments.assignee_id', '=', owner.id)]),
            ...(owner.type === 'user'
              ? [
                  eb.and([
                    eb('policy_assignments.assignee_type', '=', 'group'),
                    eb('policy_assignments.assignee_id', 'in', eb.selectFrom('group_members').select('group_id').where('user_id', '=', owner.id)),
                  ]),
                ]
              : []),
          ]),
        )
        .execute();
      return rows.map((row) => {
        const policy = toPolicy(row);
        if (policy.isDefault) return { policy, via: { type: 'default' as const } };
        if (row.assignee_type === 'group') return { policy, via: { type: 'group' as const, id: row.assignee_id!, name: row.group_name ?? null } };
        return { policy, via: { type: owner.type, id: owner.id } };
      });
    },
  };
}

export type PolicyStore = ReturnType<typeof createPolicyStore>;
