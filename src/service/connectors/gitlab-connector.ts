/**
 * A GitLab instance (self-managed or gitlab.com) through its REST API, with an administrator's
 * token, by the GitLab client library. Four lists, read a page at a time:
 * - `users`: every user; for each person (not a bot), their impersonation tokens;
 * - `personal`: the instance-wide list of personal access tokens (an administrator sees all);
 *   entries of bots and impersonation tokens are left to the other lists, so no token is read
 *   under two kinds;
 * - `groups` and `projects`: each one's group or project access tokens, owned by the group or
 *   project (their bot users are GitLab's plumbing, not people).
 * Only live tokens are read (`state=active`): a revoked or expired token drops out of the list, and
 * the sync then marks it gone.
 */
import { GroupAccessTokens, Groups, PersonalAccessTokens, ProjectAccessTokens, Projects, UserImpersonationTokens, Users } from '@gitbeaker/rest';
import type { ConnectionCheck, ExternalToken, UpstreamOwner, UpstreamToken } from '../../domain/connectors.js';
import { DomainError } from '../../domain/errors.js';
import type { ConnectorClient, ConnectorClientOptions, ConnectorSettings, RotationResult, UpstreamActionResult, UpstreamPage, UpstreamTokenState } from './connector-types.js';
import { AnswerLostError, createGitlabRequester, gitlabErrorText } from './gitlab-requester.js';
import { DEFAULT_UPSTREAM_OPTIONS, UpstreamError } from './upstream-http.js';

const PHASES = ['users', 'personal', 'groups', 'projects'] as const;
/** Users, groups or projects per page: each costs one more request for its tokens. */
const PARENT_PAGE = 50;
const IMPERSONATION = ' (impersonation)';

type Json = Record<string, any>;
type Expanded = { data: Json[]; paginationInfo?: { next?: number | null } };

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** An ISO instant, or GitLab's `YYYY-MM-DD` expiry (the token dies at 00:00 UTC that day). */
function instant(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function createGitlabConnector(settings: ConnectorSettings, options: ConnectorClientOptions): ConnectorClient {
  const httpOptions = { ...DEFAULT_UPSTREAM_OPTIONS, ...options.http };
  const requester = createGitlabRequester(httpOptions);
  // A connection test answers at once: one attempt, no waiting out rate limits or outages.
  const probeRequester = createGitlabRequester({ ...httpOptions, maxAttempts: 1, maxRateLimitWaits: 0, timeoutMs: 10_000 });
  const pageSize = Math.min(options.pageSize ?? 100, 100);
  const config = (fn: typeof requester.requesterFn) => ({ host: settings.baseUrl, token: settings.credential, requesterFn: fn, queryTimeout: null as unknown as number, rateLimits: {} });
  const api = {
    pats: new PersonalAccessTokens(config(requester.requesterFn)),
    impersonation: new UserImpersonationTokens(config(requester.requesterFn)),
    groupTokens: new GroupAccessTokens(config(requester.requesterFn)),
    projectTokens: new ProjectAccessTokens(config(requester.requesterFn)),
    users: new Users(config(requester.requesterFn)),
    groups: new Groups(config(requester.requesterFn)),
    projects: new Projects(config(requester.requesterFn)),
  };
  const probe = { pats: new PersonalAccessTokens(config(probeRequester.requesterFn)), users: new Users(config(probeRequester.requesterFn)), groups: new Groups(config(probeRequester.requesterFn)) };
  /** Users met in this run, by id: owners of personal tokens are looked up once. */
  const people = new Map<string, { owner: UpstreamOwner; isBot: boolean }>();

  function describe(error: unknown, what: string): UpstreamError {
    if (!(error instanceof UpstreamError)) return new UpstreamError('bad-answer', `Reading ${what} failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable answer'}.`);
    if (error.status === null) return error;
    const said = gitlabErrorText(error.body);
    const suffix = said ? ` (${said})` : '';
    if (error.status === 401) return new UpstreamError('http', `Reading ${what} was refused: the token is not accepted (wrong, expired or revoked)${suffix}.`, 401, error.body);
    if (error.status === 403) return new UpstreamError('http', `Reading ${what} was refused: the token's user is not an administrator, lacks the api scope, or Admin Mode needs the admin_mode scope${suffix}.`, 403, error.body);
    if (error.status === 404) return new UpstreamError('http', `Reading ${what} was refused: not found at ${settings.baseUrl} (check the base URL)${suffix}.`, 404, error.body);
    return new UpstreamError('http', `Reading ${what} was refused: HTTP ${error.status}${suffix}.`, error.status, error.body);
  }

  /** The next page: from `Link: rel="next"`, else `X-Next-Page`; null at the end of the list. */
  function nextPageOf(result: Expanded): number | null {
    const link = requester.lastReadHeaders()?.get('link') ?? '';
    const match = /<([^>]+)>;\s*rel="next"/.exec(link);
    if (match) {
      const page = Number(new URL(match[1]!, settings.baseUrl).searchParams.get('page'));
      if (Number.isInteger(page) && page > 0) return page;
    }
    return result.paginationInfo?.next ?? null;
  }

  async function listPage(what: string, call: () => Promise<unknown>): Promise<{ items: Json[]; next: number | null }> {
    let result: Expanded;
    try {
      result = (await call()) as Expanded;
    } catch (error) {
      throw describe(error, what);
    }
    if (!Array.isArray(result?.data)) throw new UpstreamError('bad-answer', `The list of ${what} is not an array.`);
    return { items: result.data, next: nextPageOf(result) };
  }

  /** Every page of one small list (a group's or project's tokens). */
  async function listAll(what: string, call: (page: number) => Promise<unknown>): Promise<Json[]> {
    const all: Json[] = [];
    for (let page: number | null = 1; page !== null; ) {
      const got: { items: Json[]; next: number | null } = await listPage(what, () => call(page!));
      all.push(...got.items);
      page = got.next;
    }
    return all;
  }

  function personOf(user: Json): { owner: UpstreamOwner; isBot: boolean } {
    return { owner: { externalId: `user:${text(user.id)}`, name: text(user.name) || text(user.username), email: text(user.email || user.public_email) }, isBot: user.bot === true };
  }

  async function personById(userId: string): Promise<{ owner: UpstreamOwner; isBot: boolean } | null> {
    const known = people.get(userId);
    if (known) return known;
    try {
      const user = (await api.users.show(Number(userId))) as Json;
      const person = personOf(user);
      people.set(userId, person);
      return person;
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) return null;
      throw describe(error, `user ${userId}`);
    }
  }

  function tokenOf(kind: UpstreamToken['kind'], item: Json, owner: UpstreamOwner | null, labelSuffix = ''): UpstreamToken {
    const id = text(item.id);
    if (id === '') throw new UpstreamError('bad-answer', 'A GitLab token has no id.');
    return {
      kind,
      externalId: id,
      label: `${text(item.name)}${labelSuffix}`,
      scopes: Array.isArray(item.scopes) ? item.scopes.map(String) : [],
      status: 'active',
      createdAt: instant(item.created_at) ?? new Date(0),
      expiresAt: instant(item.expires_at),
      lastActiveAt: instant(item.last_used_at),
      owner,
      lastUsedIps: Array.isArray(item.last_used_ips) ? item.last_used_ips.map(String) : [],
    };
  }

  const isLive = (item: Json) => item.active !== false && item.revoked !== true;
  const pageOf = (cursor: string | null) => (cursor === null ? 1 : Number(cursor));
  const cursorOf = (next: number | null) => (next === null ? null : String(next));

  async function readUsers(cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const { items, next } = await listPage('users', () => api.users.all({ page: pageOf(cursor), perPage: PARENT_PAGE, showExpanded: true } as never));
    const tokens: UpstreamToken[] = [];
    for (const user of items) {
      // A stopping server does not wait for the rest of the page's requests.
      signal?.throwIfAborted();
      const person = personOf(user);
      people.set(text(user.id), person);
      if (person.isBot) continue;
      const list = await listAll(`impersonation tokens of user ${text(user.id)}`, (page) => api.impersonation.all(Number(user.id), { state: 'active', page, perPage: 100, showExpanded: true } as never));
      for (const item of list.filter(isLive)) tokens.push(tokenOf('user', item, person.owner, IMPERSONATION));
    }
    return { tokens, next: cursorOf(next) };
  }

  async function readPersonal(cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const { items, next } = await listPage('personal access tokens', () => api.pats.all({ state: 'active', page: pageOf(cursor), perPage: pageSize, showExpanded: true } as never));
    const tokens: UpstreamToken[] = [];
    for (const item of items) {
      signal?.throwIfAborted();
      // Whether this list also holds impersonation and bot tokens is not documented: those are
      // read from their own lists, so an entry of either is skipped here.
      if (item.impersonation === true || !isLive(item)) continue;
      const person = await personById(text(item.user_id));
      if (person?.isBot) continue;
      tokens.push(tokenOf('user', item, person?.owner ?? null));
    }
    return { tokens, next: cursorOf(next) };
  }

  async function readResources(kind: 'group' | 'project', cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage> {
    const what = kind === 'group' ? 'groups' : 'projects';
    const call = () =>
      kind === 'group'
        ? api.groups.all({ page: pageOf(cursor), perPage: PARENT_PAGE, showExpanded: true } as never)
        : api.projects.all({ simple: true, page: pageOf(cursor), perPage: PARENT_PAGE, showExpanded: true } as never);
    const { items, next } = await listPage(what, call);
    const tokens: UpstreamToken[] = [];
    for (const resource of items) {
      signal?.throwIfAborted();
      const id = text(resource.id);
      const owner: UpstreamOwner = { externalId: `${kind}:${id}`, name: text(resource.full_path ?? resource.path_with_namespace ?? resource.name), email: '' };
      const resourceApi = kind === 'group' ? api.groupTokens : api.projectTokens;
      const list = await listAll(`access tokens of ${kind} ${id}`, (page) => resourceApi.all(Number(id), { state: 'active', page, perPage: 100, showExpanded: true } as never));
      for (const item of list.filter(isLive)) tokens.push(tokenOf('service_account', item, owner));
    }
    return { tokens, next: cursorOf(next) };
  }

  /** Where a connected token lives in GitLab's API. */
  function addressOf(token: ExternalToken): { type: 'personal' | 'impersonation' | 'group' | 'project'; parentId: number | null; tokenId: number } {
    const tokenId = Number(token.externalId);
    const [type, parent] = (token.owner?.externalId ?? '').split(':');
    if (!Number.isInteger(tokenId)) throw new DomainError('UPSTREAM_UNSUPPORTED', 'The token has no GitLab id.');
    if (token.kind === 'service_account' && (type === 'group' || type === 'project')) return { type, parentId: Number(parent), tokenId };
    if (token.label.endsWith(IMPERSONATION) && type === 'user') return { type: 'impersonation', parentId: Number(parent), tokenId };
    return { type: 'personal', parentId: null, tokenId };
  }

  async function action(call: () => Promise<unknown>): Promise<UpstreamActionResult> {
    try {
      await call();
      return { ok: true, status: 204, answer: '204: revoked upstream' };
    } catch (error) {
      if (error instanceof UpstreamError) {
        const said = gitlabErrorText(error.body);
        return { ok: false, status: error.status, answer: error.status === null ? error.detail : `GitLab answered ${error.status}${said ? ` (${said})` : ''}.` };
      }
      throw error;
    }
  }

  async function check(capability: string, call: () => Promise<unknown>): Promise<ConnectionCheck> {
    try {
      await call();
      return { capability, ok: true, detail: 'Works.' };
    } catch (error) {
      return { capability, ok: false, detail: describe(error, capability).detail };
    }
  }

  return {
    phases: PHASES,

    async readPage(phase, cursor, signal) {
      if (phase === 'users') return readUsers(cursor, signal);
      if (phase === 'personal') return readPersonal(cursor, signal);
      if (phase === 'groups') return readResources('group', cursor, signal);
      if (phase === 'projects') return readResources('project', cursor, signal);
      throw new Error(`unknown phase ${phase}`);
    },

    async test() {
      return [
        await check('read every personal access token (an administrator\'s token with the api scope)', () => probe.pats.all({ page: 1, perPage: 1, showExpanded: true } as never)),
        await check('read users', () => probe.users.all({ page: 1, perPage: 1, showExpanded: true } as never)),
        await check('read groups', () => probe.groups.all({ page: 1, perPage: 1, showExpanded: true } as never)),
        {
          capability: 'revoke and rotate tokens',
          ok: true,
          detail: 'Not testable without changing a token: GitLab tells whether the token may do it only when asked. A refused revoke or rotation is reported, never shown as done.',
        },
      ];
    },

    async revoke(token) {
      const at = addressOf(token);
      if (at.type === 'group') return action(() => api.groupTokens.revoke(at.parentId!, at.tokenId));
      if (at.type === 'project') return action(() => api.projectTokens.revoke(at.parentId!, at.tokenId));
      if (at.type === 'impersonation') return action(() => api.impersonation.remove(at.parentId!, at.tokenId));
      return action(() => api.pats.remove({ tokenId: at.tokenId }));
    },

    async rotate(token, expiresAt): Promise<RotationResult> {
      const at = addressOf(token);
      if (at.type === 'impersonation') return { outcome: 'refused', status: null, answer: 'GitLab has no rotation for impersonation tokens: revoke it and have a new one made.' };
      let body: Json;
      try {
        if (at.type === 'group') body = (await api.groupTokens.rotate(at.parentId!, at.tokenId, { expiresAt } as never)) as Json;
        else if (at.type === 'project') body = (await api.projectTokens.rotate(at.parentId!, at.tokenId, { expiresAt } as never)) as Json;
        else body = (await api.pats.rotate(at.tokenId, { expiresAt } as never)) as Json;
      } catch (error) {
        if (error instanceof AnswerLostError) return { outcome: 'unknown', answer: error.detail };
        if (error instanceof UpstreamError) {
          const said = gitlabErrorText(error.body);
          // A 5xx may come from a proxy after GitLab acted: as unknown as a lost answer.
          if (error.status !== null && error.status >= 500) return { outcome: 'unknown', answer: `GitLab answered ${error.status}${said ? ` (${said})` : ''}: it may have rotated the token.` };
          return { outcome: 'refused', status: error.status, answer: error.status === null ? error.detail : `GitLab answered ${error.status}${said ? ` (${said})` : ''}.` };
        }
        throw error;
      }
      const secret = text(body?.token);
      if (secret === '') return { outcome: 'unknown', answer: 'GitLab answered without the new token: it may have rotated the token.' };
      return { outcome: 'rotated', status: 200, newExternalId: text(body.id), secret, expiresAt: typeof body.expires_at === 'string' ? body.expires_at : null };
    },

    async readToken(token): Promise<UpstreamTokenState | null> {
      const at = addressOf(token);
      let item: Json;
      try {
        if (at.type === 'group') item = (await api.groupTokens.show(at.parentId!, at.tokenId)) as Json;
        else if (at.type === 'project') item = (await api.projectTokens.show(at.parentId!, at.tokenId)) as Json;
        else if (at.type === 'impersonation') item = (await api.impersonation.show(at.parentId!, at.tokenId)) as Json;
        else item = (await api.pats.show({ tokenId: at.tokenId })) as Json;
      } catch (error) {
        if (error instanceof UpstreamError && error.status === 404) return null;
        throw describe(error, `token ${token.externalId}`);
      }
      return { active: item.active !== false && item.revoked !== true, revoked: item.revoked === true };
    },

    async close() {
      await Promise.all([requester.close(), probeRequester.close()]);
    },
  };
}
