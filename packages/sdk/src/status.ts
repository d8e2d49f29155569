import type { RateLimitFigure, VerifyCode } from './client.js';

/** HTTP status for a refused verification: who you are (401), what you may do (403), how much (429), us (503). */
export function statusOfCode(code: VerifyCode): number {
  switch (code) {
    case 'RATE_LIMITED':
    case 'QUOTA_EXHAUSTED':
      return 429;
    case 'INSUFFICIENT_SCOPE':
    case 'IP_NOT_ALLOWED':
    case 'USE_BLOCKED_BY_POLICY':
    case 'ORG_DISABLED':
      return 403;
    case 'UNAVAILABLE':
      return 503;
    default:
      return 401;
  }
}

/**
 * The `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers (seconds until the
 * count starts over) of a verdict on a token with limits, and `Retry-After` when it was refused
 * for them and the limit resets (a quota that never refills has no Reset and no Retry-After).
 */
export function rateLimitHeaders(rateLimit: RateLimitFigure | null, refused: boolean, nowMs = Date.now()): Record<string, string> {
  if (!rateLimit) return {};
  const headers: Record<string, string> = { 'ratelimit-limit': String(rateLimit.limit), 'ratelimit-remaining': String(rateLimit.remaining) };
  if (rateLimit.resetAt !== null) {
    const seconds = String(Math.max(1, Math.ceil((Date.parse(rateLimit.resetAt) - nowMs) / 1000)));
    headers['ratelimit-reset'] = seconds;
    if (refused) headers['retry-after'] = seconds;
  }
  return headers;
}
