import type { Kysely, Selectable } from 'kysely';
import type { ServiceAccount, ServiceAccountStatus } from '../domain/models.js';
import type { Database, ServiceAccountTable } from './schema.js';
import { toDate } from './rows.js';

function toServiceAccount(row: Selectable<ServiceAccountTable>): ServiceAccount {
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

export function createServiceAccountStore(db: Kysely<Database>) {
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
    async findById(orgId: string, id: string): Promise<ServiceAccount | null> {
      const row = await db.selectFrom('service_accounts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toServiceAccount(row) : null;
    },
  };
}

export type ServiceAccountStore = ReturnType<typeof createServiceAccountStore>;
