/**
 * Approvers per group (migration 0013): the people who decide token requests of the group's
 * members. A request reaches its requester's groups' approvers; when none of those groups has one,
 * it reaches the org's approvers (people whose role approves).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface RequesterGroup {
  id: string;
  name: string;
  approverIds: string[];
}

export function createGroupApproverStore(db: Kysely<Database>) {
  return {
    /** Makes the group's approvers exactly `userIds`. */
    async replace(orgId: string, groupId: string, userIds: readonly string[], at: Date): Promise<void> {
      await db.deleteFrom('group_approvers').where('group_id', '=', groupId).execute();
      if (userIds.length === 0) return;
      await db
        .insertInto('group_approvers')
        .values([...new Set(userIds)].map((userId) => ({ group_id: groupId, user_id: userId, org_id: orgId, created_at: at.getTime() })))
        .execute();
    },

    async listOfGroup(groupId: string): Promise<string[]> {
      const rows = await db.selectFrom('group_approvers').select('user_id').where('group_id', '=', groupId).orderBy('user_id').execute();
      return rows.map((r) => r.user_id);
    },

    /** The groups each of `userIds` belongs to, with their approvers (two queries). */
    async groupsOfUsers(orgId: string, userIds: readonly string[]): Promise<Map<string, RequesterGroup[]>> {
      const map = new Map<string, RequesterGroup[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return map;
      const rows = await db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['group_members.user_id', 'groups.id', 'groups.name'])
        .where('groups.org_id', '=', orgId)
        .where('group_members.user_id', 'in', [...userIds])
        .orderBy('groups.name')
        .execute();
      const groupIds = [...new Set(rows.map((r) => r.id))];
      const approvers = new Map<string, string[]>();
      if (groupIds.length > 0) {
        const found = await db.selectFrom('group_approvers').select(['group_id', 'user_id']).where('group_id', 'in', groupIds).orderBy('user_id').execute();
        for (const row of found) approvers.set(row.group_id, [...(approvers.get(row.group_id) ?? []), row.user_id]);
      }
      for (const row of rows) map.get(row.user_id)!.push({ id: row.id, name: row.name, approverIds: approvers.get(row.id) ?? [] });
      return map;
    },

    /**
     * A condition on `token_requests.requester_id`: the requests `approverId` decides as a group
     * approver, and, when `asOrgApprover`, those of requesters in no group that has approvers.
     */
    routedTo(orgId: string, approverId: string, asOrgApprover: boolean) {
      const ofTheirGroups = sql<boolean>`token_requests.requester_id in (select gm.user_id from group_members gm join group_approvers ga on ga.group_id = gm.group_id where ga.user_id = ${approverId})`;
      if (!asOrgApprover) return ofTheirGroups;
      const unrouted = sql<boolean>`token_requests.requester_id not in (select gm.user_id from group_members gm join group_approvers ga on ga.group_id = gm.group_id where ga.org_id = ${orgId})`;
      return sql<boolean>`(${ofTheirGroups} or ${unrouted})`;
    },
  };
}

export type GroupApproverStore = ReturnType<typeof createGroupApproverStore>;
