/** Tokenward's directory API, groups and bulk membership (docs/directory.md). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { GroupSummary } from '../../domain/models.js';
import type { GroupDetail, GroupDirectoryService } from '../../service/group-directory-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { CreateGroupBody, GroupDetailJson, GroupJson, GroupListResponse, GroupParams, ListGroupsQuery, MembersBody, RenameGroupBody } from '../schemas/directory.js';
import { OrgParams } from '../schemas/organizations.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

export interface DirectoryGroupRoutesDeps {
  tokens: TokenService;
  directoryGroups: GroupDirectoryService;
}

const WRITE_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };

function groupJson(group: GroupSummary): GroupJson {
  return { id: group.id, name: group.name, memberCount: group.memberCount, createdAt: group.createdAt.toISOString() };
}

function groupDetailJson(group: GroupDetail): GroupDetailJson {
  return { ...groupJson(group), memberIds: group.memberIds };
}

export function directoryGroupRoutes(deps: DirectoryGroupRoutesDeps): FastifyPluginAsync {
  const groups = deps.directoryGroups;
  const read = requireAdmin(deps, 'read:directory:admin');
  const write = requireAdmin(deps, 'write:directory:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${DIRECTORY_PREFIX}/groups`,
      {
        onRequest: write,
        schema: { tags: ['Directory'], summary: 'Create a group', description: 'A name already used in the org is 409.', params: OrgParams, body: CreateGroupBody, response: { 201: GroupDetailJson, ...WRITE_ERRORS } },
      },
      async (request, reply) => reply.code(201).send(groupDetailJson(await groups.createGroup(callerOf(request), request.params.orgId, request.body))),
    );

    app.get(
      `${DIRECTORY_PREFIX}/groups`,
      {
        onRequest: read,
        schema: { tags: ['Directory'], summary: 'List groups with their member counts', params: OrgParams, querystring: ListGroupsQuery, response: { 200: GroupListResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => {
        const page = await groups.listGroups(callerOf(request), request.params.orgId, request.query);
        return { data: page.items.map(groupJson), links: page.links };
      },
    );

    app.get(
      `${DIRECTORY_PREFIX}/groups/:groupId`,
      {
        onRequest: read,
        schema: { tags: ['Directory'], summary: 'Get a group with its member ids', params: GroupParams, response: { 200: GroupDetailJson, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => groupDetailJson(await groups.getGroup(callerOf(request), request.params.orgId, request.params.groupId)),
    );

    app.patch(
      `${DIRECTORY_PREFIX}/groups/:groupId`,
      {
        onRequest: write,
        schema: { tags: ['Directory'], summary: 'Rename a group', params: GroupParams, body: RenameGroupBody, response: { 200: GroupDetailJson, ...WRITE_ERRORS } },
      },
      async (request) => groupDetailJson(await groups.renameGroup(callerOf(request), request.params.orgId, request.params.groupId, request.body)),
    );

    app.delete(
      `${DIRECTORY_PREFIX}/groups/:groupId`,
      {
        onRequest: write,
        schema: { tags: ['Directory'], summary: 'Delete a group (its memberships go with it)', params: GroupParams, response: { 204: Type.Null({ description: 'Deleted.' }), ...ADMIN_ERROR_RESPONSES } },
      },
      async (request, reply) => {
        await groups.deleteGroup(callerOf(request), request.params.orgId, request.params.groupId);
        return reply.code(204).send(null);
      },
    );

    const membership = { params: GroupParams, body: MembersBody, response: { 200: GroupDetailJson, ...ADMIN_ERROR_RESPONSES } };
    const unknownIds = 'Ids that are not users of the org refuse the whole request with 400, naming them.';

    app.put(
      `${DIRECTORY_PREFIX}/groups/:groupId/members`,
      { onRequest: write, schema: { tags: ['Directory'], summary: 'Replace the members of a group', description: unknownIds, ...membership } },
      async (request) => groupDetailJson(await groups.replaceMembers(callerOf(request), request.params.orgId, request.params.groupId, request.body.userIds)),
    );

    app.post(
      `${DIRECTORY_PREFIX}/groups/:groupId/members`,
      { onRequest: write, schema: { tags: ['Directory'], summary: 'Add members to a group', description: `Users already members are left as they are. ${unknownIds}`, ...membership } },
      async (request) => groupDetailJson(await groups.addMembers(callerOf(request), request.params.orgId, request.params.groupId, request.body.userIds)),
    );

    app.delete(
      `${DIRECTORY_PREFIX}/groups/:groupId/members`,
      { onRequest: write, schema: { tags: ['Directory'], summary: 'Remove members from a group', description: `Users not members are ignored. ${unknownIds}`, ...membership } },
      async (request) => groupDetailJson(await groups.removeMembers(callerOf(request), request.params.orgId, request.params.groupId, request.body.userIds)),
    );
  };
}
