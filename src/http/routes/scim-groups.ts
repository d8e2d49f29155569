/** `/scim/v2/Groups` (docs/scim.md); bodies read and responses built as in scim-users.ts. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { groupResource, projectAttributes } from '../../domain/scim-resources.js';
import type { ScimGroupRecord, ScimGroupService } from '../../service/scim-group-service.js';
import { integerParam, isIdShaped, listResponse, queryParam, scimCallerOf, scimErrorReply } from '../scim-helpers.js';

type IdRoute = { Params: { id: string } };
const hide = { schema: { hide: true } };
const NOT_FOUND = 'No such group.';

/** Members are loaded only when they will be shown: Entra's lookups exclude them. */
function wantsMembers(request: FastifyRequest): boolean {
  const names = (param: string) => (queryParam(request, param) ?? '').split(',').map((a) => a.trim().toLowerCase().split('.')[0]);
  const attributes = names('attributes').filter((a) => a !== '');
  if (attributes.length > 0) return attributes.includes('members');
  return !names('excludedAttributes').includes('members');
}

export function scimGroupRoutes(deps: { scimGroups: ScimGroupService; base(): string }): FastifyPluginAsync {
  const groups = deps.scimGroups;
  return async (app) => {
    const render = (record: ScimGroupRecord, request: FastifyRequest) =>
      projectAttributes(groupResource(record.group, record.members, deps.base()), queryParam(request, 'attributes'), queryParam(request, 'excludedAttributes'));

    app.get('/Groups', hide, async (request) => {
      const page = await groups.listGroups(scimCallerOf(request), {
        filter: queryParam(request, 'filter'),
        startIndex: integerParam(request, 'startIndex'),
        count: integerParam(request, 'count'),
        withMembers: wantsMembers(request),
      });
      return listResponse(page.items.map((r) => render(r, request)), page.total, page.startIndex);
    });

    app.post('/Groups', hide, async (request, reply) => {
      const record = await groups.createGroup(scimCallerOf(request), request.body);
      return reply.code(201).header('location', `${deps.base()}/Groups/${record.group.id}`).send(render(record, request));
    });

    app.get<IdRoute>('/Groups/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      return render(await groups.getGroup(scimCallerOf(request), request.params.id, wantsMembers(request)), request);
    });

    app.put<IdRoute>('/Groups/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      return render(await groups.replaceGroup(scimCallerOf(request), request.params.id, request.body), request);
    });

    // Okta accepts 200 with the group or 204; Entra expects 204 (shared/scim/CLIENTS.md): 204
    // serves both, and spares sending a large group's whole membership back.
    app.patch<IdRoute>('/Groups/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      await groups.patchGroup(scimCallerOf(request), request.params.id, request.body);
      return reply.code(204).send();
    });

    app.delete<IdRoute>('/Groups/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      await groups.deleteGroup(scimCallerOf(request), request.params.id);
      return reply.code(204).send();
    });
  };
}
