/** Server-side sessions: looked up by the digest of the cookie's secret, with their user. */
import type { Kysely } from 'kysely';
import type { User } from '../domain/models.js';
import type { Database } from './schema.js';
import { toUser } from './user-store.js';

export interface StoredSession {
  id: string;
  orgId: string;
  userId: string;
  method: 'password' | 'sso';
  createdAt: Date;
  lastSeenAt: Date;
}

export interface NewSession extends StoredSession {
  digest: string;
  ip: string | null;
}

export function createSessionStore(db: Kysely<Database>) {
  return {
    async insert(session: NewSession): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          digest: session.digest,
          org_id: session.orgId,
          user_id: session.userId,
          method: session.method,
          created_at: session.createdAt.getTime(),
          last_seen_at: session.lastSeenAt.getTime(),
          ip: session.ip,
        })
        .execute();
    },

    /** The session and its user, in one query (every authenticated console request does this). */
    async findByDigest(digest: string): Promise<{ session: StoredSession & { digest: string }; user: User } | null> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          'sessions.id as session_id',
          'sessions.digest as session_digest',
          'sessions.org_id as session_org_id',
          'sessions.method as session_method',
          'sessions.created_at as session_created_at',
          'sessions.last_seen_at as session_last_seen_at',
        ])
        .where('sessions.digest', '=', digest)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: {
          id: row.session_id,
          digest: row.session_digest,
          orgId: row.session_org_id,
          userId: row.id,
          method: row.session_method as StoredSession['method'],
          createdAt: new Date(row.session_created_at),
          lastSeenAt: new Date(row.session_last_seen_at),
        },
        user: toUser(row),
      };
    },

    async touch(id: string, at: Date): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: at.getTime() }).where('id', '=', id).execute();
    },

    async deleteById(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    /** Ends every session of the user (deactivation, password change); returns how many. */
    async deleteByUser(userId: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countByUser(userId: string): Promise<number> {
      const row = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
