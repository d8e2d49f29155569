import type { VerifyCode } from './client.js';

/** HTTP status for a refused verification: who you are (401), what you may do (403), us (503). */
export function statusOfCode(code: VerifyCode): number {
  switch (code) {
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
