/**
 * Builds the Fastify instance from ready-made services. No I/O of its own beyond serving: the
 * composition root (`src/app.ts`) owns opening and closing things.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import fastifySwagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.js';
import type { ApprovalService } from '../service/approval-service.js';
import type { TeamApprovalService } from '../service/team-approval-service.js';
import type { SelfTokenService } from '../service/self-token-service.js';
import type { TokenControlsService } from '../service/token-controls-service.js';
import type { ServiceAccountOwnerService } from '../service/service-account-owner-service.js';
import type { GroupDirectoryService } from '../service/group-directory-service.js';
import type { IssuanceService } from '../service/issuance-service.js';
import type { AuditLogService } from '../service/audit-log-service.js';
import type { LeakedTokenService } from '../service/leaked-token-service.js';
import type { OrganizationService } from '../service/organization-service.js';
import type { OrgTokenService } from '../service/org-token-service.js';
import type { PolicyService } from '../service/policy-service.js';
import type { GovernanceService } from '../service/governance-service.js';
import type { PolicySetService } from '../service/policy-set-service.js';
import type { SelfService } from '../service/self-service.js';
import type { ScimGroupService } from '../service/scim-group-service.js';
import type { ScimTokenService } from '../service/scim-token-service.js';
import type { ScimUserService } from '../service/scim-user-service.js';
import type { ServiceAccountService } from '../service/service-account-service.js';
import type { TokenInventoryService } from '../service/token-inventory-service.js';
import type { TokenService } from '../service/token-service.js';
import type { UserDirectoryService } from '../service/user-directory-service.js';
import type { LinkService } from '../service/link-service.js';
import type { OidcService } from '../service/oidc-service.js';
import type { SessionService } from '../service/session-service.js';
import type { SignInService } from '../service/sign-in-service.js';
import type { SsoConfigService } from '../service/sso-config-service.js';
import type { UsageRecorder } from '../service/usage-recorder.js';
import type { UsageService } from '../service/usage-service.js';
import type { VerificationService } from '../service/verification-service.js';
import { DomainError } from '../domain/errors.js';
import { ANSWER_HEADERS, hasEncodedNul, hasNonFiniteNumber, jsonBodyRefusal, NON_FINITE_REFUSAL, NUL_REFUSAL } from './request-hygiene.js';
import type { TokenLimitsService } from '../service/token-limits-service.js';
import { tokenLimitsRoutes } from './routes/token-limits.js';
import type { DependencyHealth } from '../service/dependency-health.js';
import { errorBody, registerErrorHandling, registerNotFoundHandler } from './errors.js';
import { lazyChildLogger } from './logger.js';
import { answerSerializerFactory } from './answer-serializer.js';
import { AJV_CUSTOM_OPTIONS, createVerifyFastPath } from './verify-fast-path.js';
import { durationObserver, registerDependencyMetrics, registerVerificationMetrics, type Metrics } from './metrics.js';
import { limitRoutesOf, registerRateLimit, type RateLimitOptions } from './rate-limit.js';
import { SCIM_PREFIX, scimErrorReply } from './scim-helpers.js';
import { scimPlugin } from './scim-plugin.js';
import { scimTokenRoutes } from './routes/scim-tokens.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { consoleRoutes } from './routes/console.js';
import { nameRoutes } from './routes/names.js';
import { governanceRoutes } from './routes/governance.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { directoryGroupRoutes } from './routes/directory-groups.js';
import { directoryUserRoutes } from './routes/directory-users.js';
import { apiTokenRoutes } from './routes/api-tokens.js';
import { healthRoutes } from './routes/health.js';
import { oauthClientRoutes } from './routes/oauth-clients.js';
import { organizationRoutes } from './routes/organizations.js';
import { instanceRoutes } from './routes/instance.js';
import type { InstanceService } from '../service/instance-service.js';
import { meTokenRoutes } from './routes/me-tokens.js';
import { orgTokenRoutes } from './routes/org-tokens.js';
import { tokenInventoryRoutes } from './routes/token-inventory-admin.js';
import { policyRoutes } from './routes/policies.js';
import { policySetRoutes } from './routes/policy-set.js';
import { scopeRoutes } from './routes/scopes.js';
import { upstreamConnectionRoutes } from './routes/upstream-connection.js';
import type { DelegatedGrantService } from '../service/delegated-grant-service.js';
import { tokenRequestRoutes } from './routes/token-requests.js';
import { teamApprovalRoutes } from './routes/team-approvals.js';
import { machineTokenRoutes, REVOKE_BY_VALUE_PATH } from './routes/machine-tokens.js';
import { tokenControlRoutes } from './routes/token-controls.js';
import { secretScanningRoutes } from './routes/secret-scanning.js';
import { serviceAccountRoutes } from './routes/service-accounts.js';
import { userTokenRoutes } from './routes/user-tokens.js';
import { authRoutes, type SignInRateLimit } from './routes/auth.js';
import { rateLimitRoutes } from './routes/rate-limits.js';
import { meUsageRoutes } from './routes/me-usage.js';
import { meRoutes } from './routes/me.js';
import { ssoRoutes } from './routes/sso.js';
import { userLinkRoutes } from './routes/user-links.js';
import { registerSessionAuth } from './session-auth.js';
import { automationRoutes } from './routes/automation.js';
import { webhookRoutes } from './routes/webhooks.js';
import { eventRoutes } from './routes/events.js';
import type { JobService } from '../service/job-service.js';
import type { NotificationSettingsService } from '../service/notification-settings-service.js';
import type { WebhookService } from '../service/webhook-service.js';
import type { EventLogService } from '../service/event-log-service.js';
import type { ConnectorService } from '../service/connector-service.js';
import type { ConnectorViolations } from '../service/connector-violations.js';
import { connectorRoutes } from './routes/connectors.js';
import { connectorRequestRoutes, githubWebhookRoutes } from './routes/connector-requests.js';
import type { GithubRequestService } from '../service/github-request-service.js';
import { connectorRotationRoutes } from './routes/connector-rotations.js';
import type { ConnectorRotationService } from '../service/connector-rotation-service.js';
import { usageRoutes } from './routes/usage.js';
import { isVerifyUrl, VERIFY_EVENTS_PATH, VERIFY_PATH, VERIFY_USAGE_PATH, verifyRoutes } from './routes/verify.js';
import { ErrorResponse } from './schemas/common.js';

export interface HttpServices {
  tokens: TokenService;
  organizations: OrganizationService;
  instance: InstanceService;
  directoryUsers: UserDirectoryService;
  directoryGroups: GroupDirectoryService;
  serviceAccounts: ServiceAccountService;
  inventory: TokenInventoryService;
  orgTokens: OrgTokenService;
  policies: PolicyService;
  governance: GovernanceService;
  policySets: PolicySetService;
  issuance: IssuanceService;
  approvals: ApprovalService;
  teamApprovals: TeamApprovalService;
  selfTokens: SelfTokenService;
  tokenControls: TokenControlsService;
  serviceAccountOwners: ServiceAccountOwnerService;
  selfService: SelfService;
  sessions: SessionService;
  signIn: SignInService;
  links: LinkService;
  oidc: OidcService;
  ssoConfigs: SsoConfigService;
  scimTokens: ScimTokenService;
  scimUsers: ScimUserService;
  scimGroups: ScimGroupService;
  leakedTokens: LeakedTokenService;
  auditLog: AuditLogService;
  webhooks: WebhookService;
  eventLog: EventLogService;
  jobs: JobService;
  notificationSettings: NotificationSettingsService;
  verification: VerificationService;
  tokenLimits: TokenLimitsService;
  usageRecorder: Pick<UsageRecorder, 'stats'>;
  usage: UsageService;
  connectors: ConnectorService;
  connectorViolations: ConnectorViolations;
  githubRequests: GithubRequestService;
  connectorRotations: ConnectorRotationService;
}

export interface HttpDeps {
  logger: Logger;
  metrics: Metrics;
  services: HttpServices;
  pingDatabase(): Promise<void>;
  /** Outages of the database, Redis and the change listener, for `/readyz` and `/metrics`. */
  health?: DependencyHealth | undefined;
  /** Whether cached verification answers may be used (the node hears the other nodes' changes). */
  isVerifyingFromCache?: () => boolean;
  /** The externally visible base URL, known only once the server listens. */
  baseUrl(): string;
  version: string;
  /** The console's build (`web/dist` by default; tests point elsewhere). */
  consoleDir?: string;
  rateLimit: RateLimitOptions;
  signInRateLimit: SignInRateLimit;
  /** The clock, for answers that depend on the time (a SCIM token's status). */
  now(): Date;
  /** Reverse proxies whose forwarded client address and protocol are believed; unset: none. */
  trustProxy?: TrustProxy | undefined;
  /** Members' upstream connections, when the in-process gateway calls its upstream as each member. */
  upstreamConnections?: DelegatedGrantService | undefined;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildHttp(deps: HttpDeps): Promise<FastifyInstance> {
  const onStorageFault = (code: string, error: unknown) => deps.health?.report(code === 'DATABASE_READ_ONLY' ? 'disk' : 'database', false, error);
  const verifyFastPath = createVerifyFastPath({ verification: deps.services.verification, metrics: deps.metrics, log: deps.logger, onStorageFault, trustProxy: trustedProxies(deps.trustProxy) });
  const app = Fastify({
    // POST /api/v1/verify in its plain shape is answered before Fastify's pipeline (verify-fast-path.ts).
    serverFactory: (handler, options: { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number }) => {
      const server = createServer((request, response) => {
        if (!verifyFastPath.handle(request, response)) handler(request, response);
      });
      // What Fastify sets on the server it creates itself (lib/server.js), from its defaults.
      server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
      server.requestTimeout = options.requestTimeout ?? 0;
      server.setTimeout(options.connectionTimeout ?? 0);
      return server;
    },
    loggerInstance: deps.logger as FastifyBaseLogger,
    childLoggerFactory: (logger, bindings, options) => lazyChildLogger(logger as Logger, bindings, options) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: (request) => isVerifyUrl(request.url) }),
    genReqId: () => randomUUID(),
    // Behind a reverse proxy the peer is the proxy: only the proxies named here may say who the
    // client is (audit IPs, per-IP sign-in limits, usage), or anyone could forge X-Forwarded-For.
    trustProxy: trustedProxies(deps.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: AJV_CUSTOM_OPTIONS },
    schemaController: { compilersFactory: { buildSerializer: answerSerializerFactory } },
    // A URL that does not decode (`/scim/v2/Users/%E2%82`) fails before routing, so no plugin's
    // error handler sees it: answer it here in the body its path family uses.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as FastifyReply;
      const status = error.statusCode ?? 400;
      if (request.url.startsWith(`${SCIM_PREFIX}/`)) return scimErrorReply(reply, status, error.message, status === 400 ? 'invalidSyntax' : undefined);
      return reply.code(status).type('application/json; charset=utf-8').send(errorBody(request.id, status, `ADMIN-${status}-0`, 'BAD_REQUEST', error.message));
    },
  });

  app.decorateRequest('principal', null);
  // The hooks every route needs, verification included: synchronous, so they cost no promise.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(ANSWER_HEADERS);
    // Refused here for every route and both databases alike: PostgreSQL cannot store NUL, and
    // SQLite would quietly match nothing or keep it.
    done(hasEncodedNul(request.url) ? new DomainError('VALIDATION_FAILED', NUL_REFUSAL) : undefined);
  });
  const observeDuration = durationObserver(deps.metrics);
  app.addHook('onResponse', (request, reply, done) => {
    observeDuration(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  registerVerificationMetrics(deps.metrics, { cache: () => deps.services.verification.cacheStats(), usage: () => deps.services.usageRecorder.stats(), fastPath: () => verifyFastPath.served() });
  app.addSchema(ErrorResponse);
  // Revoke by value has its own, stricter limiter per address (routes/machine-tokens.ts).
  const rateLimit: RateLimitOptions = { exemptPaths: ['/healthz', '/readyz', '/metrics', VERIFY_PATH, VERIFY_EVENTS_PATH, VERIFY_USAGE_PATH, REVOKE_BY_VALUE_PATH], ...deps.rateLimit };
  await registerRateLimit(app, rateLimit);
  registerErrorHandling(app, { onStorageFault, notFound: false });
  if (deps.health) registerDependencyMetrics(deps.metrics, deps.health);
  acceptEmptyJsonBodies(app);

  await app.register(fastifySwagger, { openapi: openapiInfo(deps.version) });
  // Outside the API scope below: probes and verification need no session, cookie or API rate
  // limit, and verification is on other services' hot path.
  await app.register(healthRoutes({ pingDatabase: deps.pingDatabase, metrics: deps.metrics, health: deps.health, isVerifyingFromCache: deps.isVerifyingFromCache }));
  await app.register(verifyRoutes(deps.services));
  await app.register(async (api) => {
    limitRoutesOf(api, rateLimit);
    // Resolves the session cookie once per request, before every route of the scope.
    await registerSessionAuth(api, { sessions: deps.services.sessions, baseUrl: deps.baseUrl });
    api.addHook('preHandler', (request, _reply, done) => {
      if (hasNonFiniteNumber(request.query) || hasNonFiniteNumber(request.params)) done(new DomainError('VALIDATION_FAILED', NON_FINITE_REFUSAL));
      else done();
    });
    registerNotFoundHandler(api);
    await registerApiRoutes(api, deps, rateLimit);
  });
  return app;
}

/** The admin API, the member and sign-in routes, SCIM, the API docs and the console. */
async function registerApiRoutes(app: FastifyInstance, deps: HttpDeps, rateLimit: RateLimitOptions): Promise<void> {
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(organizationRoutes({ ...deps.services, baseUrl: deps.baseUrl }));
  await app.register(instanceRoutes(deps.services));
  await app.register(apiKeyRoutes(deps.services));
  await app.register(directoryUserRoutes(deps.services));
  await app.register(directoryGroupRoutes(deps.services));
  await app.register(serviceAccountRoutes(deps.services));
  await app.register(oauthClientRoutes(deps.services));
  await app.register(apiTokenRoutes(deps.services));
  await app.register(userTokenRoutes(deps.services));
  await app.register(tokenInventoryRoutes(deps.services));
  await app.register(scopeRoutes(deps.services));
  if (deps.upstreamConnections) await app.register(upstreamConnectionRoutes({ connections: deps.upstreamConnections, baseUrl: deps.baseUrl }));
  await app.register(policyRoutes(deps.services));
  await app.register(policySetRoutes(deps.services));
  await app.register(orgTokenRoutes({ ...deps.services, baseUrl: deps.baseUrl }));
  await app.register(tokenRequestRoutes(deps.services));
  await app.register(userLinkRoutes(deps.services));
  await app.register(ssoRoutes({ ...deps.services, baseUrl: deps.baseUrl }));
  await app.register(authRoutes({ ...deps.services, baseUrl: deps.baseUrl, signInRateLimit: deps.signInRateLimit }));
  await app.register(meRoutes(deps.services));
  await app.register(meTokenRoutes(deps.services));
  await app.register(teamApprovalRoutes(deps.services));
  await app.register(machineTokenRoutes(deps.services));
  await app.register(tokenControlRoutes(deps.services));
  await app.register(meUsageRoutes(deps.services));
  await app.register(scimTokenRoutes({ ...deps.services, baseUrl: deps.baseUrl, now: deps.now }));
  // Encapsulated: its own auth, media type, error body and 404 (src/http/scim-plugin.ts).
  await app.register(scimPlugin({ ...deps.services, baseUrl: deps.baseUrl }), { prefix: SCIM_PREFIX });
  await app.register(secretScanningRoutes(deps.services));
  await app.register(auditLogRoutes(deps.services));
  await app.register(nameRoutes(deps.services));
  await app.register(governanceRoutes(deps.services));
  await app.register(webhookRoutes(deps.services));
  await app.register(eventRoutes(deps.services));
  await app.register(automationRoutes(deps.services));
  await app.register(tokenLimitsRoutes(deps.services));
  await app.register(usageRoutes(deps.services));
  await app.register(connectorRoutes(deps.services));
  await app.register(connectorRequestRoutes(deps.services));
  // Encapsulated: keeps the webhook body as bytes for the signature check.
  await app.register(githubWebhookRoutes(deps.services));
  await app.register(connectorRotationRoutes({ ...deps.services, baseUrl: deps.baseUrl }));
  await app.register(rateLimitRoutes({ ...deps.services, rateLimit, signInRateLimit: deps.signInRateLimit }));

  app.get('/admin/api-access/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(consoleRoutes({ dir: deps.consoleDir }));
}

function openapiInfo(version: string): NonNullable<FastifyDynamicSwaggerOptions['openapi']> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tokenward admin API',
      version,
      description: 'Wire-compatible with Atlassian\'s "API Access" admin API, plus Tokenward\'s own extensions.',
    },
    components: {
      securitySchemes: {
        adminApiKey: { type: 'http', scheme: 'bearer', description: 'Organization admin API key (twa_...)' },
        instanceKey: { type: 'http', scheme: 'bearer', description: 'The instance administrator\'s key (twi_...): the instance routes only.' },
        tokenBearer: { type: 'http', scheme: 'bearer', description: 'The token itself (a person\'s or a service account\'s), for the routes a token calls about itself.' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'tw_session',
          description: 'A signed-in person; state-changing requests also need the X-CSRF-Token header. Admin routes accept it per the role -> scope table.',
        },
      },
    },
    security: [{ adminApiKey: [] }, { sessionCookie: [] }],
  };
}

function trustedProxies(trust: TrustProxy | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  if (!trust) return false;
  if ('addresses' in trust) return trust.addresses;
  const { hops } = trust;
  return (_address, hop) => hop < hops;
}

/**
 * Some Atlassian clients send `Content-Type: application/json` with no body on DELETE and PATCH
 * (CONTRACT.md §2 T3, §5 K4); Fastify would refuse that with a 400. An empty body is no body; any
 * other body goes through Fastify's own (prototype-poisoning-safe) JSON parser.
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      const refusal = error ? null : jsonBodyRefusal(text, value);
      if (refusal) done(new DomainError('VALIDATION_FAILED', refusal), undefined);
      else done(error, value);
    });
  });
}

