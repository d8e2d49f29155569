/**
 * OIDC single sign-on with openid-client 6: authorization code flow with state, nonce
 * and PKCE (S256). The flow's state lives in a short-lived cookie sealed with AES-256-GCM under a
 * pepper-derived key, so no table holds half-finished sign-ins and any node can finish a flow any
 * node started. Network calls to the provider happen outside database transactions.
 */
import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { User } from '../domain/models.js';
import { createSecretBox } from '../domain/secret-box.js';
import { emailDomain, isEmailDomainAllowed, mappedGroupIds, safeReturnPath } from '../domain/sign-in.js';
import type { Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import type { SsoConfig } from '../store/sso-config-store.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { SessionService, StartedSession } from './session-service.js';

/** How long a browser may spend at the provider before the callback. */
const FLOW_LIFETIME_MS = 10 * 60_000;
const PROVIDER_TIMEOUT_SECONDS = 10;
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

interface FlowState {
  orgId: string;
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  expiresAtMs: number;
}

/** http:// issuers are accepted only on loopback (tests, local providers); anywhere else, https. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** A request to the provider that timed out or lost its connection, as against an answer that did not verify. */
function isNetworkFailure(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth += 1) {
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return true;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('UND_ERR_') || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
    if (cause instanceof TypeError && cause.message === 'fetch failed') return true;
  }
  return false;
}

/** Discovers the provider's metadata; VALIDATION_FAILED when it cannot. */
export async function discoverProvider(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  try {
    return await oidc.discovery(url, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(isLoopbackHttp(url) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', `OpenID Connect discovery of ${url.origin}${url.pathname} failed.`, { cause: error });
  }
}

export interface OidcServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  sessions: SessionService;
  /** The externally visible base URL; the callback is `baseUrl + SSO_CALLBACK_PATH`. */
  baseUrl(): string;
}

export function createOidcService(deps: OidcServiceDeps) {
  const { db, clock } = deps;
  const stores = createStores(db);
  const flowBox = createSecretBox(deps.pepper, 'sso-flow-state');
  const secretBox = createSecretBox(deps.pepper, 'sso-client-secret');
  /** Discovered metadata per org, dropped when the configuration changes (its updatedAt). */
  const discovered = new Map<string, { updatedAtMs: number; configuration: oidc.Configuration }>();

  const redirectUri = () => `${deps.baseUrl()}${SSO_CALLBACK_PATH}`;

  async function mustLoad(orgId: string): Promise<SsoConfig> {
    const config = await stores.ssoConfigs.find(orgId);
    if (!config) throw new DomainError('SSO_NOT_CONFIGURED');
    return config;
  }

  async function configurationOf(config: SsoConfig): Promise<oidc.Configuration> {
    const cached = discovered.get(config.orgId);
    if (cached && cached.updatedAtMs === config.updatedAt.getTime()) return cached.configuration;
    const secret = secretBox.open(config.clientSecretSealed);
    if (secret === null) throw new DomainError('SSO_FAILED', 'The stored client secret cannot be read with this pepper; set the SSO configuration again.');
    const configuration = await discoverProvider(config.issuer, config.clientId, secret).catch((error: unknown) => {
      throw new DomainError('SSO_FAILED', 'The identity provider cannot be reached.', { cause: error });
    });
    discovered.set(config.orgId, { updatedAtMs: config.updatedAt.getTime(), configuration });
    return configuration;
  }

  /** Finds or (just in time) creates the person, syncs mapped groups, starts the session. */
  async function signIn(tx: Stores, config: SsoConfig, claims: Record<string, unknown>, email: string, ip: string | null): Promise<StartedSession> {
    const now = clock();
    let user: User | null = await tx.users.findByEmail(config.orgId, email);
    if (!user) {
      if (!config.jitEnabled) throw new DomainError('SSO_FAILED', 'No Tokenward account has this e-mail, and this organization does not create accounts at sign-in.');
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.slice(0, email.indexOf('@'));
      user = { id: newId('usr'), orgId: config.orgId, email, name, role: 'member', accountType: 'managed', status: 'active', createdAt: now, updatedAt: now };
      await tx.users.insert(user);
      await tx.audit.append(
        auditEntry({ orgId: config.orgId, actorType: 'system', actorId: 'sso', ip, action: 'user.created', targetType: 'user', targetId: user.id, details: { email, role: 'member', accountType: 'managed', via: 'sso' } }, clock),
      );
    }
    if (user.status !== 'active') throw new DomainError('SSO_FAILED', 'This Tokenward account is deactivated.');
    if (config.groupClaim) {
      const managed = [...(await tx.ssoConfigs.existingGroupIds(config.orgId, Object.values(config.groupMapping)))];
      const wanted = mappedGroupIds(claims[config.groupClaim], config.groupMapping);
      const { added, removed } = await tx.ssoConfigs.syncManagedMemberships(user.id, managed, wanted, now);
      if (added.length + removed.length > 0) {
        await tx.audit.append(
          auditEntry({ orgId: config.orgId, actorType: 'system', actorId: 'sso', ip, action: 'user.sso_groups_synced', targetType: 'user', targetId: user.id, details: { added, removed } }, clock),
        );
      }
    }
    return deps.sessions.startIn(tx, user, 'sso', ip);
  }

  return {
    redirectUri,

    /** The provider's authorization URL and the sealed flow cookie to set before redirecting. */
    async start(orgId: string, returnTo: string | undefined): Promise<{ authorizationUrl: string; flowCookie: string; maxAgeSeconds: number }> {
      const config = await mustLoad(orgId);
      const configuration = await configurationOf(config);
      const flow: FlowState = {
        orgId,
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo: safeReturnPath(returnTo),
        expiresAtMs: clock().getTime() + FLOW_LIFETIME_MS,
      };
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri(),
        scope: config.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { authorizationUrl: url.href, flowCookie: flowBox.seal(JSON.stringify(flow)), maxAgeSeconds: FLOW_LIFETIME_MS / 1000 };
    },

    /**
     * The callback: checks state, nonce and PKCE, reads the e-mail (and groups) from the ID token,
     * or from UserInfo when the ID token lacks them, enforces the allowed domains and signs in.
     */
    async complete(callbackUrl: URL, flowCookie: string | undefined, ip: string | null): Promise<{ session: StartedSession; returnTo: string }> {
      const opened = flowCookie ? flowBox.open(flowCookie) : null;
      const flow = opened ? (JSON.parse(opened) as FlowState) : null;
      if (!flow || flow.expiresAtMs <= clock().getTime()) {
        throw new DomainError('SSO_FAILED', 'This sign-in was not started in this browser, or took more than 10 minutes: start again.');
      }
      const config = await mustLoad(flow.orgId);
      const configuration = await configurationOf(config);
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = { ...(tokens.claims() ?? {}) };
        const needsUserInfo = typeof claims.email !== 'string' || (config.groupClaim !== null && claims[config.groupClaim] === undefined);
        if (needsUserInfo && tokens.access_token) {
          const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
          claims = { ...userInfo, ...claims };
        }
      } catch (error) {
        const code = (error as { error?: unknown }).error;
        const detail =
          typeof code === 'string'
            ? `The identity provider refused the sign-in (${code.slice(0, 100)}).`
            : isNetworkFailure(error)
              ? `The identity provider did not answer within ${PROVIDER_TIMEOUT_SECONDS} s, or dropped the connection: try again.`
              : 'The identity provider response did not verify.';
        throw new DomainError('SSO_FAILED', detail, { cause: error });
      }
      const email = typeof claims.email === 'string' ? claims.email.trim() : '';
      if (!email || emailDomain(email) === null) throw new DomainError('SSO_FAILED', 'The identity provider did not give an e-mail address.');
      if (claims.email_verified === false) throw new DomainError('SSO_FAILED', 'The identity provider says this e-mail address is not verified.');
      if (!isEmailDomainAllowed(email, config.allowedDomains)) {
        throw new DomainError('SSO_EMAIL_DOMAIN_NOT_ALLOWED', `E-mail addresses at ${emailDomain(email)} may not sign in to this organization.`);
      }
      const session = await db.transaction().execute((trx) => signIn(createStores(trx), config, claims, email, ip));
      return { session, returnTo: flow.returnTo };
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
