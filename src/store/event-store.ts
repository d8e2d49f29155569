/**
 * The events outbox (issue #8). `recordEvent` runs inside the transaction of the change that raises
 * the event, so an event exists if and only if its change committed; the delivery worker reads the
 * outbox afterwards (at-least-once, docs/events.md).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DomainEvent, EventType, NewEvent } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import { parseJsonObject, toDate } from './rows.js';
import type { Database, EventTable } from './schema.js';

export function toDomainEvent(row: Selectable<EventTable>): DomainEvent {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type as EventType,
    payload: parseJsonObject(row.payload) as unknown as DomainEvent['payload'],
    occurredAt: toDate(row.occurred_at),
  };
}

/**
 * Appends an event to the outbox on `trx` (the caller's transaction) and returns it with its id.
 *
 *   await db.transaction().execute(async (trx) => {
 *     await createStores(trx).tokens.revoke(...);
 *     await recordEvent(trx, { orgId, type: 'token.revoked', payload, occurredAt: clock() });
 *   });
 */
export async function recordEvent<T extends EventType>(trx: Kysely<Database>, event: NewEvent<T>): Promise<DomainEvent<T>> {
  const id = newId('evt');
  await trx
    .insertInto('events')
    .values({ id, org_id: event.orgId, type: event.type, payload: JSON.stringify(event.payload), occurred_at: event.occurredAt.getTime(), dispatched_at: null })
    .execute();
  return { id, ...event };
}

export function createEventStore(db: Kysely<Database>) {
  return {
    /** `recordEvent` on this store's executor: pass a store made over the transaction. */
    record: <T extends EventType>(event: NewEvent<T>) => recordEvent(db, event),
    /** Oldest first: events whose deliveries have not been created yet. */
    async listUndispatched(limit: number): Promise<DomainEvent[]> {
      const rows = await db.selectFrom('events').selectAll().where('dispatched_at', 'is', null).orderBy('occurred_at').orderBy('id').limit(limit).execute();
      return rows.map(toDomainEvent);
    },
    async markDispatched(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable('events').set({ dispatched_at: at.getTime() }).where('id', 'in', [...ids]).where('dispatched_at', 'is', null).execute();
    },
    async findByIds(ids: readonly string[]): Promise<Map<string, DomainEvent>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('events').selectAll().where('id', 'in', [...ids]).execute();
      return new Map(rows.map((row) => [row.id, toDomainEvent(row)]));
    },
    /** Newest first, for tests and the admin's view: the org's events of one type. */
    async listOfType(orgId: string, type: EventType, limit: number): Promise<DomainEvent[]> {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('type', '=', type)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDomainEvent);
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
