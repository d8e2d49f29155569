/** Per-org OIDC single sign-on settings, and the group sync that sign-in performs. */
import type { Kysely, Selectable } from 'kysely';
import { parseJsonArray, parseJsonObject } from './rows.js';
import type { Database, SsoConfigTable } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

export interface SsoConfig {
  orgId: string;
  issuer: string;
  clientId: string;
  /** AES-GCM sealed; only the OIDC service opens it. */
  clientSecretSealed: string;
  scopes: string;
  allowedDomains: string[];
  groupClaim: string | null;
  groupMapping: Record<string, string>;
  jitEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toConfig(row: Selectable<SsoConfigTable>): SsoConfig {
  const mapping = parseJsonObject(row.group_mapping);
  return {
    orgId: row.org_id,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSealed: row.client_secret_sealed,
    scopes: row.scopes,
    allowedDomains: parseJsonArray(row.allowed_domains),
    groupClaim: row.group_claim,
    groupMapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, String(v)])),
    jitEnabled: row.jit_enabled === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function createSsoConfigStore(db: Kysely<Database>) {
  return {
    async find(orgId: string): Promise<SsoConfig | null> {
      const row = await db.selectFrom('sso_configs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
      return row ? toConfig(row) : null;
    },

    async upsert(config: SsoConfig): Promise<void> {
      const values = {
        issuer: config.issuer,
        client_id: config.clientId,
        client_secret_sealed: config.clientSecretSealed,
        scopes: config.scopes,
        allowed_domains: JSON.stringify(config.allowedDomains),
        group_claim: config.groupClaim,
        group_mapping: JSON.stringify(config.groupMapping),
        jit_enabled: config.jitEnabled ? 1 : 0,
        updated_at: config.updatedAt.getTime(),
      };
      await db
        .insertInto('sso_configs')
        .values({ org_id: config.orgId, created_at: config.createdAt.getTime(), ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },

    async delete(orgId: string): Promise<boolean> {
      const result = await db.deleteFrom('sso_configs').where('org_id', '=', orgId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Which of `groupIds` are groups of the org (one query). */
    async existingGroupIds(orgId: string, groupIds: readonly string[]): Promise<Set<string>> {
      if (groupIds.length === 0) return new Set();
      const rows = await db.selectFrom('groups').select('id').where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(groupIds)]).execute();
      return new Set(rows.map((r) => r.id));
    },

    /**
     * Makes the user a member of exactly `wanted` among `managed` groups (the mapped ones), leaving
     * every other membership alone. Two statements whatever the number of groups.
     */
    async syncManagedMemberships(userId: string, managed: readonly string[], wanted: readonly string[], at: Date): Promise<{ added: string[]; removed: string[] }> {
      if (managed.length === 0) return { added: [], removed: [] };
      const current = new Set(
        (await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).where('group_id', 'in', [...managed]).execute()).map((r) => r.group_id),
      );
      const wantedSet = new Set(wanted.filter((id) => managed.includes(id)));
      const added = [...wantedSet].filter((id) => !current.has(id));
      const removed = [...current].filter((id) => !wantedSet.has(id));
      if (removed.length > 0) await db.deleteFrom('group_members').where('user_id', '=', userId).where('group_id', 'in', removed).execute();
      if (added.length > 0) {
        await db
          .insertInto('group_members')
          .values(added.map((groupId) => ({ group_id: groupId, user_id: userId, created_at: at.getTime() })))
          .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
          .execute();
      }
      return { added, removed };
    },

    /** The user's groups (id and name), for `/api/v1/me`. */
    async groupsOfUser(userId: string): Promise<Array<{ id: string; name: string }>> {
      return db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['groups.id', 'groups.name'])
        .where('group_members.user_id', '=', userId)
        .orderBy('groups.name')
        .execute();
    },
  };
}

export type SsoConfigStore = ReturnType<typeof createSsoConfigStore>;
