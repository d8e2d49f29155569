/**
 * A GitHub organization through its REST API, as a GitHub App installation: fine-grained token
 * grants (GET /orgs/{org}/personal-access-tokens) and pending requests
 * (GET /orgs/{org}/personal-access-token-requests), followed page by page through the `link`
 * header; reviews (approve or deny, 100 ids a call) and revocations (100 ids a call).
 *
 * The ecosystem's clients do the HTTP: Octokit with App authentication (the installation token is
 * minted and renewed by the auth strategy), the throttling plugin (waits out primary and
 * secondary rate limits from the `x-ratelimit-*` and `retry-after` headers) and the retry plugin
 * (server errors, with backoff). Only the base URL differs between GitHub and a test system.
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { ConnectionCheck, ExternalToken, UpstreamOwner, UpstreamRequest, UpstreamToken } from '../../domain/connectors.js';
import { batchesOf, clipReason, githubScopesOf, parseGithubAppCredential } from '../../domain/github-connector.js';
import type { ConnectorClient, ConnectorClientOptions, ConnectorSettings, UpstreamActionResult, UpstreamPage } from './connector-types.js';
import { DEFAULT_UPSTREAM_OPTIONS, UpstreamError } from './upstream-http.js';

const PHASES = ['grants'] as const;
/** GitHub's largest page. */
const MAX_PAGE = 100;

type Json = Record<string, unknown>;

/** The GitHub-only part of the client: pending requests and their review. */
export interface GithubRequestClient {
  readRequestPage(cursor: string | null, signal?: AbortSignal): Promise<{ requests: UpstreamRequest[]; next: string | null }>;
  /** Approves or denies up to 100 requests in one call; 202 means GitHub accepted the review. */
  review(externalIds: readonly string[], action: 'approve' | 'deny', reason: string | null): Promise<UpstreamActionResult>;
}

export type GithubClient = ConnectorClient & GithubRequestClient;

const ThrottledOctokit = Octokit.plugin(throttling, retry);

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function instant(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function ownerOf(value: unknown): UpstreamOwner | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Json;
  const id = text(o.id);
  // The owner is shown by login; GitHub gives an e-mail only when the person made it public.
  return id === '' ? null : { externalId: id, name: text(o.login), email: text(o.email) };
}

function grantOf(item: Json): UpstreamToken {
  const id = text(item.id);
  if (id === '') throw new UpstreamError('bad-answer', 'A GitHub token grant has no id.');
  return {
    kind: 'user',
    externalId: id,
    label: text(item.token_name),
    scopes: githubScopesOf(item.permissions),
    status: 'active',
    // The grants list tells when access was granted, not when the token was made.
    createdAt: instant(item.access_granted_at) ?? new Date(0),
    expiresAt: instant(item.token_expires_at),
    lastActiveAt: instant(item.token_last_used_at),
    owner: ownerOf(item.owner),
    details: { repositorySelection: text(item.repository_selection) || null, githubTokenId: text(item.token_id) || null, tokenExpired: item.token_expired === true },
  };
}

export function requestOf(item: Json): UpstreamRequest {
  const id = text(item.id);
  if (id === '') throw new UpstreamError('bad-answer', 'A GitHub token request has no id.');
  return {
    externalId: id,
    upstreamTokenId: text(item.token_id) || null,
    owner: ownerOf(item.owner),
    label: text(item.token_name),
    scopes: githubScopesOf(item.permissions ?? item.permissions_result),
    details: { repositorySelection: text(item.repository_selection) || null, githubTokenId: text(item.token_id) || null },
    justification: typeof item.reason === 'string' ? item.reason : null,
    createdAt: instant(item.created_at) ?? new Date(0),
    expiresAt: instant(item.token_expires_at),
  };
}

/** The `rel="next"` URL of a `link` header, if any. */
export function nextLinkOf(link: string | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1]!;
  }
  return null;
}

export function createGithubConnector(settings: ConnectorSettings, options: ConnectorClientOptions): GithubClient {
  const app = parseGithubAppCredential(settings.credential);
  const http = { ...DEFAULT_UPSTREAM_OPTIONS, ...options.http };
  const perPage = Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE);
  const org = settings.upstreamOrgId;
  const origin = new URL(settings.baseUrl).origin;

  function octokitWith(maxAttempts: number, maxRateLimitWaits: number) {
    const waitAllowed = (retryAfterSeconds: number, retryCount: number) => retryCount < maxRateLimitWaits && retryAfterSeconds * 1000 <= http.maxRateLimitWaitMs;
    return new ThrottledOctokit({
      baseUrl: settings.baseUrl,
      userAgent: 'Tokenward',
      authStrategy: createAppAuth,
      auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId },
      throttle: { onRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => waitAllowed(after, count), onSecondaryRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => waitAllowed(after, count) },
      retry: { retries: Math.max(0, maxAttempts - 1) },
      // The library's own log would print request details; failures are reported in words instead.
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
  }
  const octokit = octokitWith(http.maxAttempts, http.maxRateLimitWaits);
  // A connection test answers at once: one attempt, no waiting out rate limits.
  const probe = octokitWith(1, 0);

  function signalOf(signal?: AbortSignal, timeoutMs = http.timeoutMs): AbortSignal {
    const timeout = AbortSignal.timeout(timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  /** What went wrong, in words an admin can act on; never the key or a token. */
  function failureOf(error: unknown, what: string): UpstreamError {
    const e = error as { status?: number; response?: { data?: unknown }; name?: string; message?: string };
    if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return new UpstreamError('timeout', `${what}: GitHub did not answer in time.`);
    if (typeof e?.status === 'number' && e.response) {
      const said = text((e.response.data as Json | undefined)?.message);
      const suffix = said ? ` (${said.slice(0, 200)})` : '';
      const status = e.status;
      if (status === 401) return new UpstreamError('http', `${what} was refused: the GitHub App's key or installation is not accepted${suffix}.`, status, e.response.data);
      if (status === 403) return new UpstreamError('http', `${what} was refused: the App lacks the organization permission this needs, or a rate limit was not waited out${suffix}.`, status, e.response.data);
      if (status === 404) return new UpstreamError('http', `${what}: not found (check the base URL, the organization name and that the App is installed there)${suffix}.`, status, e.response.data);
      if (status === 422) return new UpstreamError('http', `${what} was refused as invalid${suffix}.`, status, e.response.data);
      return new UpstreamError('http', `${what}: HTTP ${status}${suffix}.`, status, e.response.data);
    }
    return new UpstreamError('unreachable', `${what}: ${origin} could not be reached.`);
  }

  /** A page: the first from the path, later ones from the `link` URL saved as the cursor. */
  async function readList(path: string, cursor: string | null, what: string, signal?: AbortSignal): Promise<{ items: Json[]; next: string | null }> {
    // The installation token goes to this GitHub only: a cursor naming another host is refused.
    if (cursor !== null && new URL(cursor).origin !== origin) throw new UpstreamError('bad-answer', `${what}: a next-page link points away from ${origin}.`);
    try {
      const response = cursor
        ? await octokit.request({ method: 'GET', url: cursor, request: { signal: signalOf(signal) } })
        : await octokit.request(`GET ${path}`, { org, per_page: perPage, direction: 'asc', sort: 'created_at', request: { signal: signalOf(signal) } });
      if (!Array.isArray(response.data)) throw new UpstreamError('bad-answer', `${what}: GitHub's answer is not a list.`);
      return { items: response.data as Json[], next: nextLinkOf(response.headers.link) };
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      throw failureOf(error, what);
    }
  }

  async function post(route: string, params: Json, what: string): Promise<UpstreamActionResult> {
    try {
      const response = await octokit.request(route, { org, ...params, request: { signal: signalOf() } });
      return { ok: true, status: response.status, answer: response.status === 202 ? `${response.status}: accepted by GitHub` : `${response.status}: done` };
    } catch (error) {
      const failure = failureOf(error, what);
      return { ok: false, status: failure.status, answer: failure.detail };
    }
  }

  async function check(capability: string, path: string): Promise<ConnectionCheck> {
    try {
      await probe.request(`GET ${path}`, { org, per_page: 1, request: { signal: signalOf(undefined, 10_000) } });
      return { capability, ok: true, detail: 'Works.' };
    } catch (error) {
      return { capability, ok: false, detail: failureOf(error, capability).detail };
    }
  }

  return {
    phases: PHASES,

    async readPage(phase, cursor, signal): Promise<UpstreamPage> {
      if (phase !== 'grants') throw new Error(`unknown phase ${phase}`);
      const { items, next } = await readList('/orgs/{org}/personal-access-tokens', cursor, 'Reading fine-grained token grants', signal);
      return { tokens: items.map(grantOf), next };
    },

    async readRequestPage(cursor, signal) {
      const { items, next } = await readList('/orgs/{org}/personal-access-token-requests', cursor, 'Reading fine-grained token requests', signal);
      return { requests: items.map(requestOf), next };
    },

    async test() {
      return [
        await check('read fine-grained token grants ("Personal access tokens": read)', '/orgs/{org}/personal-access-tokens'),
        await check('read fine-grained token requests ("Personal access token requests": read)', '/orgs/{org}/personal-access-token-requests'),
        {
          capability: 'review requests and revoke grants (both permissions: read and write)',
          ok: true,
          detail: 'Not testable without acting: GitHub tells whether the App may write only when asked to. A refused review or revoke is reported, never shown as done.',
        },
      ];
    },

    async revoke(token: ExternalToken) {
      return post('POST /orgs/{org}/personal-access-tokens/{pat_id}', { pat_id: Number(token.externalId), action: 'revoke' }, 'Revoking the grant');
    },

    async revokeBatch(tokens: readonly ExternalToken[]) {
      const results = new Map<string, UpstreamActionResult>();
      for (const batch of batchesOf(tokens)) {
        const result = await post('POST /orgs/{org}/personal-access-tokens', { action: 'revoke', pat_ids: batch.map((t) => Number(t.externalId)) }, 'Revoking grants');
        for (const token of batch) results.set(token.id, result);
      }
      return results;
    },

    async review(externalIds, action, reason) {
      return post(
        'POST /orgs/{org}/personal-access-token-requests',
        { pat_request_ids: externalIds.map(Number), action, reason: reason === null ? null : clipReason(reason) },
        action === 'approve' ? 'Approving requests' : 'Denying requests',
      );
    },

    async close() {
      // Nothing held open: each request is its own fetch.
    },
  };
}
