import type { Kysely, Selectable } from 'kysely';
import type { ServiceAccount, ServiceAccountStatus } from '../domain/models.js';
import type { Database, ServiceAccountTable } from './schema.js';
import { toDate } from './rows.js';

export function toServiceAccount(row: Omit<Selectable<ServiceAccountTable>, 'deleted_at' | 'deleted_by'>): ServiceAccount {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    displayName: row.display_name,
    description: row.description,
    picture: row.picture,
    status: row.status as ServiceAccountStatus,
    createdById: row.created_by_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** A position in the `(created_at, id)` order of an org's accounts. */
export interface AccountKey {
  createdAtMs: number;
  id: string;
}

/**
 * One keyset page: `after` walks forward from a row, `before` backward to it (for `links.prev`).
 * Items come back in ascending order either way; `hasMore` says whether rows exist further in the
 * walking direction.
 */
export interface AccountPageRequest {
  after?: AccountKey | undefined;
  before?: AccountKey | undefined;
  limit: number;
}

export function createServiceAccountStore(db: Kysely<Database>) {
  // Deleted accounts (SA6) keep their row for the token history but are gone for every read here.
  const live = (orgId: string) => db.selectFrom('service_accounts').where('org_id', '=', orgId).where('deleted_at', 'is', null);

  return {
    async insert(account: ServiceAccount): Promise<void> {
      await db
        .insertInto('service_accounts')
        .values({
          id: account.id,
          org_id: account.orgId,
          email: account.email,
          display_name: account.displayName,
          description: account.description,
          picture: account.picture,
          status: account.status,
          created_by_id: account.createdById,
          created_at: account.createdAt.getTime(),
          updated_at: account.updatedAt.getTime(),
        })
        .execute();
    },

    /** A live (not deleted) account of the org, or null. */
    async findById(orgId: string, id: string): Promise<ServiceAccount | null> {
      const row = await live(orgId).selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toServiceAccount(row) : null;
    },

    /** Keyset page over the org's live accounts in `(created_at, id)` order; fetches `limit + 1`. */
    async listPage(orgId: string, page: AccountPageRequest): Promise<{ items: ServiceAccount[]; hasMore: boolean }> {
      let query = live(orgId).selectAll();
      const { after, before } = page;
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '>', after.createdAtMs), eb.and([eb('created_at', '=', after.createdAtMs), eb('id', '>', after.id)])]),
        );
      }
      if (before) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', before.createdAtMs), eb.and([eb('created_at', '=', before.createdAtMs), eb('id', '<', before.id)])]),
        );
      }
      const direction = before ? 'desc' : 'asc';
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      const items = rows.slice(0, page.limit).map(toServiceAccount);
      if (before) items.reverse();
      return { items, hasMore: rows.length > page.limit };
    },

    async countLive(orgId: string): Promise<number> {
      const row = await live(orgId).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The subset of `ids` that are live accounts of the org: one query for all of them. */
    async findLiveIds(orgId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await live(orgId).select('id').where('id', 'in', [...ids]).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Changes the given fields of a live account; false when there is none with that id. */
    async update(orgId: string, id: string, changes: { displayName?: string; description?: string | null }, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('service_accounts')
        .set({
          ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          updated_at: at.getTime(),
        })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Marks a live account deleted (and INACTIVE); false when there is none with that id. */
    async markDeleted(orgId: string, id: string, by: string | null, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('service_accounts')
        .set({ deleted_at: at.getTime(), deleted_by: by, status: 'INACTIVE', updated_at: at.getTime() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type ServiceAccountStore = ReturnType<typeof createServiceAccountStore>;
