/**
 * Connectors of an org (docs/connectors-atlassian.md): add, list, change, remove, test, sync now,
 * and revoke their tokens upstream. Paths are fixed: scripts rely on them.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { SyncRun } from '../../domain/connectors.js';
import type { ConnectorService, ConnectorView, RevokeResult } from '../../service/connector-service.js';
import type { ConnectorViolations } from '../../service/connector-violations.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import {
  ConnectionTestResponse,
  ConnectorJson,
  ConnectorListResponse,
  ConnectorParams,
  CreateConnectorBody,
  ExternalTokenParams,
  RevokeBody,
  RevokeIdleBody,
  RevokeIdleResponse,
  RevokeResponse,
  SyncRunJson,
  UpdateConnectorBody,
  ViolationsResponse,
} from '../schemas/connectors.js';
import { NoContent } from '../schemas/automation.js';
import { OrgParams } from '../schemas/organizations.js';
import { callerOf } from './webhooks.js';

const PREFIX = '/admin/tokenward/v1/orgs/:orgId/connectors';
const TAGS = ['Connectors'];
const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef, 422: ErrorRef, 502: ErrorRef };
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function syncRunJson(run: SyncRun): SyncRunJson {
  return {
    id: run.id,
    state: run.state,
    trigger: run.trigger,
    phase: run.phase,
    counts: run.counts,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

export function connectorJson({ connector, lastSync }: ConnectorView): ConnectorJson {
  return {
    id: connector.id,
    type: connector.type,
    name: connector.name,
    baseUrl: connector.baseUrl,
    upstreamOrgId: connector.upstreamOrgId,
    scheduleMinutes: connector.scheduleMinutes,
    unmatchedPolicyId: connector.unmatchedPolicyId,
    nextSyncAt: iso(connector.nextSyncAt),
    createdAt: connector.createdAt.toISOString(),
    updatedAt: connector.updatedAt.toISOString(),
    lastSync: lastSync ? syncRunJson(lastSync) : null,
  };
}

function revokeAnswer(results: RevokeResult[]) {
  return { revoked: results.filter((r) => r.revoked).length, failed: results.filter((r) => !r.revoked).length, results };
}

/** Violating tokens listed per answer; the counts cover every token. */
const VIOLATIONS_LISTED = 500;

export function connectorRoutes(deps: { tokens: TokenService; connectors: ConnectorService; connectorViolations: ConnectorViolations }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:tokens:admin');
  const write = requireAdmin(deps, 'write:tokens:admin');
  const revoke = requireAdmin(deps, 'delete:tokens:admin');
  const { connectors } = deps;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      PREFIX,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Add a connector',
          description: 'The credential is stored encrypted and never returned; the first sync runs at the schedule or with "sync now".',
          params: OrgParams,
          body: CreateConnectorBody,
          response: { 201: ConnectorJson, ...ERRORS },
        },
      },
      async (request, reply) => {
        const connector = await connectors.create(callerOf(request), request.params.orgId, request.body);
        return reply.code(201).send(connectorJson({ connector, lastSync: null }));
      },
    );

    app.get(
      PREFIX,
      { onRequest: read, schema: { tags: TAGS, summary: 'List the connectors, each with its last sync', params: OrgParams, response: { 200: ConnectorListResponse, ...ERRORS } } },
      async (request) => ({ data: (await connectors.list(request.params.orgId)).map(connectorJson) }),
    );

    app.get(
      `${PREFIX}/:connectorId`,
      { onRequest: read, schema: { tags: TAGS, summary: 'One connector and its last sync (state, counts, error, finished time)', params: ConnectorParams, response: { 200: ConnectorJson, ...ERRORS } } },
      async (request) => connectorJson(await connectors.get(request.params.orgId, request.params.connectorId)),
    );

    app.get(
      `${PREFIX}/:connectorId/violations`,
      {
        onRequest: read,
        schema: {
          tags: TAGS,
          summary: 'Tokens of the connector that break their policy, with the reasons',
          description:
            'Each token is held against its owner\'s effective policy, or the connector\'s policy for owners not in the directory. Lifetime over the policy\'s maximum is flagged: Atlassian cannot shorten a token. The first 500 violating tokens are listed; the counts cover all.',
          params: ConnectorParams,
          response: { 200: ViolationsResponse, ...ERRORS },
        },
      },
      async (request) => {
        const report = await deps.connectorViolations.report(request.params.orgId, request.params.connectorId, VIOLATIONS_LISTED);
        return {
          judged: report.judged,
          unjudged: report.unjudged,
          total: report.total,
          byKind: report.byKind,
          data: report.items.map(({ token, policyId, policyName, violations }) => ({
            tokenId: token.id,
            label: token.label,
            kind: token.kind,
            ownerEmail: token.owner?.email ?? null,
            policyId,
            policyName,
            violations,
          })),
        };
      },
    );

    app.patch(
      `${PREFIX}/:connectorId`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Change a connector (a new credential replaces the old one)', params: ConnectorParams, body: UpdateConnectorBody, response: { 200: ConnectorJson, ...ERRORS } },
      },
      async (request) => {
        const { orgId, connectorId } = request.params;
        await connectors.update(callerOf(request), orgId, connectorId, request.body);
        return connectorJson(await connectors.get(orgId, connectorId));
      },
    );

    app.delete(
      `${PREFIX}/:connectorId`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Remove a connector and the tokens read through it (nothing is changed upstream)', params: ConnectorParams, response: { 204: NoContent, ...ERRORS } },
      },
      async (request, reply) => {
        await connectors.delete(callerOf(request), request.params.orgId, request.params.connectorId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      `${PREFIX}/:connectorId/test`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Test the connection: what the credential can and cannot do, in words', params: ConnectorParams, response: { 200: ConnectionTestResponse, ...ERRORS } },
      },
      async (request) => connectors.test(request.params.orgId, request.params.connectorId),
    );

    app.post(
      `${PREFIX}/:connectorId/sync`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Sync now',
          description: 'Starts a sync (or returns the one under way); GET the connector to follow it.',
          params: ConnectorParams,
          response: { 202: SyncRunJson, ...ERRORS },
        },
      },
      async (request, reply) => reply.code(202).send(syncRunJson(await connectors.startSync(callerOf(request), request.params.orgId, request.params.connectorId))),
    );

    app.delete(
      `${PREFIX}/:connectorId/tokens/:tokenId`,
      {
        onRequest: revoke,
        schema: {
          tags: TAGS,
          summary: 'Revoke one token upstream',
          description: 'Answers 502 UPSTREAM_FAILED with the upstream\'s words when it refused; the token is then unchanged.',
          params: ExternalTokenParams,
          response: { 200: RevokeResponse, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, connectorId, tokenId } = request.params;
        const token = await connectors.revokeToken(callerOf(request), orgId, connectorId, tokenId);
        return revokeAnswer([{ tokenId: token.id, revoked: true, upstreamStatus: null, answer: 'Revoked upstream.' }]);
      },
    );

    app.post(
      `${PREFIX}/:connectorId/revoke-idle`,
      {
        onRequest: revoke,
        schema: {
          tags: TAGS,
          summary: 'Idle-token cleanup: revoke upstream the tokens unused for idleDays (dryRun first)',
          description:
            'At most 1,000 tokens per call, oldest first. Service-account tokens are listed with action `flag`: Atlassian cannot revoke one alone (revoke all of the account\'s tokens with /revoke and `owner`).',
          params: ConnectorParams,
          body: RevokeIdleBody,
          response: { 200: RevokeIdleResponse, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, connectorId } = request.params;
        const dryRun = request.body.dryRun ?? false;
        const { plan, results } = await connectors.revokeIdle(callerOf(request), orgId, connectorId, request.body.idleDays, { dryRun });
        return {
          dryRun,
          plan: plan.map(({ token, action }) => ({
            tokenId: token.id,
            externalId: token.externalId,
            kind: token.kind,
            label: token.label,
            ownerEmail: token.owner?.email ?? null,
            lastActiveAt: iso(token.lastActiveAt),
            action,
          })),
          ...revokeAnswer(results),
        };
      },
    );

    app.post(
      `${PREFIX}/:connectorId/revoke`,
      {
        onRequest: revoke,
        schema: {
          tags: TAGS,
          summary: 'Revoke upstream: the listed tokens, or all of one owner\'s',
          description: 'Each result says what the upstream answered; a refused one is counted in `failed` and left unchanged.',
          params: ConnectorParams,
          body: RevokeBody,
          response: { 200: RevokeResponse, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, connectorId } = request.params;
        const { tokenIds, owner } = request.body;
        const caller = callerOf(request);
        const results = [
          ...(owner ? await connectors.revokeAllOfOwner(caller, orgId, connectorId, owner) : []),
          ...(tokenIds ? await connectors.revokeMany(caller, orgId, connectorId, tokenIds) : []),
        ];
        return revokeAnswer(results);
      },
    );
  };
}
