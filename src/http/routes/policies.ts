/**
 * Tokenward's authentication policies (docs/policies.md), in the envelope of Atlassian's
 * organization policies: CRUD, impact preview, and the effective policy of a user.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PolicyService, PolicyInput } from '../../service/policy-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { effectivePolicyJson, impactJson, policyJson, scopesOfQuery } from '../policy-json.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { UserParams } from '../schemas/directory.js';
import { OrgParams } from '../schemas/organizations.js';
import {
  EffectivePolicyQuery,
  DeletePolicyQuery,
  EffectivePolicyResponse,
  ImpactResponse,
  PolicyBody,
  PolicyDeletedResponse,
  PolicyListQuery,
  PolicyListResponse,
  PolicyParams,
  PolicyResponse,
} from '../schemas/policies.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';

export interface PolicyRoutesDeps {
  tokens: TokenService;
  policies: PolicyService;
}

const WRITE_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };
const TAGS = ['Policies'];

function inputOf(body: PolicyBody): PolicyInput {
  const { attributes } = body.data;
  return { name: attributes.name, status: attributes.status, priority: attributes.priority, rule: attributes.rule, assignees: attributes.assignees };
}

function appliedMeta(result: { impact: { affected: unknown[] }; applied: { mode: string; clamped: number; revoked: number; left: number } | null }) {
  const applied = result.applied!;
  return { existingTokens: { mode: applied.mode, affected: result.impact.affected.length, clamped: applied.clamped, revoked: applied.revoked, left: applied.left } };
}

export function policyRoutes(deps: PolicyRoutesDeps): FastifyPluginAsync {
  const policies = deps.policies;
  const read = requireAdmin(deps, 'read:policies:admin');
  const write = requireAdmin(deps, 'write:policies:admin');
  const remove = requireAdmin(deps, 'delete:policies:admin');
  const base = `${DIRECTORY_PREFIX}/policies`;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      base,
      { onRequest: read, schema: { tags: TAGS, summary: 'List authentication policies', description: 'The default policy included; oldest first, keyset-paged.', params: OrgParams, querystring: PolicyListQuery, response: { 200: PolicyListResponse, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => {
        const page = await policies.listPolicies(callerOf(request), request.params.orgId, request.query);
        // Atlassian's `type` filter: every policy here is an authentication policy.
        const items = request.query.type === undefined || request.query.type === 'authentication' ? page.items : [];
        return { data: items.map(policyJson), meta: { next: items.length > 0 ? page.links.next : null, page_size: items.length }, links: page.links };
      },
    );

    app.post(
      base,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Create an authentication policy',
          description: '`meta.existingTokens` (leave | clamp | revoke) says what to do with existing tokens the new policy breaks; preview first with POST .../policies/preview.',
          params: OrgParams,
          body: PolicyBody,
          response: { 201: PolicyResponse, ...WRITE_ERRORS },
        },
      },
      async (request, reply) => {
        const result = await policies.createPolicy(callerOf(request), request.params.orgId, inputOf(request.body), { mode: request.body.meta?.existingTokens });
        return reply.code(201).send({ data: policyJson(result.policy!), meta: appliedMeta(result) });
      },
    );

    app.post(
      `${base}/preview`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Preview the impact of creating a policy', description: 'Changes nothing.', params: OrgParams, body: PolicyBody, response: { 200: ImpactResponse, ...WRITE_ERRORS } },
      },
      async (request) => ({ data: impactJson((await policies.createPolicy(callerOf(request), request.params.orgId, inputOf(request.body), { preview: true })).impact) }),
    );

    app.get(
      `${base}/:policyId`,
      { onRequest: read, schema: { tags: TAGS, summary: 'Get an authentication policy', params: PolicyParams, response: { 200: PolicyResponse, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => ({ data: policyJson(await policies.getPolicy(callerOf(request), request.params.orgId, request.params.policyId)) }),
    );

    app.put(
      `${base}/:policyId`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Replace an authentication policy',
          description: 'The whole policy, as on create. `meta.existingTokens`: leave (default), clamp or revoke the tokens it breaks.',
          params: PolicyParams,
          body: PolicyBody,
          response: { 200: PolicyResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const { orgId, policyId } = request.params;
        const result = await policies.updatePolicy(callerOf(request), orgId, policyId, inputOf(request.body), { mode: request.body.meta?.existingTokens });
        return { data: policyJson(result.policy!), meta: appliedMeta(result) };
      },
    );

    app.post(
      `${base}/:policyId/preview`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Preview the impact of replacing a policy',
          description: 'How many existing tokens break the new rules (too long, disallowed scopes, disallowed addresses, use blocked) and which. Changes nothing.',
          params: PolicyParams,
          body: PolicyBody,
          response: { 200: ImpactResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const { orgId, policyId } = request.params;
        return { data: impactJson((await policies.updatePolicy(callerOf(request), orgId, policyId, inputOf(request.body), { preview: true })).impact) };
      },
    );

    app.delete(
      `${base}/:policyId`,
      {
        onRequest: remove,
        schema: {
          tags: TAGS,
          summary: 'Delete an authentication policy',
          description: 'Its people fall back to their next policy or the default (which cannot be deleted: 409). `existingTokens` as on PUT.',
          params: PolicyParams,
          querystring: DeletePolicyQuery,
          response: { 200: PolicyDeletedResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const { orgId, policyId } = request.params;
        return { meta: appliedMeta(await policies.deletePolicy(callerOf(request), orgId, policyId, { mode: request.query.existingTokens })) };
      },
    );

    app.get(
      `${DIRECTORY_PREFIX}/users/:userId/effective-policy`,
      {
        onRequest: read,
        schema: {
          tags: TAGS,
          summary: "A user's effective policy, and why",
          description:
            'The governing policy (its rule applies whole), every policy that applies in precedence order, and through which assignment. With `scopes`, whether the user may create a token holding them on their own, explained per scope.',
          params: UserParams,
          querystring: EffectivePolicyQuery,
          response: { 200: EffectivePolicyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const resolved = await policies.effectivePolicyOfUser(callerOf(request), request.params.orgId, request.params.userId, scopesOfQuery(request.query.scopes));
        return { data: effectivePolicyJson(resolved, resolved.decision?.path, resolved.decision) };
      },
    );
  };
}
