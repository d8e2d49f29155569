/**
 * How a client presents its Tokenward token to the gateway (docs/gateway.md), and how a
 * refused verification is answered. Pure.
 *
 * `Authorization: Bearer <token>`, or `Authorization: Basic base64(email:token)` as Atlassian
 * scripts send their API tokens. Our reading: with Basic, the user part must be the e-mail of the
 * token's owner, compared case-insensitively (as Atlassian compares e-mails); a service account's
 * token sends the service account's e-mail (or Bearer). An org admin API key has no owner, so it
 * can only be sent as Bearer. A wrong e-mail is answered exactly as an unknown token (NOT_FOUND),
 * so the answer does not tell a token's finder that the token itself is good.
 */

export type PresentedCredentials =
  | { kind: 'none' }
  | { kind: 'malformed' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; token: string };

const MAX_HEADER_LENGTH = 8192;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads the Authorization header. Never throws, whatever the header holds. */
export function parsePresentedCredentials(authorization: string | undefined): PresentedCredentials {
  if (authorization === undefined || authorization.trim() === '') return { kind: 'none' };
  if (authorization.length > MAX_HEADER_LENGTH) return { kind: 'malformed' };
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(authorization.trim());
  if (!match) return { kind: 'malformed' };
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'bearer') return { kind: 'bearer', token: value };
  if (scheme !== 'basic' || !BASE64.test(value)) return { kind: 'malformed' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // RFC 7617: the user-id cannot hold a colon, so the first colon separates it from the password.
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return { kind: 'malformed' };
  return { kind: 'basic', username: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/** Basic auth's user part against the token's owner: equal e-mails, ignoring case; no owner never matches. */
export function isBasicUserOfOwner(username: string, owner: { email: string } | null): boolean {
  return owner !== null && owner.email !== '' && owner.email.toLowerCase() === username.toLowerCase();
}

/**
 * The HTTP status of a refusal: who you are (401), what you may do (403), Tokenward unreachable (503).
 * Same split as the SDK's `statusOfCode`.
 */
export function statusOfRefusal(code: string): 401 | 403 | 429 | 503 {
  switch (code) {
    case 'RATE_LIMITED':
    case 'QUOTA_EXHAUSTED':
      return 429;
    case 'INSUFFICIENT_SCOPE':
    case 'IP_NOT_ALLOWED':
    case 'USE_BLOCKED_BY_POLICY':
      return 403;
    case 'UNAVAILABLE':
      return 503;
    default:
      return 401;
  }
}

/**
 * The client's address as the gateway should believe it: the socket's, unless `trustedProxyHops`
 * proxies in front append to X-Forwarded-For, in which case the entry that many places from the end.
 */
export function clientIpOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxyHops: number): string | undefined {
  if (trustedProxyHops === 0 || forwardedFor === undefined) return socketAddress;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const index = entries.length - trustedProxyHops;
  return index >= 0 ? entries[index] : entries[0] ?? socketAddress;
}
