/**
 * A stand-in for GitLab's token admin API, written from the protocol digest of GitLab access
 * tokens ("the digest" below; each behaviour names the digest section it follows). Only what the
 * connector uses, held in memory. Where the digest leaves a behaviour unconfirmed, the stand-in
 * takes the reading that is harder on the connector, and says so.
 *
 * Outside the digest (GitLab's users, groups and projects lists, which the connector needs to
 * find owners and resources): served with the few fields the connector reads.
 *
 * The digest's unconfirmed points, decided:
 * - whether the admin list of personal access tokens also holds impersonation and bot tokens:
 *   here it does, impersonation ones marked `impersonation: true`; the connector reads those from
 *   their own lists and must count each token once (the 5,000-token sync checks exact counts);
 * - GitLab.com's rate-limit figures: none assumed; the window here is whatever a test sets, and
 *   the connector paces on the headers alone (a test enforces the window with 429s);
 * - the release that turns routable token values on: irrelevant, the connector never parses a
 *   token value.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface StandinUser { id: number; username: string; name: string; email: string; bot: boolean }
export interface StandinToken {
  id: number;
  name: string;
  description: string;
  scopes: string[];
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  last_used_ips: string[];
  expires_at: string | null;
  revoked: boolean;
  active: boolean;
  impersonation: boolean;
  resource: { type: 'group' | 'project'; id: number } | null;
  access_level: number | null;
  /** The first token of its rotation chain: reuse detection revokes every live token of it. */
  family: number;
  /** The value, kept to check that the connector hands out exactly what GitLab answered. */
  value: string;
}

export interface GitlabStandin {
  url: string;
  adminToken: string;
  users: Map<number, StandinUser>;
  tokens: Map<number, StandinToken>;
  groups: Array<{ id: number; full_path: string }>;
  projects: Array<{ id: number; path_with_namespace: string }>;
  addUser(user: Omit<StandinUser, 'id'>): StandinUser;
  addToken(token: Partial<StandinToken> & { name: string; user_id: number }): StandinToken;
  /** The next rotation acts, then drops the connection without answering. */
  dropAfterNextRotate(): void;
  /** The next request of any kind is answered 429 with `Retry-After: 1`. */
  throttleNext(): void;
  stats: { requests: number; rotations: Map<number, number>; throttled: number; byPath: Map<string, number> };
  close(): Promise<void>;
}

const MAX_PER_PAGE = 100;
const TOTALS_LIMIT = 10_000;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function publicToken(token: StandinToken, extra: Record<string, unknown> = {}) {
  const { value: _value, family: _family, resource, impersonation, access_level, ...rest } = token;
  return { ...rest, ...(impersonation ? { impersonation: true } : {}), ...(resource ? { access_level } : {}), ...extra };
}

export async function startGitlabStandin(options: { windowLimit?: number; windowMs?: number } = {}): Promise<GitlabStandin> {
  const adminToken = `glpat-${randomBytes(15).toString('base64url')}`;
  const users = new Map<number, StandinUser>();
  const tokens = new Map<number, StandinToken>();
  const groups: GitlabStandin['groups'] = [];
  const projects: GitlabStandin['projects'] = [];
  const stats: GitlabStandin['stats'] = { requests: 0, rotations: new Map(), throttled: 0, byPath: new Map() };
  let nextUser = 1;
  let nextToken = 1;
  let dropRotate = false;
  let throttle = false;
  const windowLimit = options.windowLimit ?? 600;
  const windowMs = options.windowMs ?? 1000;
  let windowStart = Date.now();
  let windowUsed = 0;

  /** Digest "Pagination and rate limits": every response carries RateLimit-* (Reset in Unix seconds). */
  function rateLimitHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      windowUsed = 0;
    }
    windowUsed += 1;
    return {
      'ratelimit-limit': String(windowLimit),
      'ratelimit-name': 'throttle_authenticated_api',
      'ratelimit-observed': String(windowUsed),
      'ratelimit-remaining': String(Math.max(0, windowLimit - windowUsed)),
      'ratelimit-reset': String(Math.ceil((windowStart + windowMs) / 1000)),
    };
  }

  /** Digest "Pagination and rate limits": page/per_page (default 20, max 100), Link and X-* headers; no totals past 10,000. */
  function sendPage(req: IncomingMessage, res: ServerResponse, url: URL, items: unknown[], limits: Record<string, string>): void {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(url.searchParams.get('per_page') ?? 20) || 20));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const at = (p: number) => {
      const u = new URL(url.pathname + url.search, `http://${req.headers.host}`);
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return u.toString();
    };
    const showTotals = items.length <= TOTALS_LIMIT;
    const links = [`<${at(1)}>; rel="first"`];
    if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`);
    if (page < totalPages) links.push(`<${at(page + 1)}>; rel="next"`);
    if (showTotals) links.push(`<${at(totalPages)}>; rel="last"`);
    const headers: Record<string, string> = {
      ...limits,
      link: links.join(', '),
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    if (showTotals) Object.assign(headers, { 'x-total': String(items.length), 'x-total-pages': String(totalPages) });
    sendJson(res, 200, slice, headers);
  }

  /** Digest "Personal access tokens": `state` active|inactive. */
  const byState = (url: URL) => (t: StandinToken) => {
    const state = url.searchParams.get('state');
    return state === 'active' ? t.active : state === 'inactive' ? !t.active : true;
  };

  function revokeFamily(family: number): void {
    for (const t of tokens.values()) if (t.family === family && t.active) Object.assign(t, { active: false, revoked: true });
  }

  /** Digest "Personal access tokens" (rotate) and "Group and project access tokens" (rotate). */
  function rotate(req: IncomingMessage, res: ServerResponse, token: StandinToken | undefined, body: Record<string, unknown>, limits: Record<string, string>): void {
    if (!token) return sendJson(res, 404, { message: '404 Not found' }, limits);
    stats.rotations.set(token.id, (stats.rotations.get(token.id) ?? 0) + 1);
    // Reuse detection: rotating an already revoked token revokes every live token in its family.
    if (token.revoked) {
      revokeFamily(token.family);
      return sendJson(res, 401, { message: '401 Unauthorized' }, limits);
    }
    if (!token.active) return sendJson(res, 401, { message: '401 Unauthorized' }, limits);
    const expires = body.expires_at;
    // 400 on a bad expiry: `expires_at` is YYYY-MM-DD, and a token cannot expire in the past.
    if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires) || Date.parse(`${expires}T00:00:00Z`) <= Date.now())) {
      return sendJson(res, 400, { message: 'expires_at is invalid' }, limits);
    }
    Object.assign(token, { active: false, revoked: true });
    // Default expiry one week when none is given.
    const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const fresh = addToken({ ...token, id: undefined, value: undefined, created_at: undefined, last_used_at: null, last_used_ips: [], revoked: false, active: true, expires_at: (expires as string | undefined) ?? week, family: token.family });
    if (dropRotate) {
      dropRotate = false;
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, publicToken(fresh, { token: fresh.value }), limits);
  }

  function addUser(user: Omit<StandinUser, 'id'>): StandinUser {
    const made = { id: nextUser++, ...user };
    users.set(made.id, made);
    return made;
  }

  function addToken(token: Partial<StandinToken> & { name: string; user_id: number }): StandinToken {
    const id = nextToken++;
    const made: StandinToken = {
      description: '',
      scopes: ['api'],
      created_at: new Date().toISOString(),
      last_used_at: null,
      last_used_ips: [],
      expires_at: new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10),
      revoked: false,
      active: true,
      impersonation: false,
      resource: null,
      access_level: null,
      ...Object.fromEntries(Object.entries(token).filter(([, v]) => v !== undefined)),
      id,
      family: token.family ?? id,
      value: `glpat-${randomBytes(15).toString('base64url')}`,
    } as unknown as StandinToken;
    tokens.set(id, made);
    return made;
  }

  async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return {};
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname.replace(/^\/api\/v4/, '');
    const route = `${req.method} ${path.replace(/\/\d+/g, '/:id')}`;
    stats.byPath.set(route, (stats.byPath.get(route) ?? 0) + 1);
    // Digest "Auth": PRIVATE-TOKEN or Bearer; a bad or missing token is 401 {"message":"401 Unauthorized"}.
    const given = req.headers['private-token'] ?? req.headers.authorization?.replace(/^Bearer /, '');
    if (given !== adminToken) return sendJson(res, 401, { message: '401 Unauthorized' });
    // Digest "Pagination and rate limits": a 429 adds RateLimit-ResetTime and Retry-After (seconds), plain-text body.
    const limits = rateLimitHeaders();
    // Over the window's limit (a client that ignores RateLimit-Remaining): 429 until the window ends.
    const overLimit = windowUsed > windowLimit;
    if (throttle || overLimit) {
      throttle = false;
      stats.throttled += 1;
      const retryAfter = overLimit ? Math.max(1, Math.ceil((windowStart + windowMs - Date.now()) / 1000)) : 1;
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(retryAfter), 'ratelimit-resettime': new Date(Date.now() + retryAfter * 1000).toUTCString(), ...limits });
      res.end('Retry later');
      return;
    }
    const body = req.method === 'POST' || req.method === 'DELETE' ? await readBody(req) : {};
    const parts = path.split('/').filter(Boolean);
    const tokenAt = (id: string | undefined, where: (t: StandinToken) => boolean) => {
      const t = tokens.get(Number(id));
      return t && where(t) ? t : undefined;
    };
    const isPersonal = (t: StandinToken) => t.resource === null;

    // Outside the digest: the users list and one user, with the fields the connector reads.
    if (req.method === 'GET' && path === '/users') return sendPage(req, res, url, [...users.values()], limits);
    if (req.method === 'GET' && parts[0] === 'users' && parts.length === 2) {
      const user = users.get(Number(parts[1]));
      return user ? sendJson(res, 200, user, limits) : sendJson(res, 404, { message: '404 User Not Found' }, limits);
    }
    // Digest "Personal access tokens" (user_tokens): impersonation tokens per user, `state`, items add "impersonation":true.
    if (parts[0] === 'users' && parts[2] === 'impersonation_tokens') {
      const userId = Number(parts[1]);
      const own = (t: StandinToken) => t.impersonation && t.user_id === userId;
      if (req.method === 'GET' && parts.length === 3) return sendPage(req, res, url, [...tokens.values()].filter(own).filter(byState(url)).map((t) => publicToken(t)), limits);
      const token = tokenAt(parts[3], own);
      if (!token) return sendJson(res, 404, { message: '404 Impersonation Token Not Found' }, limits);
      if (req.method === 'GET') return sendJson(res, 200, publicToken(token), limits);
      if (req.method === 'DELETE') {
        Object.assign(token, { active: false, revoked: true });
        res.writeHead(204, limits).end();
        return;
      }
    }
    // Digest "Personal access tokens": the admin list holds every token. Whether it also lists
    // impersonation and bot tokens is UNCONFIRMED: here it does (the harder case), so the
    // connector must not count them twice.
    if (parts[0] === 'personal_access_tokens') {
      if (req.method === 'GET' && parts.length === 1) {
        const userId = url.searchParams.get('user_id');
        const listed = [...tokens.values()].filter(byState(url)).filter((t) => userId === null || t.user_id === Number(userId));
        return sendPage(req, res, url, listed.map((t) => publicToken(t)), limits);
      }
      // Digest: admins get 404 for a missing token.
      const token = tokenAt(parts[1], () => true);
      if (!token) return sendJson(res, 404, { message: '404 Not found' }, limits);
      if (req.method === 'GET' && parts.length === 2) return sendJson(res, 200, publicToken(token), limits);
      if (req.method === 'DELETE' && parts.length === 2) {
        // Digest: DELETE answers 204; a revoked token answers 400.
        if (token.revoked) return sendJson(res, 400, { message: '400 Bad request - Token already revoked' }, limits);
        Object.assign(token, { active: false, revoked: true });
        res.writeHead(204, limits).end();
        return;
      }
      // Digest: 405 when the token is not a PAT.
      if (req.method === 'POST' && parts[2] === 'rotate') return isPersonal(token) && !token.impersonation ? rotate(req, res, token, body, limits) : sendJson(res, 405, { message: '405 Method Not Allowed' }, limits);
    }
    // Digest "Group and project access tokens"; the groups and projects lists themselves are outside the digest.
    if ((parts[0] === 'groups' || parts[0] === 'projects') && req.method === 'GET' && parts.length === 1) {
      return sendPage(req, res, url, parts[0] === 'groups' ? groups : projects, limits);
    }
    if ((parts[0] === 'groups' || parts[0] === 'projects') && parts[2] === 'access_tokens') {
      const type = parts[0] === 'groups' ? 'group' : 'project';
      const resourceId = Number(parts[1]);
      const own = (t: StandinToken) => t.resource?.type === type && t.resource.id === resourceId;
      if (req.method === 'GET' && parts.length === 3) return sendPage(req, res, url, [...tokens.values()].filter(own).filter(byState(url)).map((t) => publicToken(t)), limits);
      const token = tokenAt(parts[3], own);
      if (!token) return sendJson(res, 404, { message: '404 Not found' }, limits);
      if (req.method === 'GET' && parts.length === 4) return sendJson(res, 200, publicToken(token), limits);
      if (req.method === 'DELETE' && parts.length === 4) {
        if (token.revoked) return sendJson(res, 400, { message: '400 Bad request' }, limits);
        Object.assign(token, { active: false, revoked: true });
        res.writeHead(204, limits).end();
        return;
      }
      if (req.method === 'POST' && parts[4] === 'rotate') return rotate(req, res, token, body, limits);
    }
    sendJson(res, 404, { message: '404 Not Found' }, limits);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { message: '500 Internal Server Error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    adminToken,
    users,
    tokens,
    groups,
    projects,
    addUser,
    addToken,
    dropAfterNextRotate: () => {
      dropRotate = true;
    },
    throttleNext: () => {
      throttle = true;
    },
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
