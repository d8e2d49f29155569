import { sql, type Kysely, type Selectable } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { AccountType, User, UserRole, UserStatus } from '../domain/models.js';
import { isUniqueViolation } from './db-errors.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import type { Database, UserTable } from './schema.js';
import { toDate } from './rows.js';
import { escapeLike } from '../domain/like-pattern.js';
import { orgOfIdList } from './org-id-list.js';

export function toUser(row: Selectable<UserTable>): User {
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

export interface UserFilter {
  /** Case-insensitive substring of the name or the e-mail. */
  q?: string | undefined;
  status?: UserStatus | undefined;
  role?: UserRole | undefined;
}

export type UserChanges = Partial<Pick<User, 'email' | 'name' | 'role' | 'status'>> & { updatedAt: Date };

const DUPLICATE_EMAIL = 'A user with this e-mail already exists in the organization.';

/** `%` and `_` in a search are literal characters, not wildcards. */
function likePattern(q: string): string {
  return `%${escapeLike(q.toLowerCase())}%`;
}

export function createUserStore(db: Kysely<Database>) {
  return {
    /** Throws CONFLICT when the e-mail is taken in the org (any case): the unique index decides, so races are safe. */
    async insert(user: User): Promise<void> {
      try {
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
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('CONFLICT', DUPLICATE_EMAIL, { cause: error });
        throw error;
      }
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
      const rows = await db.selectFrom('users').selectAll().where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((row) => [row.id, toUser(row)]));
    },

    /** A keyset page of the org's users matching `filter`, oldest first. */
    async list(orgId: string, filter: UserFilter, page: KeysetRequest): Promise<KeysetResult<User>> {
      let query = db.selectFrom('users').selectAll().where('org_id', '=', orgId);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.role) query = query.where('role', '=', filter.role);
      if (filter.q) {
        const pattern = likePattern(filter.q);
        // email_lower is stored lower-cased; name is lowered here. SQLite's lower() folds ASCII only.
        query = query.where(
          sql<boolean>`(${sql.ref('users.email_lower')} like ${pattern} escape '\\' or lower(${sql.ref('users.name')}) like ${pattern} escape '\\')`,
        );
      }
      const condition = keysetCondition('users', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toUser);
    },

    /** Applies the changes; null when no such user. CONFLICT when the new e-mail is taken. */
    async update(orgId: string, id: string, changes: UserChanges): Promise<User | null> {
      try {
        const row = await db
          .updateTable('users')
          .set({
            ...(changes.email !== undefined ? { email: changes.email, email_lower: changes.email.toLowerCase() } : {}),
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.role !== undefined ? { role: changes.role } : {}),
            ...(changes.status !== undefined ? { status: changes.status } : {}),
            updated_at: changes.updatedAt.getTime(),
          })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row ? toUser(row) : null;
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('CONFLICT', DUPLICATE_EMAIL, { cause: error });
        throw error;
      }
    },

    async countActiveOwners(orgId: string): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('role', '=', 'owner')
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Serializes changes to an org's owners until the transaction ends, so two admins demoting the
     * two last owners at once cannot both succeed. A no-op update of the org row takes a row lock in
     * PostgreSQL and the write lock in SQLite; `SELECT ... FOR UPDATE` does not exist in SQLite.
     */
    async lockOrgOwners(orgId: string): Promise<void> {
      await db.updateTable('organizations').set((eb) => ({ name: eb.ref('name') })).where('id', '=', orgId).execute();
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
