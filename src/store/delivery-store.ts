/**
 * Deliveries of events to webhook endpoints and e-mail recipients. A delivery is claimed
 * with a conditional update that also sets a lease: a node that dies mid-delivery leaves a lease
 * that expires, and the next claim takes the delivery again (at-least-once, same event id).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Delivery, DeliveryChannel, DeliveryStatus } from '../domain/automation.js';
import { newTimeOrderedId } from '../domain/ids.js';
import type { KeysetRequest, KeysetResult } from './keyset.js';
import { keysetCondition, keysetDirection, keysetResult } from './keyset.js';
import { toDate, toDateOrNull } from './rows.js';
import type { Database, DeliveryTable } from './schema.js';

export type { Delivery, DeliveryChannel, DeliveryStatus } from '../domain/automation.js';


function toDelivery(row: Selectable<DeliveryTable>): Delivery {
  return {
    id: row.id,
    orgId: row.org_id,
    eventId: row.event_id,
    channel: row.channel as DeliveryChannel,
    target: row.target,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    leaseUntil: toDateOrNull(row.lease_until),
    lastError: row.last_error,
    lastStatusCode: row.last_status_code,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    completedAt: toDateOrNull(row.completed_at),
  };
}

export interface NewDelivery {
  orgId: string;
  eventId: string;
  channel: DeliveryChannel;
  target: string;
}

export function createDeliveryStore(db: Kysely<Database>) {
  /** Due: pending and its time has come, or claimed by someone whose lease ran out. */
  const isDue = (nowMs: number) => (eb: any) =>
    eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowMs)]), eb.and([eb('status', '=', 'delivering'), eb('lease_until', '<', nowMs)])]);

  return {
    /** Idempotent: a delivery that exists for (event, channel, target) is left as it is. */
    async insertMany(deliveries: readonly NewDelivery[], at: Date): Promise<void> {
      if (deliveries.length === 0) return;
      await db
        .insertInto('deliveries')
        .values(
          deliveries.map((d) => ({
            id: newTimeOrderedId('dlv'),
            org_id: d.orgId,
            event_id: d.eventId,
            channel: d.channel,
            target: d.target,
            status: 'pending',
            attempts: 0,
            next_attempt_at: at.getTime(),
            lease_until: null,
            last_error: null,
            last_status_code: null,
            created_at: at.getTime(),
            updated_at: at.getTime(),
            completed_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['event_id', 'channel', 'target']).doNothing())
        .execute();
    },

    /**
     * Claims up to `limit` due deliveries for `leaseMs`, counting the attempt now (so a delivery
     * that crashes its node every time still reaches the dead-letter state).
     */
    async claimDue(now: Date, leaseMs: number, limit: number): Promise<Delivery[]> {
      const nowMs = now.getTime();
      const candidates = await db.selectFrom('deliveries').select('id').where(isDue(nowMs)).orderBy('next_attempt_at').limit(limit).execute();
      const claimed: Delivery[] = [];
      for (const { id } of candidates) {
        const row = await db
          .updateTable('deliveries')
          .set((eb) => ({ status: 'delivering', lease_until: nowMs + leaseMs, attempts: eb('attempts', '+', 1), updated_at: nowMs }))
          .where('id', '=', id)
          .where(isDue(nowMs))
          .returningAll()
          .executeTakeFirst();
        if (row) claimed.push(toDelivery(row));
      }
      return claimed;
    },

    async markSucceeded(id: string, statusCode: number | null, at: Date): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ status: 'succeeded', lease_until: null, last_status_code: statusCode, last_error: null, completed_at: at.getTime(), updated_at: at.getTime() })
        .where('id', '=', id)
        .execute();
    },

    /** A failed attempt: back to pending at `retryAt`, or dead when `retryAt` is null. */
    async markFailed(id: string, failure: { error: string; statusCode: number | null; retryAt: Date | null }, at: Date): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({
          status: failure.retryAt ? 'pending' : 'dead',
          next_attempt_at: failure.retryAt ? failure.retryAt.getTime() : at.getTime(),
          lease_until: null,
          last_error: failure.error.slice(0, 500),
          last_status_code: failure.statusCode,
          completed_at: failure.retryAt ? null : at.getTime(),
          updated_at: at.getTime(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Back to pending now, attempts from zero; the event (and so the webhook-id) stays the same. */
    async requeue(orgId: string, id: string, at: Date): Promise<Delivery | null> {
      const row = await db
        .updateTable('deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: at.getTime(), lease_until: null, completed_at: null, updated_at: at.getTime() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('status', 'in', ['dead', 'succeeded'])
        .returningAll()
        .executeTakeFirst();
      return row ? toDelivery(row) : null;
    },

    async findById(orgId: string, id: string): Promise<Delivery | null> {
      const row = await db.selectFrom('deliveries').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toDelivery(row) : null;
    },

    /** Keyset page of one target's deliveries (an endpoint's), oldest first, optionally of one status. */
    async listOfTarget(orgId: string, target: string, status: DeliveryStatus | undefined, page: KeysetRequest): Promise<KeysetResult<Delivery>> {
      let query = db.selectFrom('deliveries').selectAll().where('org_id', '=', orgId).where('target', '=', target);
      if (status) query = query.where('status', '=', status);
      const condition = keysetCondition('deliveries', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toDelivery);
    },

    async listOfEvent(eventId: string): Promise<Delivery[]> {
      const rows = await db.selectFrom('deliveries').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toDelivery);
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
