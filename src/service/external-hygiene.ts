/**
 * The idle-revoke and expiry-warning jobs over connected tokens. Planning reads the inventory
 * only; the revoke of an idle token is a call to the connected system, made before the job step's
 * transaction (never inside one), whose answer the step then records: the token is marked revoked
 * only when the connected system agreed, and the audit entry keeps its answer either way.
 *
 * Idle limits: the owner's effective policy when the owner is a directory user, else the policy
 * the admin picked for the connector's unmatched owners; either falls back to the org's
 * automation setting when it sets no idle limit.
 */
import type { Clock } from '../domain/clock.js';
import type { Connector, ExternalToken } from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import type { TokenRef } from '../domain/events.js';
import { planExternalExpiryWarnings, planExternalIdleRevocations } from '../domain/external-hygiene.js';
import { noticeKeyOf, type AutomationSettings, type HygieneAction } from '../domain/hygiene.js';
import type { SecretBox } from '../domain/secret-box.js';
import { DAY_MS } from '../domain/time.js';
import type { Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { CONNECTOR_TYPE_DEFINITIONS, type ConnectorClientOptions, type UpstreamActionResult } from './connectors/connector-types.js';
import { UpstreamError } from './connectors/upstream-http.js';
import { resolverOver } from './policy-impact.js';
import { ensurePolicyDefaults } from './policy-setup.js';

export interface ExternalHygieneDeps {
  clock: Clock;
  credentials: SecretBox;
  client?: ConnectorClientOptions | undefined;
}

type RevokeAction = Extract<HygieneAction, { type: 'revoke_idle_external' }>;
type WarnAction = Extract<HygieneAction, { type: 'warn_expiring_external' }>;

const SYSTEM = { actorType: 'system' as const, actorId: 'automation', ip: null };

/** What the events say about a connected token: the token reference webhooks and e-mails know. */
function tokenRefOf(connector: Pick<Connector, 'type'>, token: ExternalToken): TokenRef {
  return {
    id: token.id,
    kind: token.kind,
    label: token.label,
    displayPrefix: connector.type,
    owner: token.ownerUserId ? { type: 'user', id: token.ownerUserId } : null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

export function createExternalHygiene(deps: ExternalHygieneDeps) {
  /** Each connected token's idle limit in days (null: never revoked for idleness). */
  async function idleLimitsOf(stores: Stores, orgId: string, settings: AutomationSettings): Promise<(token: ExternalToken) => number | null> {
    await ensurePolicyDefaults(stores, orgId, deps.clock());
    const policies = await stores.policies.listAll(orgId);
    const resolve = resolverOver(policies, await stores.policies.groupIdsByUser(orgId), await stores.scopes.list(orgId));
    const unmatchedLimit = new Map<string, number | null>();
    for (const connector of await stores.connectors.listOfOrg(orgId)) {
      const policy = connector.unmatchedPolicyId ? policies.find((p) => p.id === connector.unmatchedPolicyId) : undefined;
      unmatchedLimit.set(connector.id, policy?.rule.idleRevokeAfterDays ?? settings.idleRevokeAfterDays);
    }
    return (token) =>
      token.ownerUserId ? (resolve({ type: 'user', id: token.ownerUserId }).rule.idleRevokeAfterDays ?? settings.idleRevokeAfterDays) : (unmatchedLimit.get(token.connectorId) ?? settings.idleRevokeAfterDays);
  }

  return {
    async planIdle(stores: Stores, orgId: string, settings: AutomationSettings, now: Date): Promise<HygieneAction[]> {
      const tokens = await stores.externalTokens.activeNonAdminOfOrg(orgId);
      if (tokens.length === 0) return [];
      const connectors = await stores.connectors.listOfOrg(orgId);
      const eachRevocable = new Set(connectors.filter((c) => CONNECTOR_TYPE_DEFINITIONS[c.type].revokesEachServiceAccountToken === true).map((c) => c.id));
      return planExternalIdleRevocations(tokens, now, await idleLimitsOf(stores, orgId, settings), (connectorId) => eachRevocable.has(connectorId));
    },

    async planExpiry(stores: Stores, orgId: string, thresholdsDays: readonly number[], now: Date): Promise<HygieneAction[]> {
      const maxDays = Math.max(0, ...thresholdsDays);
      const tokens = await stores.externalTokens.expiringActiveOfOrg(orgId, now, maxDays * DAY_MS);
      return planExternalExpiryWarnings(tokens, now, thresholdsDays, await stores.externalTokens.noticesOf(tokens.map((t) => t.id)));
    },

    /**
     * Asks the connected system to revoke the token; outside any transaction. null when there is
     * nothing to ask (the token is gone from the inventory or no longer active: a repeated step).
     */
    async revokeUpstream(stores: Stores, orgId: string, action: RevokeAction): Promise<UpstreamActionResult | null> {
      const token = await stores.externalTokens.find(orgId, action.externalTokenId);
      if (!token || token.status !== 'active') return null;
      const found = await stores.connectors.findWithSecret(token.connectorId);
      if (!found) return null;
      const credential = deps.credentials.open(found.credentialSealed);
      if (credential === null) return { ok: false, status: null, answer: 'The connector\'s stored credential cannot be opened with this server\'s key; enter it again.' };
      const { connector } = found;
      const client = CONNECTOR_TYPE_DEFINITIONS[connector.type].createClient({ baseUrl: connector.baseUrl, upstreamOrgId: connector.upstreamOrgId, credential }, deps.client ?? {});
      try {
        return await client.revoke(token);
      } catch (error) {
        if (error instanceof DomainError) return { ok: false, status: null, answer: error.detail };
        if (error instanceof UpstreamError) return { ok: false, status: error.status, answer: error.detail };
        throw error;
      } finally {
        await client.close().catch(() => undefined);
      }
    },

    /** Records the upstream's answer: revoked here only when it agreed; audited either way. */
    async applyRevoke(tx: Stores, orgId: string, action: RevokeAction, result: UpstreamActionResult | null, now: Date): Promise<void> {
      if (result === null) return;
      const token = await tx.externalTokens.find(orgId, action.externalTokenId);
      const connector = token ? await tx.connectors.find(orgId, token.connectorId) : null;
      if (!token || !connector) return;
      const { idleDays, revokeAfterDays } = action;
      if (result.ok) {
        await tx.externalTokens.markRevoked([token.id], null, `idle for ${idleDays} days`, now);
        await tx.events.record({ orgId, type: 'token.idle_revoked', payload: { token: tokenRefOf(connector, token), idleDays, revokeAfterDays }, occurredAt: now });
      }
      await tx.audit.append(
        auditEntry(
          {
            orgId,
            ...SYSTEM,
            action: result.ok ? 'external_token.idle_revoked' : 'external_token.revoke_failed',
            targetType: 'external_token',
            targetId: token.id,
            details: { connectorId: token.connectorId, externalId: token.externalId, kind: token.kind, idleDays, revokeAfterDays, upstream: { status: result.status, answer: result.answer } },
          },
          () => now,
        ),
      );
    },

    async applyExpiryWarning(tx: Stores, orgId: string, action: WarnAction, now: Date): Promise<void> {
      const token = await tx.externalTokens.find(orgId, action.externalTokenId);
      const connector = token ? await tx.connectors.find(orgId, token.connectorId) : null;
      if (!token || !connector || !(await tx.externalTokens.insertNotice(token.id, noticeKeyOf(action)!, now))) return;
      await tx.events.record({ orgId, type: 'token.expiring', payload: { token: tokenRefOf(connector, token), daysBefore: action.daysBefore }, occurredAt: now });
    },
  };
}

export type ExternalHygiene = ReturnType<typeof createExternalHygiene>;
