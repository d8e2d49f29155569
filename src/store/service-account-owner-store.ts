/**
 * Accountable owners of service accounts (migration 0013): a person or a group per account, the
 * accounts that need one, and the addresses their tokens' notices go to.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export type AccountableOwner = { type: 'user' | 'group'; id: string };

export interface OwnerRecord {
  owner: AccountableOwner;
  needsReassignment: boolean;
}

export interface AccountNeedingOwner {
  id: string;
  displayName: string;
  email: string;
  /** none: nobody answers for it; owner_deactivated: its owning person was deactivated; owner_gone: its owner no longer exists. */
  reason: 'none' | 'owner_deactivated' | 'owner_gone';
}

export function createServiceAccountOwnerStore(db: Kysely<Database>) {
  return {
    async set(orgId: string, serviceAccountId: string, owner: AccountableOwner, at: Date): Promise<void> {
      const values = { owner_type: owner.type, owner_id: owner.id, needs_reassignment: 0, updated_at: at.getTime() };
      await db
        .insertInto('service_account_owners')
        .values({ service_account_id: serviceAccountId, org_id: orgId, ...values })
        .onConflict((oc) => oc.column('service_account_id').doUpdateSet(values))
        .execute();
    },

    async find(serviceAccountId: string): Promise<OwnerRecord | null> {
      const row = await db.selectFrom('service_account_owners').selectAll().where('service_account_id', '=', serviceAccountId).executeTakeFirst();
      return row ? { owner: { type: row.owner_type as AccountableOwner['type'], id: row.owner_id }, needsReassignment: row.needs_reassignment === 1 } : null;
    },

    /** Flags the accounts a person owns for reassignment (they were deactivated); how many. */
    async flagOwnedBy(orgId: string, userId: string, at: Date): Promise<number> {
      const result = await db
        .updateTable('service_account_owners')
        .set({ needs_reassignment: 1, updated_at: at.getTime() })
        .where('org_id', '=', orgId)
        .where('owner_type', '=', 'user')
        .where('owner_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Live service accounts nobody answers for, or whose owner was deactivated (at most `limit`). */
    async listNeedingOwner(orgId: string, limit: number): Promise<AccountNeedingOwner[]> {
      // An owner left behind also counts: a person no longer active (deactivated before the flag
      // existed, or removed), a group deleted.
      const rows = await db
        .selectFrom('service_accounts as sa')
        .leftJoin('service_account_owners as o', 'o.service_account_id', 'sa.id')
        .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'o.owner_id').on('o.owner_type', '=', 'user'))
        .leftJoin('groups as g', (join) => join.onRef('g.id', '=', 'o.owner_id').on('o.owner_type', '=', 'group'))
        .select(['sa.id', 'sa.display_name', 'sa.email', 'o.owner_id', 'o.owner_type', 'o.needs_reassignment', 'u.id as user_id', 'u.status as user_status', 'g.id as group_id'])
        .where('sa.org_id', '=', orgId)
        .where('sa.deleted_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('o.owner_id', 'is', null),
            eb('o.needs_reassignment', '=', 1),
            eb.and([eb('o.owner_type', '=', 'user'), eb.or([eb('u.id', 'is', null), eb('u.status', '<>', 'active')])]),
            eb.and([eb('o.owner_type', '=', 'group'), eb('g.id', 'is', null)]),
          ]),
        )
        .orderBy('sa.display_name')
        .orderBy('sa.id')
        .limit(limit)
        .execute();
      return rows.map((r) => {
        const isGone = r.owner_id !== null && (r.owner_type === 'user' ? r.user_id === null : r.group_id === null);
        const reason: AccountNeedingOwner['reason'] = r.owner_id === null ? 'none' : isGone ? 'owner_gone' : 'owner_deactivated';
        return { id: r.id, displayName: r.display_name, email: r.email, reason };
      });
    },

    /**
     * The active addresses that answer for each account: its owning person, or its owning group's
     * active members (two queries for any number of accounts).
     */
    async noticeEmails(serviceAccountIds: readonly string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>();
      if (serviceAccountIds.length === 0) return map;
      const direct = await db
        .selectFrom('service_account_owners as o')
        .innerJoin('users as u', 'u.id', 'o.owner_id')
        .select(['o.service_account_id', 'u.email'])
        .where('o.service_account_id', 'in', [...serviceAccountIds])
        .where('o.owner_type', '=', 'user')
        .where('u.status', '=', 'active')
        .execute();
      const viaGroup = await db
        .selectFrom('service_account_owners as o')
        .innerJoin('group_members as gm', 'gm.group_id', 'o.owner_id')
        .innerJoin('users as u', 'u.id', 'gm.user_id')
        .select(['o.service_account_id', 'u.email'])
        .where('o.service_account_id', 'in', [...serviceAccountIds])
        .where('o.owner_type', '=', 'group')
        .where('u.status', '=', 'active')
        .orderBy(sql`u.email`)
        .execute();
      for (const row of [...direct, ...viaGroup]) map.set(row.service_account_id, [...(map.get(row.service_account_id) ?? []), row.email]);
      return map;
    },
  };
}

export type ServiceAccountOwnerStore = ReturnType<typeof createServiceAccountOwnerStore>;
