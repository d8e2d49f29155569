/**
 * Approvals where the team is (docs/policies.md "Approvals"): the approvers of a group (admin API),
 * a team approver's queue under `/api/v1/me/approvals` (a session; any role), a request with its
 * requester's context, bulk decisions with one reason, and a requester cancelling their request.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TeamApprovalService } from '../../service/team-approval-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin, requireSession, sessionPrincipalOf } from '../auth.js';
import { requestContextJson, tokenRequestJson } from '../policy-json.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { GroupParams } from '../schemas/directory.js';
import { ApproveBody, DenyBody, PageQuery, RequestParams, TokenRequestJson, TokenRequestList } from '../schemas/issuance.js';
import { OrgParams } from '../schemas/organizations.js';
import { BulkDecisionBody, BulkDecisionResponse, GroupApproversBody, GroupApproversResponse, RequestWithContextResponse } from '../schemas/team-approvals.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';
import { emptyBodyAsObject } from './org-tokens.js';

const ADMIN_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };
const ME_ERRORS = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 429: ErrorRef, 500: ErrorRef };
const SESSION = [{ sessionCookie: [] }];
const MeRequestParams = Type.Object({ requestId: Type.String({ minLength: 1, maxLength: 64 }) });

export function teamApprovalRoutes(deps: { tokens: TokenService; teamApprovals: TeamApprovalService }): FastifyPluginAsync {
  const team = deps.teamApprovals;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const session = requireSession();

    app.get(
      `${DIRECTORY_PREFIX}/groups/:groupId/approvers`,
      { onRequest: requireAdmin(deps, 'read:directory:admin'), schema: { tags: ['Approvals'], summary: "A group's approvers", params: GroupParams, response: { 200: GroupApproversResponse, ...ADMIN_ERRORS } } },
      async (request) => ({ data: { groupId: request.params.groupId, approverIds: await team.listGroupApprovers(callerOf(request), request.params.orgId, request.params.groupId) } }),
    );

    app.put(
      `${DIRECTORY_PREFIX}/groups/:groupId/approvers`,
      {
        onRequest: requireAdmin(deps, 'write:directory:admin'),
        schema: {
          tags: ['Approvals'],
          summary: "Set a group's approvers",
          description: "The people (any role) who decide the token requests of the group's members. A request from someone in no group with approvers goes to the org's approvers.",
          params: GroupParams,
          body: GroupApproversBody,
          response: { 200: GroupApproversResponse, ...ADMIN_ERRORS },
        },
      },
      async (request) => ({ data: { groupId: request.params.groupId, approverIds: await team.setGroupApprovers(callerOf(request), request.params.orgId, request.params.groupId, request.body.userIds) } }),
    );

    app.get(
      `${DIRECTORY_PREFIX}/token-requests/:requestId`,
      {
        onRequest: requireAdmin(deps, 'read:token-requests:admin'),
        schema: { tags: ['Approvals'], summary: 'A token request with its requester\'s context', params: RequestParams, response: { 200: RequestWithContextResponse, ...ADMIN_ERRORS } },
      },
      async (request) => {
        const { request: found, context } = await team.requestForAdmin(callerOf(request), request.params.orgId, request.params.requestId);
        return { data: { request: tokenRequestJson(found), context: requestContextJson(context) } };
      },
    );

    app.post(
      `${DIRECTORY_PREFIX}/token-requests/decide`,
      {
        onRequest: requireAdmin(deps, 'approve:token-requests:admin'),
        schema: { tags: ['Approvals'], summary: 'Approve or deny several requests with one reason', params: OrgParams, body: BulkDecisionBody, response: { 200: BulkDecisionResponse, ...ADMIN_ERRORS } },
      },
      async (request) => ({ data: await team.decideManyAsAdmin(callerOf(request), request.params.orgId, request.body) }),
    );

    app.get(
      '/api/v1/me/approvals',
      {
        onRequest: session,
        schema: { tags: ['Me'], summary: 'Requests I decide', description: "Pending requests of my groups' members (as their approver), oldest first.", security: SESSION, querystring: PageQuery, response: { 200: TokenRequestList, ...ME_ERRORS } },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const page = await team.myQueue(orgId, userId, request.query);
        return { data: page.items.map(tokenRequestJson), links: page.links };
      },
    );

    app.get(
      '/api/v1/me/approvals/:requestId',
      { onRequest: session, schema: { tags: ['Me'], summary: 'A request I decide, with the requester\'s context', security: SESSION, params: MeRequestParams, response: { 200: RequestWithContextResponse, ...ME_ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { request: found, context } = await team.requestForApprover(orgId, userId, request.params.requestId);
        return { data: { request: tokenRequestJson(found), context: requestContextJson(context) } };
      },
    );

    app.post(
      '/api/v1/me/approvals/:requestId/approve',
      {
        onRequest: session,
        preValidation: emptyBodyAsObject,
        schema: { tags: ['Me'], summary: 'Approve a request, possibly narrowed', security: SESSION, params: MeRequestParams, body: ApproveBody, response: { 200: TokenRequestJson, ...ME_ERRORS } },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return tokenRequestJson(await team.approveAsMember(orgId, userId, request.params.requestId, request.body, request.ip));
      },
    );

    app.post(
      '/api/v1/me/approvals/:requestId/deny',
      { onRequest: session, schema: { tags: ['Me'], summary: 'Deny a request, with a reason', security: SESSION, params: MeRequestParams, body: DenyBody, response: { 200: TokenRequestJson, ...ME_ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return tokenRequestJson(await team.denyAsMember(orgId, userId, request.params.requestId, request.body.reason, request.ip));
      },
    );

    app.post(
      '/api/v1/me/approvals/decide',
      { onRequest: session, schema: { tags: ['Me'], summary: 'Approve or deny several requests with one reason', security: SESSION, body: BulkDecisionBody, response: { 200: BulkDecisionResponse, ...ME_ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return { data: await team.decideManyAsMember(orgId, userId, request.body, request.ip) };
      },
    );

    app.post(
      '/api/v1/me/token-requests/:requestId/cancel',
      { onRequest: session, schema: { tags: ['Me'], summary: 'Cancel my pending request', security: SESSION, params: MeRequestParams, response: { 200: TokenRequestJson, ...ME_ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return tokenRequestJson(await team.cancelOwn(orgId, userId, request.params.requestId, request.ip));
      },
    );
  };
}
