import type { Kysely, Selectable } from 'kysely';
import type { Organization } from '../domain/models.js';
import type { Database, OrganizationTable } from './schema.js';
import { toDate, toDateOrNull } from './rows.js';

function toOrganization(row: Selectable<OrganizationTable>): Organization {
  return { id: row.id, name: row.name, createdAt: toDate(row.created_at), disabledAt: toDateOrNull(row.disabled_at === null ? null : Number(row.disabled_at)) };
}

export function createOrganizationStore(db: Kysely<Database>) {
  return {
    async insert(org: Organization): Promise<void> {
      await db.insertInto('organizations').values({ id: org.id, name: org.name, created_at: org.createdAt.getTime() }).execute();
    },
    async findById(id: string): Promise<Organization | null> {
      const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toOrganization(row) : null;
    },
    async findByName(name: string): Promise<Organization | null> {
      const row = await db.selectFrom('organizations').selectAll().where('name', '=', name).orderBy('created_at').executeTakeFirst();
      return row ? toOrganization(row) : null;
    },
    async listAll(): Promise<Organization[]> {
      const rows = await db.selectFrom('organizations').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toOrganization);
    },
    /** Whether the org is disabled (an unknown org is not): one indexed point read. */
    async isDisabled(id: string): Promise<boolean> {
      const row = await db.selectFrom('organizations').select('disabled_at').where('id', '=', id).executeTakeFirst();
      return row !== undefined && row.disabled_at !== null;
    },
    /** Sets or clears `disabled_at`; false when the org does not exist. */
    async setDisabledAt(id: string, disabledAt: Date | null): Promise<boolean> {
      const result = await db.updateTable('organizations').set({ disabled_at: disabledAt ? disabledAt.getTime() : null }).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type OrganizationStore = ReturnType<typeof createOrganizationStore>;
