/**
 * Central issuance, single revoke and rotation (docs/policies.md). Stable paths that
 * scripts rely on: POST .../tokens, DELETE .../tokens/{tokenId}, POST .../tokens/{tokenId}/rotate.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IssuanceService } from '../../service/issuance-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { tokenJson } from '../policy-json.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { IssuedTokenJson, IssueTokenBody, RevokeQuery, RotateBody, TokenJson, TokenParams } from '../schemas/issuance.js';
import { OrgParams } from '../schemas/organizations.js';
import { BulkRevokeBody, BulkRevokeResponse } from '../schemas/org-tokens.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';
import { oneTimeLinkUrl } from '../../domain/sign-in.js';

const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };

/** A POST whose body is optional: no body counts as `{}` (Fastify validates a missing body otherwise). */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

export function orgTokenRoutes(deps: { tokens: TokenService; issuance: IssuanceService; baseUrl(): string }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const base = `${DIRECTORY_PREFIX}/tokens`;

    app.post(
      base,
      {
        onRequest: requireAdmin(deps, 'write:tokens:admin'),
        schema: {
          tags: ['Issuance'],
          summary: 'Issue a token for a member or a service account',
          description:
            'Within the owner\'s policy limits (allowed scopes, lifetime cap), even where the policy blocks members from creating tokens. The secret is in `token`, once; with `delivery: "link"` it goes to the member through a one-time link (7 days) instead.',
          params: OrgParams,
          body: IssueTokenBody,
          response: { 201: IssuedTokenJson, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { owner, label, scopes, expiresInDays, delivery, purpose, tags } = request.body;
        const result = await deps.issuance.issueToken(callerOf(request), request.params.orgId, {
          owner: { type: owner.type === 'user' ? 'user' : 'service_account', id: owner.id },
          label,
          scopes,
          expiresInDays,
          delivery,
          purpose,
          tags,
        });
        return reply.code(201).send({
          ...tokenJson(result.token),
          ...(result.secret ? { token: result.secret } : {}),
          ...(result.delivery ? { delivery: { id: result.delivery.id, link: result.delivery.link, url: oneTimeLinkUrl(deps.baseUrl(), result.delivery.link), expiresAt: result.delivery.expiresAt.toISOString() } } : {}),
        });
      },
    );

    app.delete(
      `${base}/:tokenId`,
      {
        onRequest: requireAdmin(deps, 'delete:tokens:admin'),
        schema: {
          tags: ['Issuance'],
          summary: 'Revoke one token',
          description: 'Any token of the org; `reason` is recorded on the token and in the audit log. Revoking a revoked token changes nothing.',
          params: TokenParams,
          querystring: RevokeQuery,
          response: { 200: TokenJson, ...ERRORS },
        },
      },
      async (request) => tokenJson(await deps.issuance.revokeToken(callerOf(request), request.params.orgId, request.params.tokenId, request.query.reason ?? null)),
    );

    app.post(
      `${base}/revoke`,
      {
        onRequest: requireAdmin(deps, 'delete:tokens:admin'),
        schema: {
          tags: ['Issuance'],
          summary: 'Revoke many tokens',
          description: 'Up to 1000 tokens of the org in one transaction, each audited as a single revoke. Ids the org does not hold come back in `notFound`; revoked ones in `alreadyRevoked`.',
          params: OrgParams,
          body: BulkRevokeBody,
          response: { 200: BulkRevokeResponse, ...ERRORS },
        },
      },
      async (request) => ({ data: await deps.issuance.revokeTokens(callerOf(request), request.params.orgId, request.body.tokenIds, request.body.reason ?? null) }),
    );

    app.post(
      `${base}/:tokenId/rotate`,
      {
        onRequest: requireAdmin(deps, 'write:tokens:admin'),
        preValidation: emptyBodyAsObject,
        schema: {
          tags: ['Issuance'],
          summary: 'Rotate a token',
          description: 'A new secret for the same token id, in `token` once. During `gracePeriodHours` (0-24, default 0) the old secret still verifies.',
          params: TokenParams,
          body: RotateBody,
          response: { 200: IssuedTokenJson, ...ERRORS },
        },
      },
      async (request) => {
        const { token, secret } = await deps.issuance.rotateToken(callerOf(request), request.params.orgId, request.params.tokenId, request.body.gracePeriodHours ?? 0);
        return { ...tokenJson(token), token: secret };
      },
    );
  };
}
