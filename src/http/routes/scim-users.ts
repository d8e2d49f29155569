/**
 * `/scim/v2/Users` (docs/scim.md). Bodies are read by the domain's SCIM rules rather than
 * a TypeBox schema: SCIM resources carry open-ended attributes, and every refusal must be SCIM's
 * 400 with a `scimType`. Responses are built field by field (src/domain/scim-resources.ts), never
 * from rows, so nothing unlisted can leak.
 */
import type { FastifyPluginAsync } from 'fastify';
import { projectAttributes, userResource } from '../../domain/scim-resources.js';
import type { ScimUserRecord, ScimUserService } from '../../service/scim-user-service.js';
import { integerParam, isIdShaped, listResponse, queryParam, scimCallerOf, scimErrorReply } from '../scim-helpers.js';

type IdRoute = { Params: { id: string } };
const hide = { schema: { hide: true } };
const NOT_FOUND = 'No such user.';

export function scimUserRoutes(deps: { scimUsers: ScimUserService; base(): string }): FastifyPluginAsync {
  const users = deps.scimUsers;
  return async (app) => {
    const render = (record: ScimUserRecord, request: Parameters<typeof queryParam>[0]) =>
      projectAttributes(userResource(record.user, record.scim, deps.base()), queryParam(request, 'attributes'), queryParam(request, 'excludedAttributes'));

    app.get('/Users', hide, async (request) => {
      const page = await users.listUsers(scimCallerOf(request), {
        filter: queryParam(request, 'filter'),
        startIndex: integerParam(request, 'startIndex'),
        count: integerParam(request, 'count'),
      });
      return listResponse(page.items.map((r) => render(r, request)), page.total, page.startIndex);
    });

    app.post('/Users', hide, async (request, reply) => {
      const record = await users.createUser(scimCallerOf(request), request.body);
      const resource = render(record, request);
      return reply.code(201).header('location', `${deps.base()}/Users/${record.user.id}`).send(resource);
    });

    app.get<IdRoute>('/Users/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      return render(await users.getUser(scimCallerOf(request), request.params.id), request);
    });

    app.put<IdRoute>('/Users/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      return render(await users.replaceUser(scimCallerOf(request), request.params.id, request.body), request);
    });

    app.patch<IdRoute>('/Users/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      return render(await users.patchUser(scimCallerOf(request), request.params.id, request.body), request);
    });

    app.delete<IdRoute>('/Users/:id', hide, async (request, reply) => {
      if (!isIdShaped(request.params.id)) return scimErrorReply(reply, 404, NOT_FOUND);
      await users.deleteUser(scimCallerOf(request), request.params.id);
      return reply.code(204).send();
    });
  };
}
