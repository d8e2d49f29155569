/**
 * A stand-in for a GitHub organization's fine-grained token endpoints, written from the protocol
 * digest "GitHub organization fine-grained PATs" (cited below as `digest Lnn`). Small on purpose:
 * it keeps grants and pending requests in memory, records every review and revocation it accepted,
 * and behaves as the digest says where a test relies on it.
 *
 * Decisions on the digest's UNCONFIRMED points (also in the connector's admin docs):
 * - Max size of `pat_ids` (L22): taken as 100, like `pat_request_ids`; more is refused with 422.
 * - Review of an id that is not pending (not in the digest): refused with 422 as a validation
 *   failure, nothing applied (the connector never sends one it did not read as pending).
 * - Grant `id` after token regeneration (L42): a regenerated token is a new grant with a new id;
 *   the old id disappears from the list (the connector marks it gone).
 * - No event for grant revocation or expiry (L50): none is sent; grants are polled.
 * - Installation token minting is not in the digest (L7 only says calls are made with one): the
 *   stand-in answers the App-JWT exchange the client library performs, checking the JWT's RS256
 *   signature against the App's public key and its issuer against the App id.
 */
import { createPublicKey, randomBytes, verify as verifySignature, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinOwner {
  login: string;
  id: number;
  email?: string | null;
}

export interface StandinGrant {
  id: number;
  owner: StandinOwner;
  repository_selection: 'none' | 'all' | 'subset';
  permissions: { organization?: Record<string, string>; repository?: Record<string, string>; other?: Record<string, string> };
  access_granted_at: string;
  token_id: number;
  token_name: string;
  token_expired: boolean;
  token_expires_at: string | null;
  token_last_used_at: string | null;
}

export interface StandinRequest extends Omit<StandinGrant, 'access_granted_at'> {
  reason: string | null;
  created_at: string;
}

export interface RecordedReview {
  ids: number[];
  action: 'approve' | 'deny';
  reason: string | null;
}

export interface GithubStandin {
  url: string;
  org: string;
  grants: Map<number, StandinGrant>;
  requests: Map<number, StandinRequest>;
  /** Reviews accepted (202 or 204), in order. */
  reviews: RecordedReview[];
  /** Revocations accepted, each call's pat ids, in order. */
  revocations: number[][];
  /** Every request received: method and path (with query). */
  calls: Array<{ method: string; path: string; status: number }>;
  /** Answers the next `count` API calls with a secondary rate limit (digest L47). */
  failWithSecondaryLimit(count: number): void;
  /** Leaves `remaining` calls in the primary rate limit window before 403s (digest L46-47). */
  setRemaining(remaining: number): void;
  close(): Promise<void>;
}

/** GitHub's timestamps carry milliseconds and an offset (digest L42): rendered at -07:00. */
export function githubTime(ms: number): string {
  const shifted = new Date(ms - 7 * 3_600_000).toISOString().replace('Z', '');
  return `${shifted}-07:00`;
}

function base64UrlDecode(part: string): Buffer {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Checks an App JWT (RS256) against the App's public key; returns its claims or null. */
function appJwtClaims(jwt: string, publicKey: KeyObject): Record<string, unknown> | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  const ok = verifySignature('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, base64UrlDecode(parts[2]!));
  if (!ok) return null;
  try {
    return JSON.parse(base64UrlDecode(parts[1]!).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startGithubStandin(options: { org: string; appId: string; installationId: string; privateKeyPem: string; rateLimit?: number }): Promise<GithubStandin> {
  const publicKey = createPublicKey(options.privateKeyPem);
  const installationTokens = new Set<string>();
  const limit = options.rateLimit ?? 5000;
  let remaining = limit;
  let resetAtS = Math.floor(Date.now() / 1000) + 3600;
  let secondaryFailures = 0;
  let nextGrantId = 900_000;
  const state = {
    grants: new Map<number, StandinGrant>(),
    requests: new Map<number, StandinRequest>(),
    reviews: [] as RecordedReview[],
    revocations: [] as number[][],
    calls: [] as Array<{ method: string; path: string; status: number }>,
  };
  let baseUrl = '';

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    // Every response carries the rate-limit headers (digest L46).
    const rate = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-used': String(limit - Math.max(0, remaining)),
      'x-ratelimit-reset': String(resetAtS),
      'x-ratelimit-resource': 'core',
    };
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...rate, ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }

  const validation = (res: ServerResponse, message: string) => send(res, 422, { message, documentation_url: 'https://docs.github.com/rest' });

  /** A list page: `per_page` (max 100), `page`, `direction` (default desc), `link` rel="next" while more remain (digest L22, L45). */
  function listPage<T extends { id: number }>(res: ServerResponse, url: URL, items: Iterable<T>): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const direction = url.searchParams.get('direction') === 'asc' ? 1 : -1;
    const sorted = [...items].sort((a, b) => (a.id - b.id) * direction);
    const slice = sorted.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < sorted.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, slice, headers);
  }

  const isIdList = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => Number.isInteger(v));

  function review(ids: number[], action: 'approve' | 'deny', reason: string | null): void {
    for (const id of ids) {
      const request = state.requests.get(id)!;
      state.requests.delete(id);
      if (action === 'approve') {
        const grantId = nextGrantId++;
        const { reason: _r, created_at: _c, ...rest } = request;
        state.grants.set(grantId, { ...rest, id: grantId, access_granted_at: githubTime(Date.now()) });
      }
    }
    state.reviews.push({ ids, action, reason });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization ?? '';

    const mint = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (mint && method === 'POST') {
      const jwt = /^bearer (.+)$/i.exec(auth)?.[1];
      const claims = jwt ? appJwtClaims(jwt, publicKey) : null;
      if (!claims || String(claims.iss) !== options.appId) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      if (mint[1] !== options.installationId) return send(res, 404, { message: 'Not Found' });
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      installationTokens.add(token);
      return send(res, 201, { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { organization_personal_access_tokens: 'write', organization_personal_access_token_requests: 'write' }, repository_selection: 'all' });
    }

    // Installation token only (digest L7-8).
    const bearer = /^(?:bearer|token) (.+)$/i.exec(auth)?.[1];
    if (!bearer || !installationTokens.has(bearer)) return send(res, 401, { message: 'Bad credentials' });

    // Secondary limit: 403 with retry-after (digest L47).
    if (secondaryFailures > 0) {
      secondaryFailures -= 1;
      return send(res, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
    }
    // Primary limit: remaining 0 means wait for reset (digest L47).
    const nowS = Math.floor(Date.now() / 1000);
    if (nowS >= resetAtS) {
      remaining = limit;
      resetAtS = nowS + 3600;
    }
    if (remaining <= 0) return send(res, 403, { message: 'API rate limit exceeded for installation.' });
    remaining -= 1;

    const prefix = `/orgs/${options.org}/`;
    if (!url.pathname.startsWith(prefix)) return send(res, 404, { message: 'Not Found' });
    const rest = url.pathname.slice(prefix.length);

    if (method === 'GET' && rest === 'personal-access-tokens') return listPage(res, url, state.grants.values()); // digest L17, L27
    if (method === 'GET' && rest === 'personal-access-token-requests') return listPage(res, url, state.requests.values()); // digest L13, L35

    if (method !== 'POST') return send(res, 404, { message: 'Not Found' });
    const body = (await readBody(req)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return send(res, 400, { message: 'Problems parsing JSON' });

    if (rest === 'personal-access-token-requests') {
      // digest L14: pat_request_ids 1-100 ints, action approve|deny, reason null or <= 1024; 202.
      const ids = body.pat_request_ids;
      if (!isIdList(ids) || ids.length < 1 || ids.length > 100) return validation(res, 'pat_request_ids must hold 1 to 100 ids.');
      if (body.action !== 'approve' && body.action !== 'deny') return validation(res, 'action must be approve or deny.');
      const reason = body.reason ?? null;
      if (reason !== null && (typeof reason !== 'string' || reason.length > 1024)) return validation(res, 'reason must be at most 1024 characters.');
      if (ids.some((id) => !state.requests.has(id))) return validation(res, 'Some requests are not pending.');
      review(ids, body.action, reason);
      return send(res, 202, {});
    }
    const single = /^personal-access-token-requests\/(\d+)$/.exec(rest);
    if (single) {
      // digest L15: one request, 204.
      const id = Number(single[1]);
      if (body.action !== 'approve' && body.action !== 'deny') return validation(res, 'action must be approve or deny.');
      if (!state.requests.has(id)) return send(res, 404, { message: 'Not Found' });
      review([id], body.action, (body.reason as string | null | undefined) ?? null);
      return send(res, 204, null);
    }
    if (rest === 'personal-access-tokens') {
      // digest L18: action revoke and pat_ids, both required; 202 accepted. Max size decided as 100 (UNCONFIRMED in L22).
      const ids = body.pat_ids;
      if (body.action !== 'revoke') return validation(res, 'action must be revoke.');
      if (!isIdList(ids) || ids.length < 1 || ids.length > 100) return validation(res, 'pat_ids must hold 1 to 100 ids.');
      for (const id of ids) state.grants.delete(id);
      state.revocations.push(ids);
      return send(res, 202, {});
    }
    const revokeOne = /^personal-access-tokens\/(\d+)$/.exec(rest);
    if (revokeOne) {
      // digest L19: single revoke, 204.
      const id = Number(revokeOne[1]);
      if (body.action !== 'revoke') return validation(res, 'action must be revoke.');
      if (!state.grants.has(id)) return send(res, 404, { message: 'Not Found' });
      state.grants.delete(id);
      state.revocations.push([id]);
      return send(res, 204, null);
    }
    return send(res, 404, { message: 'Not Found' });
  }

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    res.on('finish', () => state.calls.push({ method: req.method ?? 'GET', path, status: res.statusCode }));
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    org: options.org,
    ...state,
    failWithSecondaryLimit(count) {
      secondaryFailures = count;
    },
    setRemaining(value) {
      remaining = value;
      // A short window, so a test waits seconds, not an hour.
      resetAtS = Math.floor(Date.now() / 1000) + 3;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
