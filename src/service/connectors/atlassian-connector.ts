/**
 * Atlassian Cloud through its organization admin API ("API Access"): user API tokens by cursor
 * (GET /admin/api-access/v1/orgs/{orgId}/api-tokens), service accounts (…/service-accounts) and
 * each one's tokens (…/service-accounts/{id}/api-tokens), admin API keys (…/api-keys). Revokes a
 * user token with the per-user endpoint (DELETE /users/{accountId}/manage/api-tokens/{tokenId}),
 * an admin key with PATCH …/api-keys/revoke/{id}, and a service account's tokens all at once
 * (Atlassian has no single service-account token revoke).
 */
import { DomainError } from '../../domain/errors.js';
import type { ConnectionCheck, ExternalToken, UpstreamOwner, UpstreamToken } from '../../domain/connectors.js';
import type { ConnectorClient, ConnectorClientOptions, ConnectorSettings, UpstreamActionResult, UpstreamPage } from './connector-types.js';
import { createUpstreamHttp, DEFAULT_UPSTREAM_OPTIONS, UpstreamError, upstreamErrorText } from './upstream-http.js';

const PHASES = ['user-tokens', 'service-accounts', 'admin-keys'] as const;
/** Service accounts read per page: each costs one more request for its tokens. */
const SERVICE_ACCOUNT_PAGE = 50;

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function instant(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

function owner(value: unknown): UpstreamOwner | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Json;
  const id = text(o.id ?? o.accountId);
  return id === '' ? null : { externalId: id, name: text(o.name ?? o.displayName), email: text(o.email) };
}

function tokenOf(kind: UpstreamToken['kind'], item: Json, fallbackOwner: UpstreamOwner | null): UpstreamToken {
  const id = text(item.id);
  if (id === '') throw new UpstreamError('bad-answer', 'An upstream token has no id.');
  return {
    kind,
    externalId: id,
    label: text(item.label),
    scopes: Array.isArray(item.scopes) ? item.scopes.map(String) : [],
    status: text(item.status).toUpperCase() === 'BLOCKED' ? 'suspended' : 'active',
    createdAt: instant(item.createdAt) ?? new Date(0),
    expiresAt: instant(item.expiresAt),
    lastActiveAt: instant(item.lastActiveAt),
    owner: kind === 'admin_key' ? owner(item.createdBy) : (owner(item.user) ?? fallbackOwner),
  };
}

/** `links.next` as a bare cursor, or the `cursor=` of a URL (CONTRACT §1.4). */
function nextCursor(links: unknown): string | null {
  const next = (links as Json | undefined)?.next;
  if (typeof next !== 'string' || next === '') return null;
  if (next.includes('cursor=')) {
    try {
      return new URL(next, 'http://x').searchParams.get('cursor');
    } catch {
      return next;
    }
  }
  return next;
}

export function createAtlassianConnector(settings: ConnectorSettings, options: ConnectorClientOptions): ConnectorClient {
  const http = createUpstreamHttp(settings.credential, { ...DEFAULT_UPSTREAM_OPTIONS, ...options.http });
  // A connection test answers at once: one attempt, no waiting out rate limits or outages.
  const probe = createUpstreamHttp(settings.credential, { ...DEFAULT_UPSTREAM_OPTIONS, ...options.http, maxAttempts: 1, maxRateLimitWaits: 0, timeoutMs: 10_000 });
  const pageSize = options.pageSize ?? 1000;
  const orgPath = `/admin/api-access/v1/orgs/${encodeURIComponent(settings.upstreamOrgId)}`;

  function url(path: string, query: Record<string, string | number | null> = {}): URL {
    const u = new URL(settings.baseUrl + path);
    for (const [k, v] of Object.entries(query)) if (v !== null) u.searchParams.set(k, String(v));
    return u;
  }

  /** A 2xx JSON answer, or an UpstreamError that says what the status means. */
  async function getJson(u: URL, what: string, signal?: AbortSignal, via = http): Promise<unknown> {
    const { status, body } = await via.request('GET', u, signal);
    if (status >= 200 && status < 300) return body;
    throw new UpstreamError('http', `Reading ${what} was refused: ${describeStatus(status, body)}`, status, body);
  }

  function describeStatus(status: number, body: unknown): string {
    const said = upstreamErrorText(body);
    const suffix = said ? ` (${said})` : '';
    if (status === 401 && /INSUFFICIENT_SCOPE/i.test(said)) return `the admin API key lacks the scope this needs${suffix}.`;
    if (status === 401) return `the admin API key is not accepted (wrong, expired or revoked)${suffix}.`;
    if (status === 403) return `the admin API key may not act on organization ${settings.upstreamOrgId} (wrong organization id, or the key belongs to another organization)${suffix}.`;
    if (status === 404) return `not found at ${settings.baseUrl} (check the base URL and the organization id)${suffix}.`;
    return `HTTP ${status}${suffix}.`;
  }

  async function action(method: 'DELETE' | 'PATCH', u: URL): Promise<UpstreamActionResult> {
    try {
      const { status, body } = await http.request(method, u);
      if (status >= 200 && status < 300) return { ok: true, status, answer: `${status}: revoked upstream` };
      return { ok: false, status, answer: describeStatus(status, body) };
    } catch (error) {
      if (error instanceof UpstreamError) return { ok: false, status: error.status, answer: error.detail };
      throw error;
    }
  }

  async function readUserTokens(cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const body = (await getJson(url(`${orgPath}/api-tokens`, { pageSize, cursor }), 'user API tokens', signal)) as Json;
    const data = Array.isArray(body?.data) ? (body.data as Json[]) : null;
    if (!data) throw new UpstreamError('bad-answer', 'The user API token list has no data array.');
    return { tokens: data.map((item) => tokenOf('user', item, null)), next: nextCursor(body.links) };
  }

  async function readServiceAccounts(cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const body = (await getJson(url(`${orgPath}/service-accounts`, { pageSize: SERVICE_ACCOUNT_PAGE, cursor }), 'service accounts', signal)) as Json;
    const items = Array.isArray(body?.items) ? (body.items as Json[]) : null;
    if (!items) throw new UpstreamError('bad-answer', 'The service account list has no items array.');
    const tokens: UpstreamToken[] = [];
    for (const account of items) {
      const accountId = text(account.id);
      const accountOwner: UpstreamOwner = { externalId: accountId, name: text(account.displayName), email: text(account.email) };
      const list = await getJson(url(`${orgPath}/service-accounts/${encodeURIComponent(accountId)}/api-tokens`), 'service account tokens', signal);
      if (!Array.isArray(list)) throw new UpstreamError('bad-answer', 'A service account token list is not an array.');
      // The account is the owner whatever the item says, so its tokens stay together.
      for (const item of list as Json[]) tokens.push({ ...tokenOf('service_account', item, accountOwner), owner: accountOwner });
    }
    return { tokens, next: nextCursor(body.links) };
  }

  async function readAdminKeys(cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const body = (await getJson(url(`${orgPath}/api-keys`, { pageSize, cursor }), 'admin API keys', signal)) as Json;
    const data = Array.isArray(body?.data) ? (body.data as Json[]) : null;
    if (!data) throw new UpstreamError('bad-answer', 'The admin API key list has no data array.');
    return { tokens: data.map((item) => tokenOf('admin_key', item, null)), next: nextCursor(body.links) };
  }

  async function check(capability: string, path: string): Promise<ConnectionCheck> {
    try {
      await getJson(url(path, { pageSize: 1 }), capability, undefined, probe);
      return { capability, ok: true, detail: 'Works.' };
    } catch (error) {
      if (error instanceof UpstreamError) return { capability, ok: false, detail: error.detail };
      throw error;
    }
  }

  return {
    phases: PHASES,

    async readPage(phase, cursor, signal) {
      if (phase === 'user-tokens') return readUserTokens(cursor, signal);
      if (phase === 'service-accounts') return readServiceAccounts(cursor, signal);
      if (phase === 'admin-keys') return readAdminKeys(cursor, signal);
      throw new Error(`unknown phase ${phase}`);
    },

    async test() {
      const checks = [
        await check('read user API tokens (read:tokens:admin)', `${orgPath}/api-tokens`),
        await check('read service accounts (read:service-accounts:admin)', `${orgPath}/service-accounts`),
        await check('read admin API keys (read:keys:admin)', `${orgPath}/api-keys`),
      ];
      // Reading service-account tokens needs its own scope; try it on the first account, if any.
      try {
        const body = (await getJson(url(`${orgPath}/service-accounts`, { pageSize: 1 }), 'service accounts', undefined, probe)) as Json;
        const first = Array.isArray(body?.items) ? (body.items as Json[])[0] : undefined;
        if (first) checks.push(await check('read service-account tokens (read:service-accounts-tokens:admin)', `${orgPath}/service-accounts/${encodeURIComponent(text(first.id))}/api-tokens`));
      } catch {
        // Already reported by the service-account check above.
      }
      checks.push({
        capability: 'revoke tokens (delete:tokens:admin, delete:service-accounts-tokens:admin, delete:keys:admin)',
        ok: true,
        detail: 'Not testable without revoking something: Atlassian tells whether the key may revoke only when it is asked to. A refused revoke is reported, never shown as done.',
      });
      return checks;
    },

    async revoke(token: ExternalToken) {
      if (token.kind === 'user') {
        if (!token.owner) throw new DomainError('UPSTREAM_UNSUPPORTED', 'The token has no upstream owner, so Atlassian cannot be asked to revoke it.');
        return action('DELETE', url(`/users/${encodeURIComponent(token.owner.externalId)}/manage/api-tokens/${encodeURIComponent(token.externalId)}`));
      }
      if (token.kind === 'admin_key') return action('PATCH', url(`${orgPath}/api-keys/revoke/${encodeURIComponent(token.externalId)}`));
      throw new DomainError(
        'UPSTREAM_UNSUPPORTED',
        'Atlassian cannot revoke one single service-account token: revoke all of the service account\'s tokens instead (the owner action).',
      );
    },

    async revokeAllOfServiceAccount(ownerExternalId) {
      return action('DELETE', url(`${orgPath}/service-accounts/${encodeURIComponent(ownerExternalId)}/api-tokens`));
    },

    async close() {
      await Promise.all([http.close(), probe.close()]);
    },
  };
}
