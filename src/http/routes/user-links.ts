/**
 * Admin-made one-time links for a user: an invite, or a password reset. The answer holds
 * the link, shown once, for the admin to pass on; nothing logs it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IssuedLink, LinkService } from '../../service/link-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { UserParams } from '../schemas/directory.js';
import { IssuedLinkJson } from '../schemas/sign-in.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

export function userLinkRoutes(deps: { tokens: TokenService; links: LinkService }): FastifyPluginAsync {
  const write = requireAdmin(deps, 'write:directory:admin');
  const json = (link: IssuedLink) => ({ linkId: link.linkId, userId: link.userId, kind: link.kind, url: link.url, expiresAt: link.expiresAt.toISOString() });
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      `${DIRECTORY_PREFIX}/users/:userId/invite`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Make an invite link (valid 7 days) with which the user sets a password',
          description: 'Older unused invite links of the user stop working. 409 for a deactivated user.',
          params: UserParams,
          response: { 201: IssuedLinkJson, ...ADMIN_ERROR_RESPONSES, 409: ErrorRef },
        },
      },
      async (request, reply) => reply.code(201).send(json(await deps.links.issueInvite(callerOf(request), request.params.orgId, request.params.userId))),
    );
    app.post(
      `${DIRECTORY_PREFIX}/users/:userId/password-reset`,
      {
        onRequest: write,
        schema: {
          tags: ['Directory'],
          summary: 'Make a password reset link (valid 1 hour) for the user',
          description: 'Older unused reset links of the user stop working. 409 for a deactivated user.',
          params: UserParams,
          response: { 201: IssuedLinkJson, ...ADMIN_ERROR_RESPONSES, 409: ErrorRef },
        },
      },
      async (request, reply) => reply.code(201).send(json(await deps.links.issuePasswordReset(callerOf(request), request.params.orgId, request.params.userId))),
    );
  };
}
