/**
 * A GitHub connector's fine-grained token requests (docs/connectors-github.md): the approvers'
 * queue and their decisions, which Tokenward sends to GitHub; the links from GitHub logins to
 * directory users; and the webhook GitHub posts request events to. The webhook has no API key:
 * the signature over the raw body is the authentication, so that plugin keeps the body as bytes.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { upstreamScopeOf } from '../../domain/upstream-scopes.js';
import type { GithubRequestService, RequestView } from '../../service/github-request-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { ConnectorParams } from '../schemas/connectors.js';
import {
  ConnectorRequestList,
  DecideConnectorRequestsBody,
  GithubLoginLinksBody,
  ListConnectorRequestsQuery,
  WebhookOutcomeJson,
  WebhookParams,
  type ConnectorRequestJson,
} from '../schemas/connector-requests.js';
import { NoContent } from '../schemas/automation.js';
import { OrgParams } from '../schemas/organizations.js';
import { callerOf } from './webhooks.js';

const PREFIX = '/admin/tokenward/v1/orgs/:orgId/connectors';
export const GITHUB_WEBHOOK_PATH = '/api/v1/connectors/:connectorId/github-webhook';
const TAGS = ['Connectors'];
const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef, 422: ErrorRef, 502: ErrorRef };
/** GitHub caps a webhook delivery at 25 MB; a request event is a few kilobytes. */
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function connectorRequestJson({ request, connectorName, person }: RequestView): ConnectorRequestJson {
  return {
    id: request.id,
    externalId: request.externalId,
    connector: { id: request.connectorId, name: connectorName },
    status: request.status,
    label: request.label,
    owner: request.owner ? { login: request.owner.name, userId: request.ownerUserId, email: request.owner.email || null } : null,
    person,
    scopes: request.scopes.map((name) => {
      const scope = upstreamScopeOf('github', name);
      return { name, scopeClass: scope.scopeClass ?? 'admin', github: scope.words };
    }),
    repositorySelection: typeof request.details?.repositorySelection === 'string' ? request.details.repositorySelection : null,
    justification: request.justification,
    createdAt: request.createdAt.toISOString(),
    expiresAt: iso(request.expiresAt),
    policyId: request.policyId,
    policyName: request.policyName,
    policyReason: request.policyReason,
    decidedBy: request.decidedBy,
    decidedAt: iso(request.decidedAt),
    decisionReason: request.decisionReason,
    upstreamStatus: request.upstreamStatus,
  };
}

export function connectorRequestRoutes(deps: { tokens: TokenService; githubRequests: GithubRequestService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${PREFIX}/requests`,
      {
        onRequest: requireAdmin(deps, 'read:token-requests:admin'),
        schema: {
          tags: TAGS,
          summary: 'The approvers\' queue of GitHub token requests, across every GitHub connector of the org',
          description:
            'By status (default: waiting for an approver), oldest first, at most 1,000. Needs only the right to read token requests, not the connectors: approvers use it. Each request names its connector and the directory person it was matched to.',
          params: OrgParams,
          querystring: ListConnectorRequestsQuery,
          response: { 200: ConnectorRequestList, ...ERRORS },
        },
      },
      async (request) => ({ data: (await deps.githubRequests.queue(request.params.orgId, [request.query.status ?? 'queued'])).map(connectorRequestJson) }),
    );

    app.get(
      `${PREFIX}/:connectorId/requests`,
      {
        onRequest: requireAdmin(deps, 'read:token-requests:admin'),
        schema: {
          tags: TAGS,
          summary: 'Token requests read from GitHub, by status (default: waiting for an approver)',
          description: 'Oldest first, at most 1,000. Each permission is shown in GitHub\'s words beside its Tokenward scope class.',
          params: ConnectorParams,
          querystring: ListConnectorRequestsQuery,
          response: { 200: ConnectorRequestList, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, connectorId } = request.params;
        const listed = await deps.githubRequests.list(orgId, connectorId, [request.query.status ?? 'queued']);
        return { data: (await deps.githubRequests.viewsOf(orgId, listed)).map(connectorRequestJson) };
      },
    );

    app.post(
      `${PREFIX}/:connectorId/requests/decide`,
      {
        onRequest: requireAdmin(deps, 'approve:token-requests:admin'),
        schema: {
          tags: TAGS,
          summary: 'Approve or deny requests waiting for an approver; the decision is sent to GitHub',
          description:
            'At most 100 requests, one decision and one reason (required to deny, at most 1,024 characters; GitHub shows it to the requester). Recorded only when GitHub accepted it: otherwise 502 UPSTREAM_FAILED and nothing changes. Nobody decides their own request (403).',
          params: ConnectorParams,
          body: DecideConnectorRequestsBody,
          response: { 200: ConnectorRequestList, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, connectorId } = request.params;
        const decided = await deps.githubRequests.decide(callerOf(request), orgId, connectorId, request.body);
        return { data: (await deps.githubRequests.viewsOf(orgId, decided)).map(connectorRequestJson) };
      },
    );

    app.put(
      `${PREFIX}/github-logins`,
      {
        onRequest: requireAdmin(deps, 'write:tokens:admin'),
        schema: {
          tags: TAGS,
          summary: 'Link GitHub logins to directory users',
          description: 'A GitHub token or request whose owner has a linked login belongs to that user (GitHub rarely shows an e-mail). A login or user linked again replaces the old link. Takes effect at the next sync.',
          params: OrgParams,
          body: GithubLoginLinksBody,
          response: { 204: NoContent, ...ERRORS },
        },
      },
      async (request, reply) => {
        await deps.githubRequests.linkLogins(callerOf(request), request.params.orgId, request.body.links);
        return reply.code(204).send(null);
      },
    );
  };
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The webhook endpoint, in its own plugin so its byte-keeping JSON parser stays here. */
export function githubWebhookRoutes(deps: { githubRequests: GithubRequestService }): FastifyPluginAsync {
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));

    app.post(
      GITHUB_WEBHOOK_PATH,
      {
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        schema: {
          tags: TAGS,
          summary: 'Receive GitHub\'s personal_access_token_request webhook',
          description:
            'Set as the GitHub App\'s webhook URL, content type application/json, with the connector\'s webhook secret. A delivery whose X-Hub-Signature-256 does not match is refused (400 INVALID_SIGNATURE) and changes nothing. A new request is decided by policy at once.',
          security: [],
          params: WebhookParams,
          response: { 200: WebhookOutcomeJson, 400: ErrorRef, 404: ErrorRef, 413: ErrorRef, 415: ErrorRef, 500: ErrorRef, 502: ErrorRef, 503: ErrorRef },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const { connectorId } = request.params as { connectorId: string };
        const outcome = await deps.githubRequests.handleWebhook(connectorId, raw, {
          signature: singleHeader(request, 'x-hub-signature-256'),
          event: singleHeader(request, 'x-github-event'),
        });
        request.log.info({ connectorId, event: singleHeader(request, 'x-github-event'), delivery: singleHeader(request, 'x-github-delivery'), handled: outcome.handled }, 'github webhook');
        return outcome;
      },
    );
  };
}
