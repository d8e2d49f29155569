/**
 * The gateway's delegated mode: each member connects their upstream account once (OAuth 2.0
 * authorization code with PKCE and `offline_access`), and the gateway then calls the upstream with
 * the member's own access token, so the upstream applies the member's own permissions and audit.
 *
 * Refresh tokens rotate (Atlassian's do): a refresh token may be spent once, and spending it twice
 * makes the provider revoke the grant. So a refresh is claimed first, with a compare-and-swap on
 * the grant's version in the database (across nodes), and within a node one refresh per member is
 * in flight at a time (the others wait for it). The new tokens are stored before anyone may
 * refresh again. A claim left by a crashed node lapses after `CLAIM_MS`.
 */
import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { Clock } from '../domain/clock.js';
import type { DelegatedUpstreamConfig } from '../domain/gateway-caller-credentials.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { createSecretBox } from '../domain/secret-box.js';
import type { Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createUpstreamGrantStore, type IssuedTokens } from '../store/upstream-grant-store.js';
import { isLoopbackHttp } from './oidc-service.js';


export type AccessTokenAnswer =
  | { kind: 'token'; accessToken: string; subject: string | null }
  | { kind: 'not_connected' }
  | { kind: 'reconnect' }
  | { kind: 'unavailable' };

const FLOW_MS = 10 * 60_000;
const CLAIM_MS = 30_000;
/** An access token this close to its expiry is refreshed first: it could expire on the way upstream. */
const EXPIRY_MARGIN_MS = 1_000;
const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 20_000;

interface FlowState {
  orgId: string;
  userId: string;
  state: string;
  verifier: string;
  expiresAtMs: number;
}

export function createDelegatedGrantService(deps: { db: Kysely<Database>; pepper: Pepper; clock: Clock; upstream: DelegatedUpstreamConfig }) {
  const { clock, upstream } = deps;
  const grants = createUpstreamGrantStore(deps.db);
  const tokenBox = createSecretBox(deps.pepper, 'upstream-oauth-token');
  const flowBox = createSecretBox(deps.pepper, 'upstream-oauth-flow');
  const inFlight = new Map<string, Promise<AccessTokenAnswer>>();
  let configuration: Promise<oidc.Configuration> | null = null;

  function configurationOf(): Promise<oidc.Configuration> {
    configuration ??= (async () => {
      const insecure = (url: string) => (isLoopbackHttp(new URL(url)) ? { execute: [oidc.allowInsecureRequests] } : {});
      const auth = oidc.ClientSecretBasic(upstream.clientSecret);
      if (upstream.issuer) return oidc.discovery(new URL(upstream.issuer), upstream.clientId, undefined, auth, insecure(upstream.issuer));
      const metadata = { issuer: new URL(upstream.tokenUrl!).origin, authorization_endpoint: upstream.authorizationUrl!, token_endpoint: upstream.tokenUrl! };
      const built = new oidc.Configuration(metadata, upstream.clientId, undefined, auth);
      if (isLoopbackHttp(new URL(upstream.tokenUrl!))) oidc.allowInsecureRequests(built);
      return built;
    })().catch((error: unknown) => {
      configuration = null;
      throw error;
    });
    return configuration;
  }

  function sealedTokens(tokens: oidc.TokenEndpointResponse, nowMs: number): IssuedTokens {
    return {
      accessTokenSealed: tokenBox.seal(tokens.access_token),
      accessExpiresAtMs: typeof tokens.expires_in === 'number' ? nowMs + tokens.expires_in * 1000 : null,
      refreshTokenSealed: tokens.refresh_token ? tokenBox.seal(tokens.refresh_token) : null,
    };
  }

  async function subjectOf(config: oidc.Configuration, tokens: oidc.TokenEndpointResponse & { claims?: () => oidc.IDToken | undefined }): Promise<string | null> {
    const sub = tokens.claims?.()?.sub;
    if (typeof sub === 'string') return sub;
    if (!upstream.identityUrl) return null;
    const response = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(upstream.identityUrl), 'GET');
    const body = (await response.json()) as { account_id?: unknown; sub?: unknown };
    const id = body.account_id ?? body.sub;
    return typeof id === 'string' ? id.slice(0, 200) : null;
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** One member's access token: from the store, or refreshed once (claim, refresh, store). */
  async function obtain(orgId: string, userId: string): Promise<AccessTokenAnswer> {
    const started = Date.now();
    while (Date.now() - started < WAIT_LIMIT_MS) {
      const grant = await grants.find(orgId, userId, upstream.name);
      if (!grant) return { kind: 'not_connected' };
      if (grant.status === 'reconnect' || !grant.refreshTokenSealed) return { kind: 'reconnect' };
      const nowMs = clock().getTime();
      const access = grant.accessTokenSealed ? tokenBox.open(grant.accessTokenSealed) : null;
      if (access && (grant.accessExpiresAtMs === null || grant.accessExpiresAtMs - EXPIRY_MARGIN_MS > nowMs)) {
        return { kind: 'token', accessToken: access, subject: grant.subject };
      }
      if (grant.refreshClaimedUntilMs !== null && grant.refreshClaimedUntilMs > nowMs) {
        await sleep(WAIT_STEP_MS); // another node is refreshing: its tokens will be in the store
        continue;
      }
      if (!(await grants.claimRefresh(grant.id, grant.version, nowMs + CLAIM_MS))) continue;
      const claimed = grant.version + 1;
      const refreshToken = tokenBox.open(grant.refreshTokenSealed);
      if (refreshToken === null) {
        await grants.requireReconnect(grant.id, clock());
        return { kind: 'reconnect' };
      }
      let tokens: oidc.TokenEndpointResponse;
      try {
        tokens = await oidc.refreshTokenGrant(await configurationOf(), refreshToken);
      } catch (error) {
        if ((error as { error?: unknown }).error === 'invalid_grant') {
          await grants.requireReconnect(grant.id, clock());
          return { kind: 'reconnect' };
        }
        await grants.releaseClaim(grant.id, claimed);
        return { kind: 'unavailable' };
      }
      const sealed = sealedTokens(tokens, clock().getTime());
      if (!(await grants.completeRefresh(grant.id, claimed, sealed, clock()))) continue;
      return { kind: 'token', accessToken: tokens.access_token, subject: grant.subject };
    }
    return { kind: 'unavailable' };
  }

  return {
    upstreamName: upstream.name,
    /** The connect callback the upstream sends members back to, as registered with it. */
    redirectUrl: upstream.redirectUrl,

    /** Whether the member has connected, and as whom; null when never connected. */
    async connectionOf(orgId: string, userId: string): Promise<{ subject: string | null; needsReconnect: boolean } | null> {
      const grant = await grants.find(orgId, userId, upstream.name);
      return grant ? { subject: grant.subject, needsReconnect: grant.status !== 'active' } : null;
    },

    /** The authorization URL to send the member to, and the sealed flow state to keep until the callback (a cookie). */
    async beginConnect(orgId: string, userId: string): Promise<{ authorizationUrl: string; flowState: string }> {
      const flow: FlowState = { orgId, userId, state: oidc.randomState(), verifier: oidc.randomPKCECodeVerifier(), expiresAtMs: clock().getTime() + FLOW_MS };
      const url = oidc.buildAuthorizationUrl(await configurationOf(), {
        redirect_uri: upstream.redirectUrl,
        scope: upstream.scopes.join(' '),
        state: flow.state,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        ...upstream.authorizationParams,
      });
      return { authorizationUrl: url.href, flowState: flowBox.seal(JSON.stringify(flow)) };
    },

    /** The callback: exchanges the code and stores the grant (sealed). Returns who connected. */
    async completeConnect(callbackUrl: URL, flowState: string): Promise<{ orgId: string; userId: string; subject: string | null }> {
      const opened = flowBox.open(flowState);
      const flow = opened ? (JSON.parse(opened) as FlowState) : null;
      if (!flow || flow.expiresAtMs <= clock().getTime()) throw new DomainError('VALIDATION_FAILED', 'This connection was not started in this browser, or took more than 10 minutes: start again.');
      const config = await configurationOf();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
      } catch (error) {
        const code = (error as { error?: unknown }).error;
        throw new DomainError('VALIDATION_FAILED', typeof code === 'string' ? `${upstream.name} refused the connection (${code.slice(0, 100)}).` : `${upstream.name}'s answer did not verify: start again.`, { cause: error });
      }
      if (!tokens.refresh_token) throw new DomainError('VALIDATION_FAILED', 'The upstream gave no refresh token: the connection must ask for offline access.');
      const subject = await subjectOf(config, tokens);
      await grants.connect({ id: newId('upg'), orgId: flow.orgId, userId: flow.userId, upstream: upstream.name, subject, ...sealedTokens(tokens, clock().getTime()) }, clock());
      return { orgId: flow.orgId, userId: flow.userId, subject };
    },

    /** The member's access token for a call; concurrent callers of one member on this node share one look-up. */
    accessTokenFor(orgId: string, userId: string): Promise<AccessTokenAnswer> {
      const key = `${orgId}:${userId}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const answer = obtain(orgId, userId).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
      return answer;
    },
  };
}

export type DelegatedGrantService = ReturnType<typeof createDelegatedGrantService>;
