/** The org's scope catalogue (docs/policies.md "Scope catalogue"). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ScopeDefinition } from '../../domain/scope-catalogue.js';
import type { PolicyService } from '../../service/policy-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { CreateScopeBody, ScopeJson, ScopeListResponse } from '../schemas/policies.js';
import { ImportOpenApiScopesBody, ImportOpenApiScopesResponse } from '../schemas/scope-import.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';

/** Vendors' OpenAPI documents run to a few megabytes (Jira's platform API: 1.7 MB). */
const OPENAPI_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
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
    app.post(
      `${DIRECTORY_PREFIX}/scopes/import-openapi`,
      {
        onRequest: requireAdmin(deps, 'write:policies:admin'),
        bodyLimit: OPENAPI_BODY_LIMIT_BYTES,
        schema: {
          tags: ['Policies'],
          summary: "Add the scopes of an upstream's OpenAPI document to the catalogue",
          description:
            "The scopes the document's operations need (Atlassian's x-atlassian-oauth2-scopes, else the OAuth2 security requirements) join the catalogue, described by the scheme's wording and the summaries of the operations needing them, classed by their verb (read:, write:, delete:; anything else admin). Names already in the catalogue are left as they are.",
          params: OrgParams,
          body: ImportOpenApiScopesBody,
          response: { 200: ImportOpenApiScopesResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const result = await deps.policies.importScopesFromOpenApi(callerOf(request), request.params.orgId, request.body.document, { dryRun: request.body.dryRun === true });
        return { added: result.toAdd.map(scopeJson), existing: result.existing, refused: result.refused, operations: result.operations };
      },
    );
  };
}
