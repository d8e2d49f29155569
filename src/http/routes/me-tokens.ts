/**
 * Member self-service under `/api/v1/me` (docs/policies.md "Member self-service"): the
 * effective policy, own tokens, token requests and one-time retrievals. A session only
 * (`requireSession`); every handler takes the person's org and id from the session, never from the
 * request, so a member reaches only their own tokens and requests.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SelfService } from '../../service/self-service.js';
import { requireSession, sessionPrincipalOf } from '../auth.js';
import { effectivePolicyJson, scopesOfQuery, tokenJson, tokenRequestJson } from '../policy-json.js';
import { ErrorRef } from '../schemas/common.js';
import { IssuedTokenJson, NewTokenRequestBody, OwnTokenBody, PageQuery, RevokeQuery, RotateBody, TokenJson, TokenList, TokenRequestJson, TokenRequestList } from '../schemas/issuance.js';
import { EffectivePolicyQuery, EffectivePolicyResponse } from '../schemas/policies.js';
import { emptyBodyAsObject } from './org-tokens.js';

const ERRORS = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 410: ErrorRef, 429: ErrorRef, 500: ErrorRef };
const SESSION = [{ sessionCookie: [] }];
const TAGS = ['Me'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const TokenIdParams = Type.Object({ tokenId: Id });
const RequestIdParams = Type.Object({ requestId: Id });
const RedeemBody = Type.Object({ link: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export function meTokenRoutes(deps: { selfService: SelfService }): FastifyPluginAsync {
  const me = deps.selfService;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const session = requireSession();

    app.get(
      '/api/v1/me/effective-policy',
      {
        onRequest: session,
        schema: {
          tags: TAGS,
          summary: 'My effective policy: what I may ask for, and why',
          description: 'With `scopes`, the decision for a token holding them, explained per scope (its class and that class\'s creation mode).',
          security: SESSION,
          querystring: EffectivePolicyQuery,
          response: { 200: EffectivePolicyResponse, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const mine = await me.myEffectivePolicy(orgId, userId, scopesOfQuery(request.query.scopes));
        return { data: effectivePolicyJson(mine, mine.creation, mine.decision) };
      },
    );

    app.get(
      '/api/v1/me/tokens',
      { onRequest: session, schema: { tags: TAGS, summary: 'My tokens', description: 'Every status, oldest first, keyset-paged.', security: SESSION, querystring: PageQuery, response: { 200: TokenList, ...ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const page = await me.listOwnTokens(orgId, userId, request.query);
        return { data: page.items.map(tokenJson), links: page.links };
      },
    );

    app.post(
      '/api/v1/me/tokens',
      {
        onRequest: session,
        schema: {
          tags: TAGS,
          summary: 'Create a token for myself',
          description: 'When my policy allows it: 403 APPROVAL_REQUIRED (file a request instead) or TOKEN_CREATION_BLOCKED otherwise; scopes and lifetime within the policy. The secret is in `token`, once.',
          security: SESSION,
          body: OwnTokenBody,
          response: { 201: IssuedTokenJson, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { token, secret } = await me.createOwnToken(orgId, userId, request.body, request.ip);
        return reply.code(201).send({ ...tokenJson(token), token: secret });
      },
    );

    app.post(
      '/api/v1/me/tokens/:tokenId/rotate',
      {
        onRequest: session,
        preValidation: emptyBodyAsObject,
        schema: { tags: TAGS, summary: 'Rotate one of my tokens', description: 'Optional `gracePeriodHours` 0-24.', security: SESSION, params: TokenIdParams, body: RotateBody, response: { 200: IssuedTokenJson, ...ERRORS } },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { token, secret } = await me.rotateOwnToken(orgId, userId, request.params.tokenId, request.body.gracePeriodHours ?? 0, request.ip);
        return { ...tokenJson(token), token: secret };
      },
    );

    app.delete(
      '/api/v1/me/tokens/:tokenId',
      { onRequest: session, schema: { tags: TAGS, summary: 'Revoke one of my tokens', security: SESSION, params: TokenIdParams, querystring: RevokeQuery, response: { 200: TokenJson, ...ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return tokenJson(await me.revokeOwnToken(orgId, userId, request.params.tokenId, request.query.reason ?? null, request.ip));
      },
    );

    app.get(
      '/api/v1/me/token-requests',
      { onRequest: session, schema: { tags: TAGS, summary: 'My token requests', security: SESSION, querystring: PageQuery, response: { 200: TokenRequestList, ...ERRORS } } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const page = await me.listOwnRequests(orgId, userId, request.query);
        return { data: page.items.map(tokenRequestJson), links: page.links };
      },
    );

    app.post(
      '/api/v1/me/token-requests',
      {
        onRequest: session,
        schema: {
          tags: TAGS,
          summary: 'Ask for a token',
          description: 'Label, scopes, lifetime (days) and justification, within my policy; an approver decides.',
          security: SESSION,
          body: NewTokenRequestBody,
          response: { 201: TokenRequestJson, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return reply.code(201).send(tokenRequestJson(await me.fileRequest(orgId, userId, request.body, request.ip)));
      },
    );

    app.post(
      '/api/v1/me/token-requests/:requestId/retrieve',
      {
        onRequest: session,
        schema: {
          tags: TAGS,
          summary: 'Retrieve the token of my approved request',
          description: 'Once, within 7 days of the approval; 410 DELIVERY_GONE afterwards.',
          security: SESSION,
          params: RequestIdParams,
          response: { 200: IssuedTokenJson, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { token, secret } = await me.retrieveApprovedToken(orgId, userId, request.params.requestId, request.ip);
        return { ...tokenJson(token), token: secret };
      },
    );

    app.post(
      '/api/v1/me/token-deliveries/redeem',
      {
        onRequest: session,
        schema: {
          tags: TAGS,
          summary: 'Redeem a one-time delivery link an admin sent me',
          description: 'Only its recipient, once, within 7 days.',
          security: SESSION,
          body: RedeemBody,
          response: { 200: IssuedTokenJson, ...ERRORS },
        },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        const { token, secret } = await me.redeemDeliveryLink(orgId, userId, request.body.link, request.ip);
        return { ...tokenJson(token), token: secret };
      },
    );
  };
}
