import type { Kysely, Selectable } from 'kysely';
import type { Organization } from '../domain/models.js';
import type { Database, OrganizationTable } from './schema.js';
import { toDate } from './rows.js';

function toOrganization(row: Selectable<OrganizationTable>): Organization {
  return { id: row.id, name: row.name, createdAt: toDate(row.created_at) };
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
  };
}

export type OrganizationStore = ReturnType<typeof createOrganizationStore>;
