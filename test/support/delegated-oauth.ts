/**
 * The delegated mode's world: an authorization server (oidc-provider 8) that rotates refresh
 * tokens and counts refreshes per account; a stand-in upstream that checks each bearer access
 * token by introspection and records whose it was; a tiny browser that walks a member's consent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const ACCESS_TOKEN_TTL_SECONDS = 4;

export interface AuthorizationServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Refresh-token grants per account id. */
  refreshes: Map<string, number>;
  /** Token introspection, as the upstream does it. */
  introspect(token: string): Promise<{ active: boolean; sub?: string }>;
  revoke(refreshToken: string): Promise<void>;
  close(): Promise<void>;
}

export async function startAuthorizationServer(): Promise<AuthorizationServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tokenward-gateway';
  const clientSecret = 'gateway-client-secret-k2j4h6g8f0d1s3a5';
  // Never reached over the network: the test's browser stops there and hands the URL to Tokenward.
  const redirectUri = 'http://127.0.0.1:9/api/v1/me/upstream-connection/callback';
  const resource = { id: 'jira-upstream', secret: 'upstream-introspection-secret-q1w2e3r4' };
  const refreshes = new Map<string, number>();
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
      { client_id: resource.id, client_secret: resource.secret, redirect_uris: [], grant_types: [], response_types: [], token_endpoint_auth_method: 'client_secret_basic' },
    ],
    scopes: ['openid', 'offline_access'],
    features: { devInteractions: { enabled: true }, introspection: { enabled: true }, revocation: { enabled: true } },
    rotateRefreshToken: true,
    ttl: { AccessToken: ACCESS_TOKEN_TTL_SECONDS, RefreshToken: 3600, Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60, IdToken: 3600 },
    cookies: { keys: ['delegated-test-cookie-key'] },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id }) };
    },
  });
  provider.on('server_error', () => undefined);
  provider.on('grant.success', (ctx: unknown) => {
    const oidc = (ctx as { oidc: { params?: { grant_type?: string }; entities?: { Account?: { accountId: string } } } }).oidc;
    if (oidc.params?.grant_type !== 'refresh_token') return;
    const account = oidc.entities?.Account?.accountId ?? '?';
    refreshes.set(account, (refreshes.get(account) ?? 0) + 1);
  });
  server.on('request', provider.callback());
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    refreshes,
    async introspect(token) {
      const response = await fetch(`${issuer}/token/introspection`, { method: 'POST', headers: { authorization: basic(resource.id, resource.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
      return (await response.json()) as { active: boolean; sub?: string };
    },
    async revoke(refreshToken) {
      const response = await fetch(`${issuer}/token/revocation`, { method: 'POST', headers: { authorization: basic(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }) });
      if (response.status !== 200) throw new Error(`revocation answered ${response.status}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A member's consent at the authorization server: signs in as `accountId`, consents, returns the callback URL it was sent to. */
export async function consentAs(authorizationUrl: string, redirectUri: string, accountId: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const request = async (url: URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  let response = await request(url);
  for (let step = 0; step < 20; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      if (url.href.startsWith(redirectUri)) return url;
      response = await request(url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${url.href} (status ${response.status}):\n${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'any password' } : { prompt });
    url = new URL(action.replace(/&amp;/g, '&'), url);
    response = await request(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  throw new Error('the consent did not come back to the redirect URI');
}

export interface IntrospectingUpstream {
  url: string;
  /** Per call: the path and the subject the access token belonged to (null: refused). */
  seen: Array<{ path: string; subject: string | null }>;
  close(): Promise<void>;
}

/** An upstream that accepts only active access tokens of the authorization server, and answers with their subject. */
export async function startIntrospectingUpstream(as: AuthorizationServer): Promise<IntrospectingUpstream> {
  const seen: IntrospectingUpstream['seen'] = [];
  const server = createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    void (token ? as.introspect(token) : Promise.resolve({ active: false })).then((result: { active: boolean; sub?: string }) => {
      const subject = result.active ? (result.sub ?? null) : null;
      seen.push({ path: req.url ?? '', subject });
      res.writeHead(subject ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(subject ? { accountId: subject } : { message: 'Unauthorized' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
