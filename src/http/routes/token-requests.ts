/** The approvers' queue of token requests (docs/policies.md "Approvals"). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApprovalService } from '../../service/approval-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { tokenRequestJson } from '../policy-json.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { ApproveBody, DenyBody, ListRequestsQuery, RequestParams, TokenRequestJson, TokenRequestList } from '../schemas/issuance.js';
import { OrgParams } from '../schemas/organizations.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';
import { emptyBodyAsObject } from './org-tokens.js';

const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };

export function tokenRequestRoutes(deps: { tokens: TokenService; approvals: ApprovalService }): FastifyPluginAsync {
  const decide = requireAdmin(deps, 'approve:token-requests:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const base = `${DIRECTORY_PREFIX}/token-requests`;

    app.get(
      base,
      {
        onRequest: requireAdmin(deps, 'read:token-requests:admin'),
        schema: {
          tags: ['Approvals'],
          summary: 'The approval queue',
          description: 'Token requests of the org, oldest first; `status` defaults to pending.',
          params: OrgParams,
          querystring: ListRequestsQuery,
          response: { 200: TokenRequestList, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.approvals.listRequests(callerOf(request), request.params.orgId, request.query);
        return { data: page.items.map(tokenRequestJson), links: page.links };
      },
    );

    app.post(
      `${base}/:requestId/approve`,
      {
        onRequest: decide,
        preValidation: emptyBodyAsObject,
        schema: {
          tags: ['Approvals'],
          summary: 'Approve a token request',
          description:
            'Optionally narrower `scopes` and a shorter `lifetimeDays` than requested, within the requester\'s policy. The token is created now; the requester retrieves its secret once, within 7 days. Nobody approves their own request (403).',
          params: RequestParams,
          body: ApproveBody,
          response: { 200: TokenRequestJson, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, requestId } = request.params;
        const { scopes, lifetimeDays, reason } = request.body;
        return tokenRequestJson((await deps.approvals.approve(callerOf(request), orgId, requestId, { scopes, lifetimeDays, reason })).request);
      },
    );

    app.post(
      `${base}/:requestId/deny`,
      {
        onRequest: decide,
        schema: { tags: ['Approvals'], summary: 'Deny a token request', description: 'With a reason, which the requester sees.', params: RequestParams, body: DenyBody, response: { 200: TokenRequestJson, ...ERRORS } },
      },
      async (request) => tokenRequestJson(await deps.approvals.deny(callerOf(request), request.params.orgId, request.params.requestId, request.body.reason)),
    );
  };
}
