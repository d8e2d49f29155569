/**
 * Rotation of connected tokens (GitLab; docs/connectors-gitlab.md): an admin asks for it next to
 * the connector's revoke routes and gets a one-time link for the owner; the owner opens it (signed
 * in) and receives the new value in that answer, once; an admin resolves a rotation whose answer
 * was lost. Paths are fixed: scripts rely on them.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { ConnectorRotation } from '../../domain/connector-rotation.js';
import type { ConnectorRotationService } from '../../service/connector-rotation-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin, requireSession, sessionPrincipalOf } from '../auth.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { ExternalTokenParams } from '../schemas/connectors.js';
import { callerOf } from './webhooks.js';
import { oneTimeLinkUrl } from '../../domain/sign-in.js';

const PREFIX = '/admin/tokenward/v1/orgs/:orgId/connectors';
const TAGS = ['Connectors'];
const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef, 422: ErrorRef, 502: ErrorRef };
const iso = (date: Date | null) => (date ? date.toISOString() : null);
const Id = Type.String({ minLength: 1, maxLength: 64 });

const RotationJson = Type.Object({
  id: Type.String(),
  tokenId: Type.String(),
  recipientUserId: Type.String(),
  state: Type.String({ description: 'pending, rotating, rotated, refused, unknown, resolved_rotated or resolved_not_rotated.' }),
  expiresInDays: Type.Integer(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  upstreamStatus: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  linkExpiresAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

function rotationJson(r: ConnectorRotation) {
  return {
    id: r.id,
    tokenId: r.externalTokenId,
    recipientUserId: r.recipientUserId,
    state: r.state,
    expiresInDays: r.expiresInDays,
    outcome: r.outcome,
    upstreamStatus: r.upstreamStatus,
    createdAt: r.createdAt.toISOString(),
    linkExpiresAt: r.linkExpiresAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

const RotateBody = Type.Object(
  {
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Lifetime of the new token; default 30 days.' })),
    recipientUserId: Type.Optional(Type.String({ maxLength: 64, description: 'Who receives the link when the owner is not in the directory (group and project tokens).' })),
  },
  { additionalProperties: false },
);
const RotationParams = Type.Object({ orgId: Id, connectorId: Id, rotationId: Id });

export function connectorRotationRoutes(deps: { tokens: TokenService; connectorRotations: ConnectorRotationService; baseUrl(): string }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:tokens:admin');
  const write = requireAdmin(deps, 'write:tokens:admin');
  const rotations = deps.connectorRotations;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${PREFIX}/:connectorId/tokens/:tokenId/rotate`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Rotate one token upstream, delivered to its owner through a one-time link',
          description:
            'Nothing changes upstream until the recipient opens the link (signed in, once, within 7 days): GitLab then rotates the token and the new value is in that answer only. 409 while another rotation of the token is open or has an unknown outcome.',
          params: ExternalTokenParams,
          body: RotateBody,
          response: {
            201: Type.Object({
              rotation: RotationJson,
              link: Type.String(),
              url: Type.String({ description: 'The address to send the recipient: the console page that opens the link (the link itself after `#`, which browsers never send to a server).' }),
            }),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const { orgId, connectorId, tokenId } = request.params;
        const { rotation, link } = await rotations.requestRotation(callerOf(request), orgId, connectorId, tokenId, request.body ?? {});
        return reply.code(201).send({ rotation: rotationJson(rotation), link, url: oneTimeLinkUrl(deps.baseUrl(), link) });
      },
    );

    app.get(
      `${PREFIX}/:connectorId/rotations/:rotationId`,
      { onRequest: read, schema: { tags: TAGS, summary: 'One rotation and what happened upstream', params: RotationParams, response: { 200: RotationJson, ...ERRORS } } },
      async (request) => rotationJson(await rotations.get(request.params.orgId, request.params.connectorId, request.params.rotationId)),
    );

    app.post(
      `${PREFIX}/:connectorId/rotations/:rotationId/resolve`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Resolve a rotation whose answer was lost, by reading the token from GitLab',
          description: 'Never rotates: it reads. The old token no longer works: resolved_rotated (the new value was lost). It still works: resolved_not_rotated.',
          params: RotationParams,
          response: { 200: RotationJson, ...ERRORS },
        },
      },
      async (request) => rotationJson(await rotations.resolve(callerOf(request), request.params.orgId, request.params.connectorId, request.params.rotationId)),
    );

    app.post(
      '/api/v1/me/connector-rotations/redeem',
      {
        onRequest: requireSession(),
        schema: {
          tags: ['Me'],
          summary: 'Open a rotation link an admin sent me: the token is rotated now and its new value shown once',
          security: [{ sessionCookie: [] }],
          body: Type.Object({ link: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ tokenId: Type.String(), label: Type.String(), token: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) }),
            400: ErrorRef,
            401: ErrorRef,
            403: ErrorRef,
            410: ErrorRef,
            502: ErrorRef,
          },
        },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { token, secret, expiresAt } = await rotations.redeem(orgId, userId, request.body.link, request.ip);
        return { tokenId: token.id, label: token.label, token: secret, expiresAt };
      },
    );
  };
}
