/** Groups of an org and their members. Membership rows cascade with the group or user. */
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { Group, GroupSummary } from '../domain/models.js';
import { isUniqueViolation } from './db-errors.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import { toDate } from './rows.js';
import type { Database } from './schema.js';

const DUPLICATE_NAME = 'A group with this name already exists in the organization.';

function conflictOnDuplicate(error: unknown): never {
  if (isUniqueViolation(error)) throw new DomainError('CONFLICT', DUPLICATE_NAME, { cause: error });
  throw error;
}

export function createGroupStore(db: Kysely<Database>) {
  return {
    /** CONFLICT when the name is taken in the org: the unique index decides, so races are safe. */
    async insert(group: Group): Promise<void> {
      try {
        await db
          .insertInto('groups')
          .values({ id: group.id, org_id: group.orgId, name: group.name, created_at: group.createdAt.getTime() })
          .execute();
      } catch (error) {
        conflictOnDuplicate(error);
      }
    },

    async findById(orgId: string, id: string): Promise<Group | null> {
      const row = await db.selectFrom('groups').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? { id: row.id, orgId: row.org_id, name: row.name, createdAt: toDate(row.created_at) } : null;
    },

    /**
     * The group, row-locked until the transaction ends (a no-op update: PostgreSQL locks the row,
     * SQLite takes its write lock), so a concurrent delete cannot slip between the membership check
     * and the membership rows, and two bulk changes of one group apply one after the other.
     */
    async lockById(orgId: string, id: string): Promise<Group | null> {
      const row = await db
        .updateTable('groups')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? { id: row.id, orgId: row.org_id, name: row.name, createdAt: toDate(row.created_at) } : null;
    },

    /** A keyset page of groups with their member counts, in one query (a grouped left join). */
    async list(orgId: string, page: KeysetRequest): Promise<KeysetResult<GroupSummary>> {
      let query = db
        .selectFrom('groups')
        .leftJoin('group_members', 'group_members.group_id', 'groups.id')
        .select((eb) => ['groups.id', 'groups.org_id', 'groups.name', 'groups.created_at', eb.fn.count<number>('group_members.user_id').as('member_count')])
        .where('groups.org_id', '=', orgId)
        .groupBy(['groups.id', 'groups.org_id', 'groups.name', 'groups.created_at']);
      const condition = keysetCondition('groups', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('groups.created_at', direction).orderBy('groups.id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, (row) => ({
        id: row.id,
        orgId: row.org_id,
        name: row.name,
        createdAt: toDate(row.created_at),
        memberCount: Number(row.member_count),
      }));
    },

    /** True when the group exists; CONFLICT when the name is taken. */
    async rename(orgId: string, id: string, name: string): Promise<boolean> {
      try {
        const result = await db.updateTable('groups').set({ name }).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      } catch (error) {
        conflictOnDuplicate(error);
      }
    },

    /** Removes the group and, by cascade, its memberships. True when it existed. */
    async delete(orgId: string, id: string): Promise<boolean> {
      // Memberships first: SQLite only cascades with foreign_keys on, and this must not depend on it.
      await db.deleteFrom('group_members').where('group_id', 'in', db.selectFrom('groups').select('id').where('org_id', '=', orgId).where('id', '=', id)).execute();
      const result = await db.deleteFrom('groups').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Member user ids, in the order they joined. The caller has checked the group is in its org. */
    async memberIds(groupId: string): Promise<string[]> {
      const rows = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).orderBy('created_at').orderBy('user_id').execute();
      return rows.map((row) => row.user_id);
    },

    /** Adds the users not yet members; returns how many were added. */
    async addMembers(groupId: string, userIds: readonly string[], at: Date): Promise<number> {
      if (userIds.length === 0) return 0;
      const result = await db
        .insertInto('group_members')
        .values([...new Set(userIds)].map((userId) => ({ group_id: groupId, user_id: userId, created_at: at.getTime() })))
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    /** Removes those users from the group; returns how many were members. */
    async removeMembers(groupId: string, userIds: readonly string[]): Promise<number> {
      if (userIds.length === 0) return 0;
      const result = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', 'in', [...new Set(userIds)]).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Removes every member not in `keepUserIds`; returns how many were removed. */
    async removeMembersExcept(groupId: string, keepUserIds: readonly string[]): Promise<number> {
      let query = db.deleteFrom('group_members').where('group_id', '=', groupId);
      if (keepUserIds.length > 0) query = query.where('user_id', 'not in', [...new Set(keepUserIds)]);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type GroupStore = ReturnType<typeof createGroupStore>;
