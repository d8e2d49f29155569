/**
 * The events outbox. `recordEvent` runs inside the transaction of the change that raises
 * the event, so an event exists if and only if its change committed; the delivery worker reads the
 * outbox afterwards (at-least-once, docs/events.md).
 */
import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { DomainEvent, EventType, NewEvent } from '../domain/events.js';
import type { DeliveryStatus } from '../domain/automation.js';
import { newTimeOrderedId } from '../domain/ids.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
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
  const id = newTimeOrderedId('evt');
  await trx
    .insertInto('events')
    .values({ id, org_id: event.orgId, type: event.type, payload: JSON.stringify(event.payload), occurred_at: event.occurredAt.getTime(), dispatched_at: null })
    .execute();
  return { id, ...event };
}

/** Rows per INSERT when many events are recorded at once (7 parameters each, under every dialect's limit). */
const RECORD_CHUNK = 500;

/** Escapes in JSON text that PostgreSQL cannot turn back into text: NUL, and surrogates (JSON.stringify escapes only lone ones). */
const UNPACKS_BADLY = /\\u(?:0000|d[89a-f])/i;

/**
 * Appends many events to the outbox on `trx` in multi-row inserts: a bulk change (a batch of a
 * bulk revoke) records its thousand events in two statements instead of a thousand.
 */
export async function recordEvents(trx: Kysely<Database>, events: readonly NewEvent[]): Promise<void> {
  const isPostgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  for (let i = 0; i < events.length; i += RECORD_CHUNK) {
    const rowsWith = <P>(payloadOf: (event: NewEvent) => P) =>
      events.slice(i, i + RECORD_CHUNK).map((event) => ({
        id: newTimeOrderedId('evt'),
        org_id: event.orgId,
        type: event.type,
        payload: payloadOf(event),
        occurred_at: event.occurredAt.getTime(),
        dispatched_at: null,
      }));
    if (isPostgres) {
      // One JSON parameter instead of 3,000: PostgreSQL binds and plans it 2.5-3.5 times faster
      // (100,000 events: 1.1 s against 2.7-3.9 s). SQLite is faster with plain parameters. Each
      // payload is a JSON value inside it, not a string, so it is written and read once rather
      // than escaped twice (a fifth of a bulk revoke's own work in Node); `json` keeps its text
      // as given, so the stored payload is what JSON.stringify makes of it. PostgreSQL refuses
      // to unpack a document holding an escaped NUL character or a lone half of a surrogate pair
      // (JSON.stringify escapes both), so such a batch is sent with each payload as a string.
      const rows = rowsWith((event) => event.payload);
      const asValues = JSON.stringify(rows);
      const payloadType = UNPACKS_BADLY.test(asValues) ? 'text' : 'json';
      const param = payloadType === 'json' ? asValues : JSON.stringify(rows.map((row) => ({ ...row, payload: JSON.stringify(row.payload) })));
      await sql`insert into events (id, org_id, type, payload, occurred_at, dispatched_at)
        select id, org_id, type, payload::text, occurred_at, dispatched_at
        from json_to_recordset(${param}::json) as r(id varchar, org_id varchar, type varchar, payload ${sql.raw(payloadType)}, occurred_at bigint, dispatched_at bigint)`.execute(trx);
    } else {
      await trx.insertInto('events').values(rowsWith((event) => JSON.stringify(event.payload))).execute();
    }
  }
}

/** Filters of the admin's event list (GET .../events). */
export interface EventFilters {
  type?: EventType | undefined;
  occurredAfter?: Date | undefined;
  occurredBefore?: Date | undefined;
}

/** How many deliveries of each status one event has (webhooks and e-mails alike). */
export type DeliveryCounts = Record<DeliveryStatus, number>;

export function createEventStore(db: Kysely<Database>) {
  return {
    /** `recordEvent` on this store's executor: pass a store made over the transaction. */
    record: <T extends EventType>(event: NewEvent<T>) => recordEvent(db, event),
    /** `recordEvents` on this store's executor. */
    recordMany: (events: readonly NewEvent[]) => recordEvents(db, events),
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
    /** Oldest first, keyset-paged on `(occurred_at, id)` (the `events_org_time_idx` index). */
    async listOfOrg(orgId: string, filters: EventFilters, page: KeysetRequest): Promise<KeysetResult<DomainEvent & { dispatchedAt: Date | null }>> {
      let query = db.selectFrom('events').selectAll().where('org_id', '=', orgId);
      if (filters.type) query = query.where('type', '=', filters.type);
      if (filters.occurredAfter) query = query.where('occurred_at', '>=', filters.occurredAfter.getTime());
      if (filters.occurredBefore) query = query.where('occurred_at', '<', filters.occurredBefore.getTime());
      const condition = keysetCondition('events', page, 'occurred_at');
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('occurred_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, (row) => ({ ...toDomainEvent(row), dispatchedAt: row.dispatched_at === null ? null : toDate(row.dispatched_at) }));
    },
    /** Per event id, its deliveries counted by status (events with none are absent). */
    async deliveryCounts(eventIds: readonly string[]): Promise<Map<string, DeliveryCounts>> {
      const counts = new Map<string, DeliveryCounts>();
      if (eventIds.length === 0) return counts;
      const rows = await db
        .selectFrom('deliveries')
        .select(['event_id', 'status', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
        .where('event_id', 'in', [...eventIds])
        .groupBy(['event_id', 'status'])
        .execute();
      for (const row of rows) {
        const entry = counts.get(row.event_id) ?? { pending: 0, delivering: 0, succeeded: 0, dead: 0 };
        entry[row.status as DeliveryStatus] = Number(row.n);
        counts.set(row.event_id, entry);
      }
      return counts;
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
