/**
 * Atlassian's Organizations API entry points (`/admin/v1/orgs`), which admins' scripts call first to
 * discover their org id. An org admin API key reaches exactly its own org.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Organization } from '../../domain/models.js';
import type { OrganizationService } from '../../service/organization-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgListResponse, OrgParams, OrgResponse } from '../schemas/organizations.js';

export interface OrganizationRoutesDeps {
  tokens: TokenService;
  organizations: OrganizationService;
  baseUrl(): string;
}

export function organizationRoutes(deps: OrganizationRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const resource = (org: Organization) => ({
      id: org.id,
      type: 'orgs' as const,
      attributes: { name: org.name },
      links: { self: `${deps.baseUrl()}/admin/v1/orgs/${org.id}` },
    });

    app.get(
      '/admin/v1/orgs',
      {
        onRequest: requireAdmin(deps, null),
        schema: { tags: ['Organizations'], summary: 'List the organizations this API key can reach', response: { 200: OrgListResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => {
        const orgs = await deps.organizations.listReachable(principalOf(request));
        return { data: orgs.map(resource), links: { self: `${deps.baseUrl()}/admin/v1/orgs`, next: null } };
      },
    );

    app.get(
      '/admin/v1/orgs/:orgId',
      {
        onRequest: requireAdmin(deps, null),
        schema: { tags: ['Organizations'], summary: 'Get an organization', params: OrgParams, response: { 200: OrgResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => ({ data: resource(await deps.organizations.get(principalOf(request), request.params.orgId)) }),
    );
  };
}
