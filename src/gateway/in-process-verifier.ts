/**
 * In-process mode: verification through the server's own verification service (its cache,
 * invalidated by the token change bus), with no HTTP hop and no verifier-key round trip.
 */
import { VERIFY_CODES, type VerifyCode } from '../domain/verification.js';
import type { VerificationService, VerifierPrincipal, VerifyResult } from '../service/verification-service.js';
import type { GatewayVerdict, GatewayVerifier } from './gateway-verifier.js';
import { rateLimitJson } from '../domain/usage-limits.js';

const KNOWN_CODES: ReadonlySet<string> = new Set(VERIFY_CODES);

/** Without a limit figure, the service's own shared result is the verdict: nothing to copy. */
function verdictOf(result: VerifyResult): GatewayVerdict {
  if (result.rateLimit === null) return result as Omit<VerifyResult, 'rateLimit'> & { readonly rateLimit: null };
  return { valid: result.valid, code: result.code, tokenId: result.tokenId, owner: result.owner, rateLimit: rateLimitJson(result.rateLimit) };
}

/** The gateway records usage itself once the upstream has answered (the user agent goes with it then). */
const DEFERRED_USAGE = Object.freeze({ deferUsage: true });

/** `nowMs`: the server's clock, so usage times agree with the verifications the server records. */
export function createInProcessVerifier(verification: VerificationService, verifier: VerifierPrincipal, nowMs: () => number): GatewayVerifier {
  return {
    verify(token, request) {
      // The verify endpoint's own fast path: a cached token is judged at once, with no promise.
      const result = verification.verifyNow(
        verifier,
        { token, scopes: request.scopes, ip: request.ip, method: request.method, route: request.route },
        DEFERRED_USAGE,
      );
      return result instanceof Promise ? result.then(verdictOf) : verdictOf(result);
    },
    recordUsage(verdict, code, request, upstreamStatus, upstreamAccount) {
      if (!KNOWN_CODES.has(code)) return;
      verification.recordUsage(verifier, {
        tokenId: verdict.tokenId,
        code: code as VerifyCode,
        atMs: nowMs(),
        count: 1,
        method: request.method,
        route: request.route,
        ip: request.ip,
        userAgent: request.userAgent,
        upstreamStatus: upstreamStatus ?? undefined,
        upstreamAccount: upstreamAccount ?? undefined,
      });
    },
    // The server's usage recorder is flushed when the server closes.
    close: async () => undefined,
  };
}
