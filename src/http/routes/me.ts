/**
 * The signed-in person's own resources under `/api/v1/me`. Reached only with a session
 * (`requireSession`); every handler reads the person's id from the session, never from the request,
 * so a member cannot name another member's data. `/api/v1/me/tokens` is built the same way.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SignInService } from '../../service/sign-in-service.js';
import { requireSession, sessionPrincipalOf } from '../auth.js';
import { ErrorRef } from '../schemas/common.js';
import { ProfileJson } from '../schemas/sign-in.js';

export function meRoutes(deps: { signIn: SignInService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/v1/me',
      {
        onRequest: requireSession(),
        schema: {
          tags: ['Me'],
          summary: "The signed-in person's own profile and groups",
          security: [{ sessionCookie: [] }],
          response: { 200: ProfileJson, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef },
        },
      },
      async (request) => {
        const { user, groups } = await deps.signIn.profile(sessionPrincipalOf(request));
        return { id: user.id, orgId: user.orgId, email: user.email, name: user.name, role: user.role, accountType: user.accountType, groups, createdAt: user.createdAt.toISOString() };
      },
    );
  };
}
