/**
 * Routes called with a token's own value, no admin and no session (docs/policies.md): a machine
 * reads and renews itself (`/api/v1/tokens/self`), and anyone holding leaked values kills them
 * (`/api/v1/tokens/revoke-by-value`: possession is the right to revoke). The latter answers the same
 * whatever matched, so it cannot be used to test whether a value is live, and is limited per address.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { LeakedTokenService } from '../../service/leaked-token-service.js';
import { MAX_VALUES_PER_CALL } from '../../service/leaked-token-service.js';
import type { SelfTokenService, SelfView } from '../../service/self-token-service.js';
import { tokenJson } from '../policy-json.js';
import { ErrorRef } from '../schemas/common.js';
import { TokenJson } from '../schemas/issuance.js';
import { bearerCredential } from '../bearer.js';

export const REVOKE_BY_VALUE_PATH = '/api/v1/tokens/revoke-by-value';
/** Revoke-by-value calls allowed per client address and minute (its own limiter: the app-wide one skips this path). */
export const REVOKE_BY_VALUE_PER_MINUTE = 10;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const ERRORS = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 429: ErrorRef, 500: ErrorRef };
const TOKEN_BEARER = [{ tokenBearer: [] }];
const TAGS = ['Machines'];

const SelfJson = Type.Object({
  ...TokenJson.properties,
  policy: Nullable(Type.Object({ id: Type.String(), name: Type.String(), maxLifetimeDays: Type.Integer() })),
  usableScopes: Type.Array(Type.String(), { description: 'The scopes the policy lets this token use now.' }),
  isPreviousValue: Type.Boolean({ description: 'True when called with the value a rotation replaced; it works until previousValueValidUntil.' }),
  previousValueValidUntil: Nullable(Type.String()),
});
const RotatedJson = Type.Object({ ...SelfJson.properties, token: Type.String({ description: 'The new value: shown once, never again.' }) });
const RotateSelfBody = Type.Object(
  { gracePeriodHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24, description: 'How long the presented value keeps working; default 1.' })) },
  { additionalProperties: false },
);
const RevokeByValueBody = Type.Object(
  { tokens: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: MAX_VALUES_PER_CALL, description: 'Token values found leaked.' }) },
  { additionalProperties: false },
);
const RevokeByValueResponse = Type.Object({
  received: Type.Integer({ description: 'How many values were received; says nothing of which matched.' }),
  message: Type.String(),
});

function selfJson(view: SelfView) {
  return {
    ...tokenJson(view.token),
    policy: view.policy,
    usableScopes: view.usableScopes,
    isPreviousValue: view.isPreviousValue,
    previousValueValidUntil: view.previousValueValidUntil?.toISOString() ?? null,
  };
}

export function machineTokenRoutes(deps: { selfTokens: SelfTokenService; leakedTokens: LeakedTokenService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const ipOf = (request: FastifyRequest) => request.ip ?? null;

    app.get(
      '/api/v1/tokens/self',
      { schema: { tags: TAGS, summary: 'The calling token: what it is, when it expires, which scopes', security: TOKEN_BEARER, response: { 200: SelfJson, ...ERRORS } } },
      async (request) => selfJson(await deps.selfTokens.whoAmI(bearerCredential(request.headers.authorization), ipOf(request))),
    );

    app.post(
      '/api/v1/tokens/self/rotate',
      {
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
        schema: {
          tags: TAGS,
          summary: 'Give the calling token a new value',
          description: 'Same token, scopes and expiry; the presented value keeps working for gracePeriodHours (0-24, default 1). Only the current value may rotate.',
          security: TOKEN_BEARER,
          body: RotateSelfBody,
          response: { 200: RotatedJson, ...ERRORS },
        },
      },
      async (request) => {
        const { view, secret } = await deps.selfTokens.rotateSelf(bearerCredential(request.headers.authorization), ipOf(request), request.body.gracePeriodHours);
        return { ...selfJson(view), token: secret };
      },
    );

    app.post(
      REVOKE_BY_VALUE_PATH,
      {
        onRequest: app.rateLimit({ max: REVOKE_BY_VALUE_PER_MINUTE, timeWindow: 60_000, allowList: () => false, keyGenerator: (request) => `revoke-by-value:${request.ip}` }),
        schema: {
          tags: TAGS,
          summary: 'Revoke leaked tokens by their values',
          description: `Up to ${MAX_VALUES_PER_CALL} values; each that is a live token is revoked and its org's admins and owner are told. The answer is the same whether or not any value matched. ${REVOKE_BY_VALUE_PER_MINUTE} calls per address and minute.`,
          security: [],
          body: RevokeByValueBody,
          response: { 202: RevokeByValueResponse, ...ERRORS },
        },
      },
      async (request, reply) => {
        const revoked = await deps.leakedTokens.revokeByValue(request.body.tokens, ipOf(request));
        request.log.info({ received: request.body.tokens.length, revoked: revoked.length }, 'revoke by value');
        return reply.code(202).send({ received: request.body.tokens.length, message: 'Every value that is a live token is revoked now.' });
      },
    );
  };
}
