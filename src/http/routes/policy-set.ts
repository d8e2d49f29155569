/**
 * Policies as code (docs/how-to/keep-policies-in-git.md): the org's policy set as a file, the plan
 * of a file against the server, and its apply in one transaction; and the file's JSON Schema.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PolicySetResult, PolicySetService } from '../../service/policy-set-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { POLICY_FILE_SCHEMA_PATH, type PolicyFile, PolicySetApplyBody, PolicySetPlanBody, PolicySetPlanResponse, PolicySetResponse, policyFileJsonSchema } from '../schemas/policy-set.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';

const TAGS = ['Policies'];
const WRITE_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };
const SHOWN_TOKENS = 100;

function planJson(result: PolicySetResult, applied: boolean): PolicySetPlanResponse {
  return {
    data: {
      changes: result.steps.map((step) => ({
        action: step.action,
        name: step.name,
        fields: step.fields,
        policyId: step.policyId,
        impact: {
          affected: step.impact.affected.length,
          examined: step.impact.examined,
          tokens: step.impact.affected.slice(0, SHOWN_TOKENS).map(({ token, violations }) => ({
            id: token.id,
            label: token.label,
            owner: { type: token.owner?.type ?? 'none', id: token.owner?.id ?? '' },
            violations,
          })),
        },
        applied: step.applied,
      })),
      unchanged: result.unchanged,
      applied,
    },
  };
}

export function policySetRoutes(deps: { tokens: TokenService; policySets: PolicySetService }): FastifyPluginAsync {
  const base = `${DIRECTORY_PREFIX}/policy-set`;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const schema = policyFileJsonSchema();

    // Public, like the API document: editors fetch it to check a file before anyone applies it.
    app.get(POLICY_FILE_SCHEMA_PATH, { schema: { hide: true } }, async () => schema);

    app.get(
      base,
      {
        onRequest: requireAdmin(deps, 'read:policies:admin'),
        schema: { tags: TAGS, summary: 'Every policy, as a policy file', description: 'Assignees by group name, person e-mail and service-account name.', params: OrgParams, response: { 200: PolicySetResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      // The stored rule is a normalized rule input: the same fields, every one given.
      async (request) => ({ data: (await deps.policySets.exportSet(callerOf(request), request.params.orgId)) as PolicyFile }),
    );

    app.post(
      `${base}/plan`,
      {
        onRequest: requireAdmin(deps, 'write:policies:admin'),
        schema: {
          tags: TAGS,
          summary: 'What a policy file would change',
          description: 'Policies added, changed and removed, by name, each with the existing tokens it would break. Changes nothing.',
          params: OrgParams,
          body: PolicySetPlanBody,
          response: { 200: PolicySetPlanResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => planJson(await deps.policySets.plan(callerOf(request), request.params.orgId, request.body.data), false),
    );

    app.put(
      base,
      {
        onRequest: requireAdmin(deps, 'write:policies:admin'),
        schema: {
          tags: TAGS,
          summary: 'Make the policies those of a policy file',
          description:
            'In one transaction: every change of the plan, and `meta.existingTokens` (leave, clamp or revoke) applied to the tokens each change breaks. Removing a policy also needs delete:policies:admin.',
          params: OrgParams,
          body: PolicySetApplyBody,
          response: { 200: PolicySetPlanResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => planJson(await deps.policySets.apply(callerOf(request), request.params.orgId, request.body.data, request.body.meta?.existingTokens ?? 'leave'), true),
    );
  };
}
