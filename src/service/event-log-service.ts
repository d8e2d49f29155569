/**
 * The admin's view of the events outbox (docs/events.md): what happened, in order, and
 * whether each event's webhooks and e-mails went out. Events are kept until the `outbox-purge` job
 * removes delivered ones past retention (docs/automation.md).
 */
import type { Kysely } from 'kysely';
import type { CursorKey } from '../domain/cursor.js';
import type { DomainEvent, EventType } from '../domain/events.js';
import type { DeliveryCounts } from '../store/event-store.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';

export interface EventListQuery extends PageQuery {
  type?: EventType | undefined;
  /** ISO 8601: events at or after. */
  from?: string | undefined;
  /** ISO 8601: events before. */
  to?: string | undefined;
}

export interface ListedEvent extends DomainEvent {
  dispatchedAt: Date | null;
  /** `createdAt` is the paging key's time: when the event happened. */
  createdAt: Date;
  deliveries: DeliveryCounts;
}

const NO_DELIVERIES: DeliveryCounts = { pending: 0, delivering: 0, succeeded: 0, dead: 0 };

export function createEventLogService(deps: { db: Kysely<Database>; cursorKey: CursorKey }) {
  const stores = createStores(deps.db);
  return {
    /** Oldest first, keyset-paged; `from`/`to` narrow the window, `type` the kind. */
    async listEvents(orgId: string, query: EventListQuery): Promise<Page<ListedEvent>> {
      const fingerprint = `events:${orgId}:${query.type ?? ''}:${query.from ?? ''}:${query.to ?? ''}`;
      const { request, body } = keysetRequestOf(deps.cursorKey, fingerprint, query);
      const filters = {
        type: query.type,
        occurredAfter: query.from === undefined ? undefined : new Date(query.from),
        occurredBefore: query.to === undefined ? undefined : new Date(query.to),
      };
      const result = await stores.events.listOfOrg(orgId, filters, request);
      const counts = await stores.events.deliveryCounts(result.items.map((event) => event.id));
      const items = result.items.map((event) => ({ ...event, createdAt: event.occurredAt, deliveries: counts.get(event.id) ?? NO_DELIVERIES }));
      return pageOf(deps.cursorKey, fingerprint, body, { items, hasMore: result.hasMore });
    },
  };
}

export type EventLogService = ReturnType<typeof createEventLogService>;
