import type { Kysely, Selectable } from 'kysely';
import type { AccountType, User, UserRole, UserStatus } from '../domain/models.js';
import type { Database, UserTable } from './schema.js';
import { toDate } from './rows.js';

function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
    accountType: row.account_type as AccountType,
    status: row.status as UserStatus,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function createUserStore(db: Kysely<Database>) {
  return {
    async insert(user: User): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          org_id: user.orgId,
          email: user.email,
          email_lower: user.email.toLowerCase(),
          name: user.name,
          role: user.role,
          account_type: user.accountType,
          status: user.status,
          created_at: user.createdAt.getTime(),
          updated_at: user.updatedAt.getTime(),
        })
        .execute();
    },
    async findById(orgId: string, id: string): Promise<User | null> {
      const row = await db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findByEmail(orgId: string, email: string): Promise<User | null> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('email_lower', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    /** One query for many ids (no N+1 when a list shows owners). */
    async findByIds(orgId: string, ids: readonly string[]): Promise<Map<string, User>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((row) => [row.id, toUser(row)]));
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
