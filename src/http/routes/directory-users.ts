/** Tokenward's directory API, users (docs/directory.md). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { User } from '../../domain/models.js';
import type { TokenService } from '../../service/token-service.js';
import type { Caller, UserDirectoryService } from '../../service/user-directory-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import {
  CreateUserBody,
  DeactivatedUserResponse,
  ListUsersQuery,
  ReactivatedUserResponse,
  UpdateUserBody,
  UserJson,
  UserListResponse,
  UserParams,
} from '../schemas/directory.js';
import { OrgParams } from '../schemas/organizations.js';

export interface DirectoryUserRoutesDeps {
  tokens: TokenService;
  directoryUsers: UserDirectoryService;
}

export const DIRECTORY_PREFIX = '/admin/tokenward/v1/orgs/:orgId';
const WRITE_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };

export function userJson(user: User): UserJson {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountType: user.accountType,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function callerOf(request: FastifyRequest): Caller {
  return { principal: principalOf(request), ip: request.ip };
}

export function directoryUserRoutes(deps: DirectoryUserRoutesDeps): FastifyPluginAsync {
  const users = deps.directoryUsers;
  const read = requireAdmin(deps, 'read:directory:admin');
  const write = requireAdmin(deps, 'write:directory:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${DIRECTORY_PREFIX}/users`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Create a user',
          description: '`role` defaults to member, `accountType` to managed. An e-mail already used in the org (any case) is 409.',
          params: OrgParams,
          body: CreateUserBody,
          response: { 201: UserJson, ...WRITE_ERRORS },
        },
      },
      async (request, reply) => reply.code(201).send(userJson(await users.createUser(callerOf(request), request.params.orgId, request.body))),
    );

    app.get(
      `${DIRECTORY_PREFIX}/users`,
      {
        onRequest: read,
        schema: {
          tags: ['Directory'],
          summary: 'List users',
          description: 'Oldest first, keyset-paged: pass `links.next` or `links.prev` back as `cursor` with the same filters.',
          params: OrgParams,
          querystring: ListUsersQuery,
          response: { 200: UserListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await users.listUsers(callerOf(request), request.params.orgId, request.query);
        return { data: page.items.map(userJson), links: page.links };
      },
    );

    app.get(
      `${DIRECTORY_PREFIX}/users/:userId`,
      {
        onRequest: read,
        schema: { tags: ['Directory'], summary: 'Get a user', params: UserParams, response: { 200: UserJson, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => userJson(await users.getUser(callerOf(request), request.params.orgId, request.params.userId)),
    );

    app.patch(
      `${DIRECTORY_PREFIX}/users/:userId`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Change a user',
          description: 'Any of `name`, `email`, `role`. Moving the last active owner off the owner role is 409.',
          params: UserParams,
          body: UpdateUserBody,
          response: { 200: UserJson, ...WRITE_ERRORS },
        },
      },
      async (request) => userJson(await users.updateUser(callerOf(request), request.params.orgId, request.params.userId, request.body)),
    );

    app.post(
      `${DIRECTORY_PREFIX}/users/:userId/deactivate`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Deactivate a user and suspend their tokens',
          description: "Every active token the user owns becomes suspended in the same transaction. The org's last active owner cannot be deactivated (409).",
          params: UserParams,
          response: { 200: DeactivatedUserResponse, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const result = await users.deactivateUser(callerOf(request), request.params.orgId, request.params.userId);
        return { user: userJson(result.user), tokensSuspended: result.tokensSuspended };
      },
    );

    app.post(
      `${DIRECTORY_PREFIX}/users/:userId/reactivate`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Reactivate a user and restore their suspended tokens',
          description: 'Suspended tokens become active again; expired tokens stay expired and revoked ones stay revoked.',
          params: UserParams,
          response: { 200: ReactivatedUserResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const result = await users.reactivateUser(callerOf(request), request.params.orgId, request.params.userId);
        return { user: userJson(result.user), tokensRestored: result.tokensRestored };
      },
    );
  };
}
