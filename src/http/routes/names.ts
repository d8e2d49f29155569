/**
 * Names for ids, many in one request: a page that lists people, groups, service accounts, tokens or
 * policies by id (a policy's assignees) shows them by name with one call, not one per row.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuditLogService } from '../../service/audit-log-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { NamedThingJson } from '../schemas/audit-log.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';

const NamesQuery = Type.Object({
  ids: Type.Optional(Type.String({ maxLength: 12_000, description: 'Comma-separated ids (at most 200): people, service accounts, tokens, groups, policies, requests. None: no names.' })),
});
const NamesResponse = Type.Object({ names: Type.Record(Type.String(), NamedThingJson, { description: 'Each id that names something of the org; unknown ids are left out.' }) });

export function nameRoutes(deps: { tokens: TokenService; auditLog: AuditLogService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/admin/tokenward/v1/orgs/:orgId/names',
      {
        onRequest: requireAdmin(deps, null),
        schema: {
          tags: ['Console'],
          summary: 'Names of ids, in one request',
          params: OrgParams,
          querystring: NamesQuery,
          response: { 200: NamesResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const ids = (request.query.ids ?? '').split(',').map((id) => id.trim()).filter(Boolean);
        return { names: await deps.auditLog.namesOfIds(principalOf(request), request.params.orgId, ids) };
      },
    );
  };
}
