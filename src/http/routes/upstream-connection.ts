/**
 * A member connects their upstream account for the gateway's delegated mode (docs/gateway.md):
 * `GET /api/v1/me/upstream-connection` says whether they have, `.../connect` sends their browser to
 * the upstream's consent page, and `.../callback` is where the upstream sends it back. The member is
 * read from the session at the start and carried, sealed, in a flow cookie to the callback.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DelegatedGrantService } from '../../service/delegated-grant-service.js';
import { requireSession, sessionPrincipalOf } from '../auth.js';
import { ErrorRef } from '../schemas/common.js';
import { setPathCookie } from '../session-auth.js';

export const UPSTREAM_CONNECTION_PATH = '/api/v1/me/upstream-connection';
const FLOW_COOKIE = 'tw_upstream_flow';
const FLOW_MAX_AGE_SECONDS = 600;
const TAGS = ['Me'];

const ConnectionJson = Type.Object({
  upstream: Type.String(),
  connected: Type.Boolean(),
  needsReconnect: Type.Boolean({ description: 'The upstream revoked or expired the grant: connect again.' }),
  upstreamAccount: Type.Union([Type.String(), Type.Null()], { description: 'The account id the upstream knows the member by.' }),
});
const CallbackQuery = Type.Object({ code: Type.Optional(Type.String()), state: Type.Optional(Type.String()), error: Type.Optional(Type.String()) }, { additionalProperties: true });

export function upstreamConnectionRoutes(deps: { connections: DelegatedGrantService; baseUrl(): string }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const { connections } = deps;

    app.get(
      UPSTREAM_CONNECTION_PATH,
      {
        onRequest: requireSession(),
        schema: { tags: TAGS, summary: "Whether the signed-in member has connected their account at the gateway's upstream", security: [{ sessionCookie: [] }], response: { 200: ConnectionJson, 401: ErrorRef, 429: ErrorRef, 500: ErrorRef } },
      },
      async (request) => {
        const me = sessionPrincipalOf(request);
        const connection = await connections.connectionOf(me.orgId, me.userId);
        return { upstream: connections.upstreamName, connected: connection !== null && !connection.needsReconnect, needsReconnect: connection?.needsReconnect ?? false, upstreamAccount: connection?.subject ?? null };
      },
    );

    app.get(
      `${UPSTREAM_CONNECTION_PATH}/connect`,
      {
        onRequest: requireSession(),
        schema: { tags: TAGS, summary: "Start connecting the member's upstream account (302 to the upstream's consent page)", security: [{ sessionCookie: [] }], response: { 302: { type: 'null' }, 401: ErrorRef, 429: ErrorRef, 500: ErrorRef } },
      },
      async (request, reply) => {
        const me = sessionPrincipalOf(request);
        const started = await connections.beginConnect(me.orgId, me.userId);
        setPathCookie(reply, request, deps.baseUrl(), FLOW_COOKIE, started.flowState, UPSTREAM_CONNECTION_PATH, FLOW_MAX_AGE_SECONDS);
        return reply.redirect(started.authorizationUrl, 302);
      },
    );

    app.get(
      `${UPSTREAM_CONNECTION_PATH}/callback`,
      {
        schema: { tags: TAGS, summary: 'Where the upstream sends the browser back; stores the connection and returns to the console', security: [], querystring: CallbackQuery, response: { 302: { type: 'null' }, 400: ErrorRef, 429: ErrorRef, 500: ErrorRef } },
      },
      async (request, reply) => {
        const flow = request.cookies[FLOW_COOKIE];
        reply.clearCookie(FLOW_COOKIE, { path: UPSTREAM_CONNECTION_PATH });
        const at = request.url.indexOf('?');
        // The token endpoint checks the redirect URI it was given at the start: rebuild exactly that one.
        const callbackUrl = new URL(`${connections.redirectUrl}${at >= 0 ? request.url.slice(at) : ''}`);
        await connections.completeConnect(callbackUrl, flow ?? '');
        return reply.redirect('/?upstream=connected', 302);
      },
    );
  };
}
