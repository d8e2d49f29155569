/**
 * SCIM's view of the directory (docs/scim.md): users and groups with their SCIM rows
 * (migration 0006), filtered and paged the way SCIM asks. Every user and group of the org is a SCIM
 * resource, so an identity provider can match people who were there before it; users a SCIM client
 * deleted are hidden. SCIM pages by `startIndex` (an offset): the one exception to keyset paging,
 * which RFC 7644 §3.4.2.4 leaves no way around; the order is `(created_at, id)`, stable across pages.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { Group, User } from '../domain/models.js';
import type { ScimFilter } from '../domain/scim-filter.js';
import type { GroupMemberRef, GroupView, ScimUserData } from '../domain/scim-resources.js';
import { isUniqueViolation } from './db-errors.js';
import { parseJsonObject, toDate } from './rows.js';
import type { Database } from './schema.js';
import { toUser } from './user-store.js';

export interface ScimUserRecord {
  user: User;
  scim: ScimUserData | null;
}

export interface OffsetPage {
  /** 0-based. */
  offset: number;
  limit: number;
}

const TRUE = sql<SqlBool>`1 = 1`;

function userCondition(filter: ScimFilter): Expression<SqlBool> {
  switch (filter.op) {
    case 'all':
      return TRUE;
    case 'and':
    case 'or': {
      const parts = filter.filters.map(userCondition);
      return sql<SqlBool>`(${sql.join(parts, sql.raw(filter.op === 'and' ? ' and ' : ' or '))})`;
    }
    case 'eq': {
      const v = filter.value;
      switch (filter.attr) {
        case 'id':
          return sql<SqlBool>`u.id = ${String(v)}`;
        case 'userName':
          return sql<SqlBool>`(s.user_name_lower = ${String(v).toLowerCase()} or (s.user_id is null and u.email_lower = ${String(v).toLowerCase()}))`;
        case 'externalId':
          return sql<SqlBool>`s.external_id = ${String(v)}`;
        case 'email':
          return sql<SqlBool>`u.email_lower = ${String(v).toLowerCase()}`;
        case 'displayName':
          return sql<SqlBool>`lower(u.name) = ${String(v).toLowerCase()}`;
        case 'active':
          return sql<SqlBool>`u.status = ${v === true ? 'active' : 'deactivated'}`;
      }
    }
  }
}

function groupCondition(filter: ScimFilter): Expression<SqlBool> {
  switch (filter.op) {
    case 'all':
      return TRUE;
    case 'and':
    case 'or': {
      const parts = filter.filters.map(groupCondition);
      return sql<SqlBool>`(${sql.join(parts, sql.raw(filter.op === 'and' ? ' and ' : ' or '))})`;
    }
    case 'eq': {
      const v = String(filter.value);
      if (filter.attr === 'id') return sql<SqlBool>`g.id = ${v}`;
      if (filter.attr === 'externalId') return sql<SqlBool>`sg.external_id = ${v}`;
      if (filter.attr === 'displayName') return sql<SqlBool>`lower(g.name) = ${v.toLowerCase()}`;
      // A user-only attribute in a group filter: the filter compiler does not produce it.
      return sql<SqlBool>`1 = 0`;
    }
  }
}

const DUPLICATE_USER_NAME = 'A user with this userName already exists in the organization.';

export function createScimStore(db: Kysely<Database>) {
  function usersQuery(orgId: string) {
    return db
      .selectFrom('users as u')
      .leftJoin('scim_users as s', 's.user_id', 'u.id')
      .where('u.org_id', '=', orgId)
      .where('s.deleted_at', 'is', null);
  }

  function groupsQuery(orgId: string) {
    return db.selectFrom('groups as g').leftJoin('scim_groups as sg', 'sg.group_id', 'g.id').where('g.org_id', '=', orgId);
  }

  async function selectUsers(orgId: string, condition: Expression<SqlBool>, page: OffsetPage | null): Promise<ScimUserRecord[]> {
    let query = usersQuery(orgId)
      .selectAll('u')
      .select(['s.user_id as s_user_id', 's.user_name as s_user_name', 's.external_id as s_external_id', 's.attributes as s_attributes', 's.created_at as s_created_at', 's.updated_at as s_updated_at'])
      .where(condition)
      .orderBy('u.created_at')
      .orderBy('u.id');
    if (page) query = query.limit(page.limit).offset(page.offset);
    const rows = await query.execute();
    return rows.map((row) => ({
      user: toUser(row),
      scim:
        row.s_user_id === null
          ? null
          : {
              userName: row.s_user_name!,
              externalId: row.s_external_id ?? null,
              attributes: parseJsonObject(row.s_attributes!),
              createdAt: toDate(row.s_created_at!),
              updatedAt: toDate(row.s_updated_at!),
            },
    }));
  }

  async function listGroups(orgId: string, filter: ScimFilter | null, page: OffsetPage): Promise<{ total: number; items: GroupView[] }> {
    const condition = filter ? groupCondition(filter) : TRUE;
    const counted = await groupsQuery(orgId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(condition)
      .executeTakeFirstOrThrow();
    if (page.limit === 0) return { total: Number(counted.n), items: [] };
    const rows = await groupsQuery(orgId)
      .select(['g.id', 'g.name', 'g.created_at', 'sg.external_id', 'sg.updated_at'])
      .where(condition)
      .orderBy('g.created_at')
      .orderBy('g.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return {
      total: Number(counted.n),
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: toDate(row.created_at),
        externalId: row.external_id ?? null,
        updatedAt: row.updated_at === null ? null : toDate(row.updated_at),
      })),
    };
  }

  return {
    /** One page of visible users matching `filter` (null: all), and how many match in all. */
    async listUsers(orgId: string, filter: ScimFilter | null, page: OffsetPage): Promise<{ total: number; items: ScimUserRecord[] }> {
      const condition = filter ? userCondition(filter) : TRUE;
      const counted = await usersQuery(orgId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(condition)
        .executeTakeFirstOrThrow();
      const items = page.limit === 0 ? [] : await selectUsers(orgId, condition, page);
      return { total: Number(counted.n), items };
    },

    async findUser(orgId: string, userId: string): Promise<ScimUserRecord | null> {
      const [found] = await selectUsers(orgId, sql<SqlBool>`u.id = ${userId}`, { offset: 0, limit: 1 });
      return found ?? null;
    },

    /** The id of a visible or SCIM-deleted user holding `userName` (in any case), other than `exceptUserId`. */
    async userNameHolder(orgId: string, userName: string, exceptUserId: string | null): Promise<string | null> {
      const lower = userName.toLowerCase();
      const row = await db
        .selectFrom('users as u')
        .leftJoin('scim_users as s', 's.user_id', 'u.id')
        .select('u.id')
        .where('u.org_id', '=', orgId)
        .where(sql<SqlBool>`(s.user_name_lower = ${lower} or (s.user_id is null and u.email_lower = ${lower}))`)
        .$if(exceptUserId !== null, (q) => q.where('u.id', '!=', exceptUserId!))
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Writes the user's SCIM row; CONFLICT when the userName is taken (the unique index decides). */
    async saveUser(orgId: string, userId: string, data: ScimUserData): Promise<void> {
      const values = {
        user_name: data.userName,
        user_name_lower: data.userName.toLowerCase(),
        external_id: data.externalId,
        attributes: JSON.stringify(data.attributes),
        updated_at: data.updatedAt.getTime(),
        deleted_at: null,
      };
      try {
        await db
          .insertInto('scim_users')
          .values({ user_id: userId, org_id: orgId, created_at: data.createdAt.getTime(), ...values })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('CONFLICT', DUPLICATE_USER_NAME, { cause: error });
        throw error;
      }
    },

    async markUserDeleted(orgId: string, userId: string, at: Date): Promise<void> {
      await db.updateTable('scim_users').set({ deleted_at: at.getTime(), updated_at: at.getTime() }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
    },

    /** One page of groups matching `filter`, and how many match in all. */
    listGroups,

    async findGroup(orgId: string, groupId: string): Promise<GroupView | null> {
      const { items } = await listGroups(orgId, { op: 'eq', attr: 'id', value: groupId }, { offset: 0, limit: 1 });
      return items[0] ?? null;
    },

    /** Members of many groups in one query (no N+1), in the order they joined. */
    async membersOf(groupIds: readonly string[]): Promise<Map<string, GroupMemberRef[]>> {
      const members = new Map<string, GroupMemberRef[]>(groupIds.map((id) => [id, []]));
      if (groupIds.length === 0) return members;
      const rows = await db
        .selectFrom('group_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.group_id', 'u.id', 'u.name'])
        .where('m.group_id', 'in', [...new Set(groupIds)])
        .orderBy('m.created_at')
        .orderBy('m.user_id')
        .execute();
      for (const row of rows) members.get(row.group_id)?.push({ id: row.id, name: row.name });
      return members;
    },

    async saveGroupExternalId(group: Group, externalId: string | null, at: Date): Promise<void> {
      await db
        .insertInto('scim_groups')
        .values({ group_id: group.id, org_id: group.orgId, external_id: externalId, created_at: at.getTime(), updated_at: at.getTime() })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ external_id: externalId, updated_at: at.getTime() }))
        .execute();
    },
  };
}

export type ScimStore = ReturnType<typeof createScimStore>;
