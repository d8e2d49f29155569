/**
 * Policy assignees by name: a policy file names groups, people (by e-mail) and service accounts
 * (by name or e-mail) so one file fits several servers, where every id differs. One query per kind.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

export interface NamedAssignee {
  id: string;
  name: string;
  email: string | null;
}

export function createAssigneeNameQueries(db: Kysely<Database>) {
  return {
    /** The org's groups whose name is one of `names` (exact). */
    async groupsNamed(orgId: string, names: readonly string[]): Promise<NamedAssignee[]> {
      if (names.length === 0) return [];
      const rows = await db.selectFrom('groups').select(['id', 'name']).where('org_id', '=', orgId).where('name', 'in', [...new Set(names)]).execute();
      return rows.map((row) => ({ id: row.id, name: row.name, email: null }));
    },

    /** The org's people whose e-mail is one of `emails` (any case). */
    async usersWithEmail(orgId: string, emails: readonly string[]): Promise<NamedAssignee[]> {
      if (emails.length === 0) return [];
      const lower = [...new Set(emails.map((email) => email.toLowerCase()))];
      const rows = await db.selectFrom('users').select(['id', 'name', 'email']).where('org_id', '=', orgId).where('email_lower', 'in', lower).execute();
      return rows.map((row) => ({ id: row.id, name: row.name, email: row.email }));
    },

    /** The org's live service accounts whose name or e-mail is one of `refs`. */
    async serviceAccountsNamed(orgId: string, refs: readonly string[]): Promise<NamedAssignee[]> {
      if (refs.length === 0) return [];
      const unique = [...new Set(refs)];
      const rows = await db
        .selectFrom('service_accounts')
        .select(['id', 'display_name', 'email'])
        .where('org_id', '=', orgId)
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('display_name', 'in', unique), eb('email', 'in', unique)]))
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.display_name, email: row.email }));
    },

    /** Names of assignee ids, for writing a policy file. Ids the org does not hold are left out. */
    async namesOf(orgId: string, ids: { groupIds: readonly string[]; userIds: readonly string[]; serviceAccountIds: readonly string[] }): Promise<Map<string, NamedAssignee>> {
      const names = new Map<string, NamedAssignee>();
      if (ids.groupIds.length > 0) {
        const rows = await db.selectFrom('groups').select(['id', 'name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids.groupIds)]).execute();
        for (const row of rows) names.set(row.id, { id: row.id, name: row.name, email: null });
      }
      if (ids.userIds.length > 0) {
        const rows = await db.selectFrom('users').select(['id', 'name', 'email']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids.userIds)]).execute();
        for (const row of rows) names.set(row.id, { id: row.id, name: row.name, email: row.email });
      }
      if (ids.serviceAccountIds.length > 0) {
        const rows = await db.selectFrom('service_accounts').select(['id', 'display_name', 'email']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids.serviceAccountIds)]).execute();
        for (const row of rows) names.set(row.id, { id: row.id, name: row.display_name, email: row.email });
      }
      return names;
    },
  };
}
