/**
 * Rotations of connected tokens (migration 0018). A rotation is claimed by one conditional update
 * before the upstream is asked, so two openings of the same link, or two nodes, can never send the
 * same rotation twice.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ConnectorRotation, RotationState } from '../domain/connector-rotation.js';
import { toDate, toDateOrNull } from './rows.js';
import type { ConnectorRotationTable, Database } from './schema.js';

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRotation(row: Selectable<ConnectorRotationTable>): ConnectorRotation {
  return {
    id: row.id,
    orgId: row.org_id,
    connectorId: row.connector_id,
    externalTokenId: row.external_token_id,
    recipientUserId: row.recipient_user_id,
    expiresInDays: Number(row.expires_in_days),
    state: row.state as RotationState,
    newExternalId: row.new_external_id,
    upstreamStatus: num(row.upstream_status),
    outcome: row.outcome,
    requestedBy: row.requested_by,
    createdAt: toDate(Number(row.created_at)),
    linkExpiresAt: toDate(Number(row.link_expires_at)),
    startedAt: toDateOrNull(num(row.started_at)),
    finishedAt: toDateOrNull(num(row.finished_at)),
  };
}

/** States in which a rotation is not settled: a new one for the same token must wait. */
const OPEN_STATES: RotationState[] = ['pending', 'rotating', 'unknown'];

export function createConnectorRotationStore(db: Kysely<Database>) {
  return {
    async insert(rotation: ConnectorRotation, linkDigest: string): Promise<void> {
      await db
        .insertInto('connector_rotations')
        .values({
          id: rotation.id,
          org_id: rotation.orgId,
          connector_id: rotation.connectorId,
          external_token_id: rotation.externalTokenId,
          recipient_user_id: rotation.recipientUserId,
          link_digest: linkDigest,
          expires_in_days: rotation.expiresInDays,
          state: rotation.state,
          new_external_id: null,
          upstream_status: null,
          outcome: null,
          requested_by: rotation.requestedBy,
          created_at: rotation.createdAt.getTime(),
          link_expires_at: rotation.linkExpiresAt.getTime(),
          started_at: null,
          finished_at: null,
        })
        .execute();
    },

    async find(orgId: string, id: string): Promise<ConnectorRotation | null> {
      const row = await db.selectFrom('connector_rotations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toRotation(row) : null;
    },

    /** With the stored digest, for a constant-time compare by the caller. */
    async findByLinkDigest(linkDigest: string): Promise<{ rotation: ConnectorRotation; linkDigest: string } | null> {
      const row = await db.selectFrom('connector_rotations').selectAll().where('link_digest', '=', linkDigest).executeTakeFirst();
      return row ? { rotation: toRotation(row), linkDigest: row.link_digest } : null;
    },

    /** The unsettled rotation of a connected token, if any. */
    async openOfToken(externalTokenId: string): Promise<ConnectorRotation | null> {
      const row = await db.selectFrom('connector_rotations').selectAll().where('external_token_id', '=', externalTokenId).where('state', 'in', OPEN_STATES).executeTakeFirst();
      return row ? toRotation(row) : null;
    },

    /** pending -> rotating, once: false when the link was used already (or by another node). */
    async claim(id: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('connector_rotations')
        .set({ state: 'rotating', started_at: at.getTime() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('link_expires_at', '>', at.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async finish(id: string, fromStates: readonly RotationState[], state: RotationState, fields: { newExternalId?: string | null; upstreamStatus?: number | null; outcome: string }, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('connector_rotations')
        .set({ state, new_external_id: fields.newExternalId ?? null, upstream_status: fields.upstreamStatus ?? null, outcome: fields.outcome, finished_at: at.getTime() })
        .where('id', '=', id)
        .where('state', 'in', [...fromStates])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type ConnectorRotationStore = ReturnType<typeof createConnectorRotationStore>;
