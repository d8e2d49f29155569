/**
 * Rotation of connected tokens (GitLab), delivered the way central issuance delivers: the admin
 * asks, the owner gets a one-time link, and the new value is made upstream only when the owner
 * opens it, going straight into that answer. Tokenward never holds the new value.
 *
 * GitLab treats a second rotation of a rotated token as theft and revokes its whole chain, the new
 * token included. So a rotation is sent at most once: the link is claimed before the upstream is
 * asked, and a rotation whose answer was lost stays `unknown` (never sent again) until an admin
 * resolves it, which reads the token from GitLab to learn what happened.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_ROTATION_LIFETIME_DAYS, expiryDateOf, MAX_ROTATION_LIFETIME_DAYS, type ConnectorRotation, type RotationState } from '../domain/connector-rotation.js';
import type { Connector, ExternalToken } from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { actorOf, principalId } from '../domain/principal.js';
import type { SecretBox } from '../domain/secret-box.js';
import { DAY_MS } from '../domain/time.js';
import { digestsEqual, digestToken, type Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { Caller } from './connector-service.js';
import { CONNECTOR_TYPE_DEFINITIONS, type ConnectorClient, type ConnectorClientOptions } from './connectors/connector-types.js';
import { UpstreamError } from './connectors/upstream-http.js';
import { DELIVERY_TTL_DAYS, type AuditActor } from './issuance-service.js';

const LINK_PREFIX = 'twr_';
/** A rotation still `rotating` this long after it started was cut off (its node died): resolvable. */
const STALE_ROTATING_MS = 10 * 60_000;

export interface RotationRequest {
  expiresInDays?: number | undefined;
  /** Who receives the link when the token's owner is not a directory user (group and project tokens). */
  recipientUserId?: string | undefined;
}

export interface ConnectorRotationDeps {
  db: Kysely<Database>;
  clock: Clock;
  pepper: Pepper;
  credentials: SecretBox;
  client?: ConnectorClientOptions | undefined;
}

export function createConnectorRotationService(deps: ConnectorRotationDeps) {
  const { db, clock, pepper } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, orgId: string, actor: AuditActor, action: string, targetId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actor, action, targetType: 'external_token', targetId, details }, clock));
  }

  async function clientOf(connector: Connector): Promise<ConnectorClient> {
    const found = await stores.connectors.findWithSecret(connector.id);
    const credential = found ? deps.credentials.open(found.credentialSealed) : null;
    if (credential === null) throw new DomainError('VALIDATION_FAILED', 'The stored credential cannot be opened with this server\'s key; enter the credential again.');
    return CONNECTOR_TYPE_DEFINITIONS[connector.type].createClient({ baseUrl: connector.baseUrl, upstreamOrgId: connector.upstreamOrgId, credential }, deps.client ?? {});
  }

  async function mustFind(orgId: string, connectorId: string, tokenId: string): Promise<{ connector: Connector; token: ExternalToken }> {
    const connector = await stores.connectors.find(orgId, connectorId);
    if (!connector) throw new DomainError('CONNECTOR_NOT_FOUND');
    const token = await stores.externalTokens.find(orgId, tokenId);
    if (!token || token.connectorId !== connectorId) throw new DomainError('TOKEN_NOT_FOUND');
    return { connector, token };
  }

  async function mustFindRotation(orgId: string, connectorId: string, rotationId: string): Promise<ConnectorRotation> {
    const rotation = await stores.connectorRotations.find(orgId, rotationId);
    if (!rotation || rotation.connectorId !== connectorId) throw new DomainError('NOT_FOUND', 'No such rotation on this connector.');
    return rotation;
  }

  /** Settles a rotation and what it did to the old token, with its audit entry, in one transaction. */
  async function settle(rotation: ConnectorRotation, from: RotationState[], state: RotationState, fields: { newExternalId?: string | null; upstreamStatus?: number | null; outcome: string }, actor: AuditActor, action: string, oldTokenRevoked: boolean): Promise<ConnectorRotation> {
    await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      if (!(await tx.connectorRotations.finish(rotation.id, from, state, fields, clock()))) throw new DomainError('CONFLICT', 'The rotation was settled meanwhile.');
      if (oldTokenRevoked) await tx.externalTokens.markRevoked([rotation.externalTokenId], actor.actorId, 'rotated in GitLab from Tokenward', clock());
      await audit(tx, rotation.orgId, actor, action, rotation.externalTokenId, {
        rotationId: rotation.id,
        connectorId: rotation.connectorId,
        state,
        upstream: { status: fields.upstreamStatus ?? null, answer: fields.outcome },
        ...(fields.newExternalId ? { newExternalId: fields.newExternalId } : {}),
      });
    });
    return (await stores.connectorRotations.find(rotation.orgId, rotation.id))!;
  }

  return {
    /**
     * An admin asks for a rotation: a one-time link for the owner (or the named recipient), valid
     * for 7 days. Nothing changes upstream until the link is opened.
     */
    async requestRotation(caller: Caller, orgId: string, connectorId: string, tokenId: string, request: RotationRequest): Promise<{ rotation: ConnectorRotation; link: string }> {
      const { connector, token } = await mustFind(orgId, connectorId, tokenId);
      if (!CONNECTOR_TYPE_DEFINITIONS[connector.type].rotates) throw new DomainError('UPSTREAM_UNSUPPORTED', `Tokenward cannot rotate tokens of a ${connector.type} connector: revoke the token instead.`);
      if (token.status === 'revoked') throw new DomainError('CONFLICT', 'The token is revoked or gone upstream: there is nothing to rotate.');
      const days = request.expiresInDays ?? DEFAULT_ROTATION_LIFETIME_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > MAX_ROTATION_LIFETIME_DAYS) throw new DomainError('VALIDATION_FAILED', `expiresInDays must be a whole number from 1 to ${MAX_ROTATION_LIFETIME_DAYS}.`);
      const recipientId = request.recipientUserId ?? token.ownerUserId;
      if (!recipientId) throw new DomainError('VALIDATION_FAILED', 'The token\'s owner is not a person of the directory: name the recipient of the new token (recipientUserId).');
      const recipient = await stores.users.findById(orgId, recipientId);
      if (!recipient) throw new DomainError('USER_NOT_FOUND', 'The recipient is not a user of this organization.');
      const now = clock();
      const rotation: ConnectorRotation = {
        id: newId('rot'),
        orgId,
        connectorId,
        externalTokenId: token.id,
        recipientUserId: recipient.id,
        expiresInDays: days,
        state: 'pending',
        newExternalId: null,
        upstreamStatus: null,
        outcome: null,
        requestedBy: principalId(caller.principal),
        createdAt: now,
        linkExpiresAt: new Date(now.getTime() + DELIVERY_TTL_DAYS * DAY_MS),
        startedAt: null,
        finishedAt: null,
      };
      const link = `${LINK_PREFIX}${randomBytes(32).toString('base64url')}`;
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const open = await tx.connectorRotations.openOfToken(token.id);
        if (open) {
          throw new DomainError(
            'CONFLICT',
            open.state === 'unknown' ? `Rotation ${open.id} of this token has an unknown outcome: resolve it first (GitLab revokes every token of the chain if a rotated token is rotated again).` : `Rotation ${open.id} of this token is still open.`,
          );
        }
        await tx.connectorRotations.insert(rotation, digestToken(pepper, link));
        await audit(tx, orgId, { ...actorOf(caller.principal), ip: caller.ip }, 'external_token.rotation_requested', token.id, {
          rotationId: rotation.id,
          connectorId,
          recipientUserId: recipient.id,
          expiresInDays: days,
          linkExpiresAt: rotation.linkExpiresAt.toISOString(),
        });
      });
      return { rotation, link };
    },

    /**
     * The recipient opens the link: GitLab rotates the token now, and the new value is returned
     * in this answer only. Once: a second opening, or one after 7 days, is DELIVERY_GONE.
     */
    async redeem(orgId: string, userId: string, link: string, ip: string | null): Promise<{ rotation: ConnectorRotation; token: ExternalToken; secret: string; expiresAt: string | null }> {
      if (typeof link !== 'string' || !link.startsWith(LINK_PREFIX) || link.length > 100) throw new DomainError('DELIVERY_GONE');
      const digest = digestToken(pepper, link);
      const found = await stores.connectorRotations.findByLinkDigest(digest);
      if (!found || !digestsEqual(found.linkDigest, digest) || found.rotation.orgId !== orgId || found.rotation.recipientUserId !== userId) throw new DomainError('DELIVERY_GONE');
      const { rotation } = found;
      if (rotation.state !== 'pending' || !(await stores.connectorRotations.claim(rotation.id, clock()))) throw new DomainError('DELIVERY_GONE');
      const actor = { actorType: 'user' as const, actorId: userId, ip };
      const { connector, token } = await mustFind(orgId, rotation.connectorId, rotation.externalTokenId);
      const client = await clientOf(connector);
      let result;
      try {
        result = await client.rotate!(token, expiryDateOf(clock(), rotation.expiresInDays));
      } catch (error) {
        // Anything thrown here may have come after the request left: as unknown as a lost answer.
        result = { outcome: 'unknown' as const, answer: error instanceof UpstreamError || error instanceof DomainError ? error.detail : 'The rotation failed in an unexpected way; GitLab may have acted.' };
      } finally {
        await client.close();
      }
      if (result.outcome === 'rotated') {
        const settled = await settle(rotation, ['rotating'], 'rotated', { newExternalId: result.newExternalId, upstreamStatus: result.status, outcome: 'Rotated; the new token was handed to its recipient.' }, actor, 'external_token.rotated', true);
        return { rotation: settled, token: (await stores.externalTokens.find(orgId, token.id))!, secret: result.secret, expiresAt: result.expiresAt };
      }
      if (result.outcome === 'refused') {
        await settle(rotation, ['rotating'], 'refused', { upstreamStatus: result.status, outcome: result.answer }, actor, 'external_token.rotation_failed', false);
        throw new DomainError('UPSTREAM_FAILED', `Not rotated: ${result.answer} The old token is unchanged.`);
      }
      await settle(rotation, ['rotating'], 'unknown', { outcome: result.answer }, actor, 'external_token.rotation_unknown', false);
      throw new DomainError(
        'UPSTREAM_OUTCOME_UNKNOWN',
        `GitLab's answer to the rotation was lost: ${result.answer} It is not sent again (a second rotation would make GitLab revoke every token of the chain). An admin resolves it by reading the token from GitLab; ask for a new link then.`,
      );
    },

    /**
     * Reads the token from GitLab to settle a rotation whose outcome is unknown: the old token no
     * longer works, so the rotation happened (its new value is lost: revoke the new token or
     * rotate it), or it still works, so nothing happened and a new rotation may be asked for.
     */
    async resolve(caller: Caller, orgId: string, connectorId: string, rotationId: string): Promise<ConnectorRotation> {
      const rotation = await mustFindRotation(orgId, connectorId, rotationId);
      const isStale = rotation.state === 'rotating' && rotation.startedAt !== null && clock().getTime() - rotation.startedAt.getTime() > STALE_ROTATING_MS;
      if (rotation.state !== 'unknown' && !isStale) throw new DomainError('CONFLICT', `The rotation is ${rotation.state}: only a rotation with an unknown outcome is resolved.`);
      const { connector, token } = await mustFind(orgId, connectorId, rotation.externalTokenId);
      const client = await clientOf(connector);
      let state;
      try {
        state = await client.readToken!(token);
      } catch (error) {
        if (error instanceof UpstreamError) throw new DomainError('UPSTREAM_FAILED', `The token could not be read from GitLab: ${error.detail} The rotation stays unknown.`);
        throw error;
      } finally {
        await client.close();
      }
      const actor = { ...actorOf(caller.principal), ip: caller.ip };
      const from: RotationState[] = ['unknown', 'rotating'];
      if (state === null || !state.active) {
        const outcome = 'Read again from GitLab: the old token no longer works, so the rotation happened and its new value was lost (nobody saw it). The new token shows at the next sync: revoke it, or rotate it to deliver a new value.';
        return settle(rotation, from, 'resolved_rotated', { outcome }, actor, 'external_token.rotation_resolved', true);
      }
      const outcome = 'Read again from GitLab: the old token still works, so it was not rotated. Ask for a new rotation to deliver a new value.';
      return settle(rotation, from, 'resolved_not_rotated', { outcome }, actor, 'external_token.rotation_resolved', false);
    },

    get: mustFindRotation,
  };
}

export type ConnectorRotationService = ReturnType<typeof createConnectorRotationService>;
