/**
 * Service accounts and their API tokens: SA1-SA6, T4, T5 of CONTRACT.md. The routes
 * only translate: rules, transactions and audit entries live in the service.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import type { ServiceAccount } from '../../domain/models.js';
import { actorOf } from '../../domain/principal.js';
import type { ServiceAccountService, ServiceAccountTokenView } from '../../service/service-account-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import {
  CountBody,
  CountResponse,
  CreateServiceAccountBody,
  NoContent,
  PageQuery,
  ServiceAccountItem,
  ServiceAccountListResponse,
  ServiceAccountParams,
  ServiceAccountTokenItem,
  ServiceAccountTokenList,
  TokenLabelQuery,
  UpdateServiceAccountBody,
} from '../schemas/service-accounts.js';

export interface ServiceAccountRoutesDeps {
  tokens: TokenService;
  serviceAccounts: ServiceAccountService;
}

const BASE = '/admin/api-access/v1/orgs/:orgId/service-accounts';
const TAGS = ['Service Account'];

/**
 * SA3's item. `atlassianId` and `id` are both our `sa_` id (Tokenward has one id per account);
 * `container` is the org id the account lives in. our reading, see docs/atlassian-service-accounts.md.
 */
export function toServiceAccountItem(account: ServiceAccount): ServiceAccountItem {
  return {
    atlassianId: account.id,
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    picture: account.picture,
    container: account.orgId,
    updatedAt: account.updatedAt.getTime(),
    status: account.status,
    createdById: account.createdById,
    description: account.description,
  };
}

/** T1's item with `user` = the owning service account (CONTRACT.md §3, our reading). */
function toTokenItem({ token, account, status }: ServiceAccountTokenView): ServiceAccountTokenItem {
  return {
    id: token.id,
    label: token.label,
    status,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastActiveAt: token.lastActiveAt?.toISOString() ?? null,
    user: { id: account.id, orgId: account.orgId, name: account.displayName, email: account.email },
    scopes: token.scopes,
  };
}

function auditActor(request: FastifyRequest) {
  return { ...actorOf(principalOf(request)), ip: request.ip };
}

export function serviceAccountRoutes(deps: ServiceAccountRoutesDeps): FastifyPluginAsync {
  const { serviceAccounts } = deps;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      BASE,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts:admin'),
        schema: {
          tags: TAGS,
          summary: 'List service accounts, keyset-paged',
          params: OrgParams,
          querystring: PageQuery,
          response: { 200: ServiceAccountListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await serviceAccounts.list(request.params.orgId, request.query);
        return { links: { next: page.next, prev: page.prev }, items: page.items.map(toServiceAccountItem), total: page.total };
      },
    );

    app.post(
      BASE,
      {
        onRequest: requireAdmin(deps, 'write:service-accounts:admin'),
        schema: {
          tags: TAGS,
          summary: 'Create a service account',
          description: 'The e-mail is generated: `<slug of displayName>-<12 hex>@serviceaccount.tokenward.local`. `permissionRules` and `groupIds` are recorded in the audit log, not applied.',
          params: OrgParams,
          body: CreateServiceAccountBody,
          response: { 201: ServiceAccountItem, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const account = await serviceAccounts.create(request.params.orgId, request.body, auditActor(request));
        return reply.code(201).send(toServiceAccountItem(account));
      },
    );

    app.patch(
      BASE,
      {
        onRequest: requireAdmin(deps, 'write:service-accounts:admin'),
        schema: {
          tags: TAGS,
          summary: 'Update a service account; its id is in the body',
          params: OrgParams,
          body: UpdateServiceAccountBody,
          response: { 200: ServiceAccountItem, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => toServiceAccountItem(await serviceAccounts.update(request.params.orgId, request.body, auditActor(request))),
    );

    app.delete(
      `${BASE}/:serviceAccountId`,
      {
        onRequest: requireAdmin(deps, 'write:service-accounts:admin'),
        schema: {
          tags: TAGS,
          summary: 'Delete a service account, revoking all its tokens',
          params: ServiceAccountParams,
          response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await serviceAccounts.delete(request.params.orgId, request.params.serviceAccountId, auditActor(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      `${BASE}/api-tokens`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: {
          tags: TAGS,
          summary: 'API tokens of every service account',
          params: OrgParams,
          querystring: TokenLabelQuery,
          response: { 200: ServiceAccountTokenList, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => (await serviceAccounts.listTokens(request.params.orgId, { tokenLabel: request.query.tokenLabel })).map(toTokenItem),
    );

    app.get(
      `${BASE}/:serviceAccountId/api-tokens`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: {
          tags: TAGS,
          summary: 'API tokens of one service account',
          params: ServiceAccountParams,
          querystring: TokenLabelQuery,
          response: { 200: ServiceAccountTokenList, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { orgId, serviceAccountId } = request.params;
        return (await serviceAccounts.listTokens(orgId, { serviceAccountId, tokenLabel: request.query.tokenLabel })).map(toTokenItem);
      },
    );

    app.delete(
      `${BASE}/:serviceAccountId/api-tokens`,
      {
        onRequest: requireAdmin(deps, 'delete:service-accounts-tokens:admin'),
        schema: {
          tags: ['API Token'],
          summary: 'Revoke every API token of a service account',
          params: ServiceAccountParams,
          response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await serviceAccounts.revokeTokens(request.params.orgId, request.params.serviceAccountId, auditActor(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      `${BASE}/count`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        // The validator coerces a lone value into an array; a body that is neither an array nor
        // an object must be refused, not counted as one id.
        preValidation: async (request) => {
          const body: unknown = request.body;
          const isArrayOrObject = Array.isArray(body) || (typeof body === 'object' && body !== null && Array.isArray((body as { serviceAccountIds?: unknown }).serviceAccountIds));
          if (!isArrayOrObject) {
            throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON array of service-account ids, or {"serviceAccountIds": [...]}.');
          }
        },
        schema: {
          tags: ['API Token'],
          summary: 'Count unrevoked API tokens per service account, at most 100 ids',
          params: OrgParams,
          body: CountBody,
          response: { 200: CountResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const ids = Array.isArray(request.body) ? request.body : request.body.serviceAccountIds;
        const counts = await serviceAccounts.countTokens(request.params.orgId, ids);
        return { validServiceAccountIds: counts.valid, invalidServiceAccountIds: counts.invalid };
      },
    );
  };
}
