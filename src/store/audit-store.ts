import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../domain/models.js';
import type { AuditLogTable, Database } from './schema.js';
import { parseJsonObject, toDate } from './rows.js';

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    orgId: row.org_id,
    at: toDate(row.at),
    actorType: row.actor_type as AuditEntry['actorType'],
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: parseJsonObject(row.details),
  };
}

/** Append-only: there is no update or delete here on purpose. */
export function createAuditStore(db: Kysely<Database>) {
  return {
    async append(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          org_id: entry.orgId,
          at: entry.at.getTime(),
          actor_type: entry.actorType,
          actor_id: entry.actorId,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          ip: entry.ip,
          details: JSON.stringify(entry.details),
        })
        .execute();
    },
    /** Newest first. */
    async listRecent(orgId: string, limit: number): Promise<AuditEntry[]> {
      const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toAuditEntry);
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
