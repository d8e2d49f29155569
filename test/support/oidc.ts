/**
 * A real OpenID provider on loopback (oidc-provider 8, its development interactions) and a tiny
 * browser that walks an SSO sign-in against it over HTTP: redirects followed by hand, cookies kept
 * per origin, the login and consent forms posted as a person would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  name?: string;
  email_verified?: boolean;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by id (the login name typed into the dev login form); tests change them freely. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/**
 * `issuerFor` names the issuer when the provider is reached another way than its own port (through
 * a TCP proxy, say): it gets the port the provider listens on.
 */
export async function startTestProvider(redirectUri: string, options: { issuerFor?: (port: number) => string } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuerFor?.(port) ?? `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccount>();
  const clientId = 'tokenward-test';
  const clientSecret = 'provider-client-secret-a8f3kq9z0x7w2m4n';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
    },
  });
  // The development interactions warn on every start; the tests know.
  provider.on('server_error', () => undefined);
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin, all paths alike (enough for one provider and one Tokenward). */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: URL, response: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(url.origin, jar);
  }

  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }
}

export interface SsoOutcome {
  /** The last response: Tokenward's callback answer (a 302 on success, an error body otherwise). */
  status: number;
  location: string | null;
  body: string;
  /** The Tokenward session cookie, when one was set. */
  sessionSecret: string | undefined;
}

/**
 * Starts at Tokenward's `/api/v1/auth/sso/{orgId}/start`, signs in at the provider as `accountId`,
 * consents, and stops at Tokenward's answer to the callback.
 */
export async function signInWithSso(tokenwardBase: string, orgId: string, accountId: string, options: { returnTo?: string; dropFlowCookie?: boolean; accept?: string } = {}): Promise<SsoOutcome> {
  const jar = new CookieJar();
  const tokenwardOrigin = new URL(tokenwardBase).origin;
  const request = async (url: URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const cookie = options.dropFlowCookie && url.origin === tokenwardOrigin ? '' : jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    if (options.accept && url.origin === tokenwardOrigin) headers.set('accept', options.accept);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, response);
    return response;
  };

  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  let url = new URL(`${tokenwardBase}/api/v1/auth/sso/${orgId}/start${query}`);
  let response = await request(url);
  for (let step = 0; step < 20; step += 1) {
    if (url.origin === tokenwardOrigin && url.pathname === '/api/v1/auth/sso/callback') break;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      response = await request(url);
      continue;
    }
    if (url.origin === tokenwardOrigin) break; // Tokenward answered the start with an error
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${url.href} (status ${response.status}):\n${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'any password' } : { prompt });
    url = new URL(action.replace(/&amp;/g, '&'), url);
    response = await request(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
    sessionSecret: jar.get(tokenwardOrigin, 'tw_session'),
  };
}
