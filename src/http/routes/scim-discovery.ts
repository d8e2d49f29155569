/** SCIM discovery (RFC 7644 §4; docs/scim.md): ServiceProviderConfig, ResourceTypes, Schemas. */
import type { FastifyPluginAsync } from 'fastify';
import { resourceTypes, schemaDocuments, serviceProviderConfig } from '../../domain/scim-schemas.js';
import { listResponse, scimErrorReply } from '../scim-helpers.js';

export function scimDiscoveryRoutes(deps: { base(): string }): FastifyPluginAsync {
  return async (app) => {
    const hide = { schema: { hide: true } };
    app.get('/ServiceProviderConfig', hide, async () => serviceProviderConfig(deps.base()));
    app.get('/ResourceTypes', hide, async () => listResponse(resourceTypes(deps.base())));
    app.get<{ Params: { id: string } }>('/ResourceTypes/:id', hide, async (request, reply) => {
      const found = resourceTypes(deps.base()).find((r) => r.id.toLowerCase() === request.params.id.toLowerCase());
      return found ?? scimErrorReply(reply, 404, 'No such resource type.');
    });
    app.get('/Schemas', hide, async () => listResponse(schemaDocuments(deps.base())));
    app.get<{ Params: { id: string } }>('/Schemas/:id', hide, async (request, reply) => {
      const found = schemaDocuments(deps.base()).find((s) => s.id.toLowerCase() === request.params.id.toLowerCase());
      return found ?? scimErrorReply(reply, 404, 'No such schema.');
    });
  };
}
