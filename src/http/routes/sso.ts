/**
 * OIDC single sign-on (docs/sign-in.md): the admin settings per org under
 * `/admin/tokenward/v1/orgs/{orgId}/sso`, and the browser flow under `/api/v1/auth/sso`.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OidcService } from '../../service/oidc-service.js';
import type { SsoConfigService, SsoConfigView } from '../../service/sso-config-service.js';
import type { TokenService } from '../../service/token-service.js';
import type { SessionService } from '../../service/session-service.js';
import { isDomainError } from '../../domain/errors.js';
import { requireAdmin } from '../auth.js';
import { HTTP_OF_CODE } from '../errors.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { NoContent } from '../schemas/token-inventory.js';
import { SsoCallbackQuery, SsoConfigBody, SsoConfigJson, SsoStartParams, SsoStartQuery } from '../schemas/sign-in.js';
import { setPathCookie, setSessionCookie } from '../session-auth.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

export interface SsoRoutesDeps {
  tokens: TokenService;
  sessions: SessionService;
  oidc: OidcService;
  ssoConfigs: SsoConfigService;
  baseUrl(): string;
}

const FLOW_COOKIE = 'tw_sso_flow';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Outside the route's typed replies: an HTML page is none of its JSON response schemas. */
function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function signInFailedPage(code: string, detail: string, requestId: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sign-in failed</title></head><body style="font-family:sans-serif">
<h1>Sign-in failed</h1><p>${escapeHtml(detail)}</p><p><small>${escapeHtml(code)} · request ${escapeHtml(requestId)}</small></p></body></html>`;
}
const FLOW_COOKIE_PATH = '/api/v1/auth/sso';
const TAGS = ['Single sign-on'];

export function ssoRoutes(deps: SsoRoutesDeps): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:directory:admin');
  const write = requireAdmin(deps, 'write:directory:admin');
  const json = (view: SsoConfigView) => ({
    issuer: view.issuer,
    clientId: view.clientId,
    hasClientSecret: view.hasClientSecret,
    scopes: view.scopes,
    allowedDomains: view.allowedDomains,
    groupClaim: view.groupClaim,
    groupMapping: view.groupMapping,
    jitEnabled: view.jitEnabled,
    redirectUri: deps.oidc.redirectUri(),
    startUrl: `${deps.baseUrl()}/api/v1/auth/sso/${view.orgId}/start`,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  });

  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${DIRECTORY_PREFIX}/sso`,
      { onRequest: read, schema: { tags: TAGS, summary: "The org's OIDC settings (never the client secret)", params: OrgParams, response: { 200: SsoConfigJson, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => json(await deps.ssoConfigs.get(callerOf(request), request.params.orgId)),
    );

    app.put(
      `${DIRECTORY_PREFIX}/sso`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Set the org\'s OIDC single sign-on',
          description: 'Runs OpenID Connect discovery on `issuer` before saving (400 when it fails). The client secret is stored encrypted and never returned.',
          params: OrgParams,
          body: SsoConfigBody,
          response: { 200: SsoConfigJson, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => json(await deps.ssoConfigs.put(callerOf(request), request.params.orgId, request.body)),
    );

    app.delete(
      `${DIRECTORY_PREFIX}/sso`,
      { onRequest: write, schema: { tags: TAGS, summary: "Remove the org's single sign-on", params: OrgParams, response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES } } },
      async (request, reply) => {
        await deps.ssoConfigs.remove(callerOf(request), request.params.orgId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/sso/:orgId/start',
      {
        schema: {
          tags: TAGS,
          summary: 'Start signing in with the org\'s identity provider (302 to the provider)',
          security: [],
          params: SsoStartParams,
          querystring: SsoStartQuery,
          response: { 302: { type: 'null' }, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef },
        },
      },
      async (request, reply) => {
        const started = await deps.oidc.start(request.params.orgId, request.query.returnTo);
        setPathCookie(reply, request, deps.baseUrl(), FLOW_COOKIE, started.flowCookie, FLOW_COOKIE_PATH, started.maxAgeSeconds);
        return reply.redirect(started.authorizationUrl, 302);
      },
    );

    app.get(
      '/api/v1/auth/sso/callback',
      {
        schema: {
          tags: TAGS,
          summary: 'Where the identity provider sends the browser back; signs in and redirects to `returnTo`',
          security: [],
          querystring: SsoCallbackQuery,
          response: { 302: { type: 'null' }, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef },
        },
      },
      async (request, reply) => {
        // openid-client checks the URL the provider redirected to, so rebuild it on the public base.
        const at = request.url.indexOf('?');
        const callbackUrl = new URL(`${deps.oidc.redirectUri()}${at >= 0 ? request.url.slice(at) : ''}`);
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
        try {
          const { session, returnTo } = await deps.oidc.complete(callbackUrl, request.cookies[FLOW_COOKIE], request.ip);
          setSessionCookie(reply, request, deps, session);
          return reply.redirect(returnTo, 302);
        } catch (error) {
          // A person's browser lands here: give it a page, not JSON. API clients still get the error body.
          if (!isDomainError(error) || !request.headers.accept?.includes('text/html')) throw error;
          return sendPage(reply, HTTP_OF_CODE[error.code].status, signInFailedPage(error.code, error.detail, request.id));
        }
      },
    );
  };
}
