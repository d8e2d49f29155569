/** The org's scope catalogue (issue #6; docs/policies.md "Scope catalogue"). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ScopeDefinition } from '../../domain/scope-catalogue.js';
import type { PolicyService } from '../../service/policy-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { CreateScopeBody, ScopeJson, ScopeListResponse } from '../schemas/policies.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';

const scopeJson = (scope: ScopeDefinition) => ({ name: scope.name, description: scope.description, class: scope.scopeClass, builtin: scope.isBuiltin });

export function scopeRoutes(deps: { tokens: TokenService; policies: PolicyService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      `${DIRECTORY_PREFIX}/scopes`,
      {
        onRequest: requireAdmin(deps, 'read:policies:admin'),
        schema: { tags: ['Policies'], summary: 'List the scope catalogue', description: 'Built-in scopes first, then custom ones.', params: OrgParams, response: { 200: ScopeListResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => ({ data: (await deps.policies.listScopes(callerOf(request), request.params.orgId)).map(scopeJson) }),
    );
    app.post(
      `${DIRECTORY_PREFIX}/scopes`,
      {
        onRequest: requireAdmin(deps, 'write:policies:admin'),
        schema: {
          tags: ['Policies'],
          summary: 'Add a custom scope',
          description: 'A lower-case colon-separated name (read:reports) and its class; a name already in the catalogue is 409.',
          params: OrgParams,
          body: CreateScopeBody,
          response: { 201: ScopeJson, ...ADMIN_ERROR_RESPONSES, 409: ErrorRef },
        },
      },
      async (request, reply) => {
        const { name, description, class: scopeClass } = request.body;
        return reply.code(201).send(scopeJson(await deps.policies.addScope(callerOf(request), request.params.orgId, { name, description, scopeClass })));
      },
    );
  };
}
