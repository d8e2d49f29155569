/**
 * Connectors of an org: add, change, remove, test, start a sync, and act on their tokens upstream.
 * The credential is sealed before it is stored and opened only to build a client; no answer of
 * this service carries it. An action upstream is recorded with the upstream's answer, and a
 * refusal is reported as a failure: the token stays as it was in Tokenward.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import {
  CONNECTOR_TYPES,
  DEFAULT_SCHEDULE_MINUTES,
  MAX_SCHEDULE_MINUTES,
  MIN_SCHEDULE_MINUTES,
  normalizeBaseUrl,
  type ConnectionCheck,
  type Connector,
  type ConnectorType,
  type ExternalToken,
  type SyncRun,
} from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import { parseGithubAppCredential } from '../domain/github-connector.js';
import { actorOf, principalId, type Principal } from '../domain/principal.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { ConnectorSyncService } from './connector-sync-service.js';
import { CONNECTOR_TYPE_DEFINITIONS, type ConnectorClient, type ConnectorClientOptions, type UpstreamActionResult } from './connectors/connector-types.js';
import { UpstreamError } from './connectors/upstream-http.js';
import { DAY_MS } from '../domain/time.js';

export interface Caller {
  principal: Principal;
  ip: string | null;
}

export interface ConnectorInput {
  type: string;
  name: string;
  baseUrl: string;
  upstreamOrgId: string;
  credential: string;
  scheduleMinutes?: number | undefined;
  unmatchedPolicyId?: string | null | undefined;
}

export type ConnectorPatch = Partial<Omit<ConnectorInput, 'type'>>;

export interface ConnectorView {
  connector: Connector;
  lastSync: SyncRun | null;
}

export interface RevokeResult {
  tokenId: string;
  revoked: boolean;
  upstreamStatus: number | null;
  answer: string;
}

/** One idle token and what a cleanup does with it. */
export interface IdlePlanItem {
  token: ExternalToken;
  /** `revoke` upstream, or `flag`: the connected system cannot revoke it alone (a service-account token). */
  action: 'revoke' | 'flag';
}

/** Tokens one idle cleanup handles at most; run it again for more. */
export const MAX_IDLE_CLEANUP = 1000;

/** The longest credential accepted: a GitHub App's private key with its ids fits with room to spare. */
export const MAX_CREDENTIAL_LENGTH = 10_000;

/** Tokens one bulk revoke may name. */
export const MAX_BULK_REVOKE = 1000;

export interface ConnectorServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  credentials: SecretBox;
  sync: ConnectorSyncService;
  client?: ConnectorClientOptions | undefined;
}

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

function checkType(type: string): ConnectorType {
  const match = CONNECTOR_TYPES.find((t) => t === type);
  if (!match) throw invalid(`type must be one of: ${CONNECTOR_TYPES.join(', ')}.`);
  return match;
}

function checkText(name: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max) throw invalid(`${name} must be 1 to ${max} characters.`);
  return trimmed;
}

/** The credential as entered: an API key, or (GitHub) the App's JSON document, checked before it is sealed. */
function checkCredential(type: ConnectorType, value: string): string {
  const credential = checkText('credential', value, MAX_CREDENTIAL_LENGTH);
  if (type === 'github') parseGithubAppCredential(credential);
  return credential;
}

function checkSchedule(minutes: number | undefined): number | undefined {
  if (minutes === undefined) return undefined;
  if (!Number.isInteger(minutes) || minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES) {
    throw invalid(`scheduleMinutes must be a whole number of minutes from ${MIN_SCHEDULE_MINUTES} to ${MAX_SCHEDULE_MINUTES} (a week).`);
  }
  return minutes;
}

export function createConnectorService(deps: ConnectorServiceDeps) {
  const { db, clock, credentials } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, caller: Caller, orgId: string, action: string, targetType: string, targetId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType, targetId, details }, clock));
  }

  async function mustFind(orgId: string, id: string): Promise<Connector> {
    const connector = await stores.connectors.find(orgId, id);
    if (!connector) throw new DomainError('CONNECTOR_NOT_FOUND');
    return connector;
  }

  async function checkPolicy(orgId: string, policyId: string | null | undefined): Promise<string | null | undefined> {
    if (policyId === undefined || policyId === null) return policyId;
    const policy = await stores.policies.findById(orgId, policyId);
    if (!policy) throw new DomainError('POLICY_NOT_FOUND', 'unmatchedPolicyId names no policy of this organization.');
    return policyId;
  }

  async function clientOf(connector: Connector): Promise<ConnectorClient> {
    const found = await stores.connectors.findWithSecret(connector.id);
    const credential = found ? credentials.open(found.credentialSealed) : null;
    if (credential === null) throw new DomainError('VALIDATION_FAILED', 'The stored credential cannot be opened with this server\'s key; enter the credential again.');
    return CONNECTOR_TYPE_DEFINITIONS[connector.type].createClient({ baseUrl: connector.baseUrl, upstreamOrgId: connector.upstreamOrgId, credential }, deps.client ?? {});
  }

  /** Marks the token revoked when upstream agreed; audits either way, with the upstream's answer. */
  async function recordRevoke(caller: Caller, token: ExternalToken, result: UpstreamActionResult, via: string): Promise<RevokeResult> {
    await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      if (result.ok) await tx.externalTokens.markRevoked([token.id], principalId(caller.principal), 'revoked upstream from Tokenward', clock());
      await audit(tx, caller, token.orgId, result.ok ? 'external_token.revoked' : 'external_token.revoke_failed', 'external_token', token.id, {
        connectorId: token.connectorId,
        externalId: token.externalId,
        kind: token.kind,
        via,
        upstream: { status: result.status, answer: result.answer },
      });
    });
    return { tokenId: token.id, revoked: result.ok, upstreamStatus: result.status, answer: result.answer };
  }

  async function revokeOne(caller: Caller, client: ConnectorClient, token: ExternalToken): Promise<RevokeResult> {
    if (token.status === 'revoked') return { tokenId: token.id, revoked: true, upstreamStatus: null, answer: token.goneAt ? 'Already gone upstream.' : 'Already revoked.' };
    let result: UpstreamActionResult;
    try {
      result = await client.revoke(token);
    } catch (error) {
      if (error instanceof DomainError) return { tokenId: token.id, revoked: false, upstreamStatus: null, answer: error.detail };
      if (error instanceof UpstreamError) result = { ok: false, status: error.status, answer: error.detail };
      else throw error;
    }
    return recordRevoke(caller, token, result, 'single');
  }

  /**
   * Revokes live tokens: through the upstream's bulk calls when it has them (GitHub: 100 a call),
   * one by one otherwise; each token's result recorded with the answer of its call.
   */
  async function revokeSeveral(caller: Caller, client: ConnectorClient, tokens: readonly ExternalToken[]): Promise<RevokeResult[]> {
    if (!client.revokeBatch) {
      const results: RevokeResult[] = [];
      for (const token of tokens) results.push(await revokeOne(caller, client, token));
      return results;
    }
    const live = tokens.filter((t) => t.status !== 'revoked');
    const answers = live.length > 0 ? await client.revokeBatch(live) : new Map<string, UpstreamActionResult>();
    const results: RevokeResult[] = [];
    for (const token of tokens) {
      const answer = answers.get(token.id);
      if (!answer) results.push({ tokenId: token.id, revoked: true, upstreamStatus: null, answer: token.goneAt ? 'Already gone upstream.' : 'Already revoked.' });
      else results.push(await recordRevoke(caller, token, answer, 'bulk'));
    }
    return results;
  }

  return {
    async create(caller: Caller, orgId: string, input: ConnectorInput): Promise<Connector> {
      const type = checkType(input.type);
      const credential = checkCredential(type, input.credential);
      const values = {
        orgId,
        type,
        name: checkText('name', input.name, 200),
        baseUrl: normalizeBaseUrl(input.baseUrl),
        upstreamOrgId: checkText('upstreamOrgId', input.upstreamOrgId, 200),
        credentialSealed: credentials.seal(credential),
        scheduleMinutes: checkSchedule(input.scheduleMinutes) ?? DEFAULT_SCHEDULE_MINUTES,
        unmatchedPolicyId: (await checkPolicy(orgId, input.unmatchedPolicyId)) ?? null,
      };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const connector = await tx.connectors.insert(values, clock());
        await audit(tx, caller, orgId, 'connector.created', 'connector', connector.id, { type, name: values.name, baseUrl: values.baseUrl, upstreamOrgId: values.upstreamOrgId });
        return connector;
      });
    },

    async list(orgId: string): Promise<ConnectorView[]> {
      const connectors = await stores.connectors.listOfOrg(orgId);
      const latest = await stores.connectors.latestRuns(connectors.map((c) => c.id));
      return connectors.map((connector) => ({ connector, lastSync: latest.get(connector.id) ?? null }));
    },

    async get(orgId: string, id: string): Promise<ConnectorView> {
      const connector = await mustFind(orgId, id);
      const latest = await stores.connectors.latestRuns([id]);
      return { connector, lastSync: latest.get(id) ?? null };
    },

    async update(caller: Caller, orgId: string, id: string, patch: ConnectorPatch): Promise<Connector> {
      const existing = await mustFind(orgId, id);
      const changes = {
        name: patch.name === undefined ? undefined : checkText('name', patch.name, 200),
        baseUrl: patch.baseUrl === undefined ? undefined : normalizeBaseUrl(patch.baseUrl),
        upstreamOrgId: patch.upstreamOrgId === undefined ? undefined : checkText('upstreamOrgId', patch.upstreamOrgId, 200),
        credentialSealed: patch.credential === undefined ? undefined : credentials.seal(checkCredential(existing.type, patch.credential)),
        scheduleMinutes: checkSchedule(patch.scheduleMinutes),
        unmatchedPolicyId: await checkPolicy(orgId, patch.unmatchedPolicyId),
      };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const updated = await tx.connectors.update(orgId, id, changes, clock());
        if (!updated) throw new DomainError('CONNECTOR_NOT_FOUND');
        const changed = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => (k === 'credentialSealed' ? 'credential' : k));
        await audit(tx, caller, orgId, 'connector.updated', 'connector', id, { changed });
        return updated;
      });
    },

    /** Removes the connector and the tokens read through it (the audit log keeps their history). */
    async delete(caller: Caller, orgId: string, id: string): Promise<void> {
      const connector = await mustFind(orgId, id);
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.connectors.delete(orgId, id);
        await audit(tx, caller, orgId, 'connector.deleted', 'connector', id, { type: connector.type, name: connector.name });
      });
    },

    async test(orgId: string, id: string): Promise<{ ok: boolean; checks: ConnectionCheck[] }> {
      const client = await clientOf(await mustFind(orgId, id));
      try {
        const checks = await client.test();
        return { ok: checks.every((c) => c.ok), checks };
      } finally {
        await client.close();
      }
    },

    async startSync(caller: Caller, orgId: string, id: string): Promise<SyncRun> {
      const connector = await mustFind(orgId, id);
      const run = await deps.sync.startSync(connector, 'manual');
      await stores.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'connector.sync_requested', targetType: 'connector', targetId: id, details: { syncId: run.id } }, clock));
      return run;
    },

    async getToken(orgId: string, connectorId: string, tokenId: string): Promise<ExternalToken> {
      const token = await stores.externalTokens.find(orgId, tokenId);
      if (!token || token.connectorId !== connectorId) throw new DomainError('TOKEN_NOT_FOUND');
      return token;
    },

    /** Revokes one token upstream; UPSTREAM_FAILED (with the upstream's words) when upstream refused. */
    async revokeToken(caller: Caller, orgId: string, connectorId: string, tokenId: string): Promise<ExternalToken> {
      const connector = await mustFind(orgId, connectorId);
      const token = await this.getToken(orgId, connectorId, tokenId);
      if (token.kind === 'service_account' && token.status !== 'revoked' && !CONNECTOR_TYPE_DEFINITIONS[connector.type].revokesEachServiceAccountToken) {
        throw new DomainError('UPSTREAM_UNSUPPORTED', 'Atlassian cannot revoke one single service-account token: revoke all of the service account\'s tokens instead.');
      }
      const client = await clientOf(connector);
      try {
        const result = await revokeOne(caller, client, token);
        if (!result.revoked) throw new DomainError('UPSTREAM_FAILED', `Not revoked. ${result.answer}`);
      } finally {
        await client.close();
      }
      return (await stores.externalTokens.find(orgId, tokenId))!;
    },

    /**
     * Revokes every live token of one upstream owner (a person or a service account): a service
     * account's through the upstream's revoke-all, a person's one by one.
     */
    async revokeAllOfOwner(caller: Caller, orgId: string, connectorId: string, ownerExternalId: string): Promise<RevokeResult[]> {
      const connector = await mustFind(orgId, connectorId);
      const tokens = await stores.externalTokens.liveOfOwner(connectorId, ownerExternalId);
      if (tokens.length === 0) return [];
      const client = await clientOf(connector);
      try {
        const accountTokens = tokens.filter((t) => t.kind === 'service_account');
        const results: RevokeResult[] = [];
        if (accountTokens.length > 0 && client.revokeAllOfServiceAccount) {
          const result = await client.revokeAllOfServiceAccount(ownerExternalId);
          for (const token of accountTokens) results.push(await recordRevoke(caller, token, result, 'all of the service account'));
        }
        for (const token of tokens.filter((t) => t.kind !== 'service_account')) results.push(await revokeOne(caller, client, token));
        return results;
      } finally {
        await client.close();
      }
    },

    /**
     * Tokens of the connector idle for `idleDays` (never used: counted from creation), oldest
     * first, each with what a cleanup does. A dry run returns the plan; a run carries it out on
     * the same list it would have shown.
     */
    async revokeIdle(caller: Caller, orgId: string, connectorId: string, idleDays: number, options: { dryRun: boolean }): Promise<{ plan: IdlePlanItem[]; results: RevokeResult[] }> {
      if (!Number.isInteger(idleDays) || idleDays < 1 || idleDays > 100_000) throw invalid('idleDays must be a whole number of days from 1 to 100000.');
      const connector = await mustFind(orgId, connectorId);
      const idle = await stores.externalTokens.idleOf(connectorId, clock().getTime() - idleDays * DAY_MS, MAX_IDLE_CLEANUP);
      const eachRevocable = CONNECTOR_TYPE_DEFINITIONS[connector.type].revokesEachServiceAccountToken === true;
      const plan = idle.map((token): IdlePlanItem => ({ token, action: token.kind === 'service_account' && !eachRevocable ? 'flag' : 'revoke' }));
      if (options.dryRun) return { plan, results: [] };
      const client = await clientOf(connector);
      try {
        const results = await revokeSeveral(caller, client, plan.filter((item) => item.action === 'revoke').map((item) => item.token));
        return { plan, results };
      } finally {
        await client.close();
      }
    },

    /** Revokes each named token upstream; each result says what upstream answered. */
    async revokeMany(caller: Caller, orgId: string, connectorId: string, tokenIds: readonly string[]): Promise<RevokeResult[]> {
      if (tokenIds.length > MAX_BULK_REVOKE) throw invalid(`At most ${MAX_BULK_REVOKE} tokens per request.`);
      const connector = await mustFind(orgId, connectorId);
      const tokens = new Map((await stores.externalTokens.findMany(orgId, tokenIds)).filter((t) => t.connectorId === connectorId).map((t) => [t.id, t]));
      const client = await clientOf(connector);
      try {
        const unique = [...new Set(tokenIds)];
        const done = new Map((await revokeSeveral(caller, client, unique.flatMap((id) => tokens.get(id) ?? []))).map((r) => [r.tokenId, r]));
        return unique.map((id) => done.get(id) ?? { tokenId: id, revoked: false, upstreamStatus: null, answer: 'No such token on this connector.' });
      } finally {
        await client.close();
      }
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
