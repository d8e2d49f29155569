/**
 * Standalone mode: verification through the SDK (packages/sdk), so the gateway gets its local
 * cache, the server's pushed revocations and batched usage reports like any service would.
 */
import { createTokenwardClient, type TokenwardClient, type TokenwardClientOptions, type UsageOutcome, type VerifyOptions, type VerifyResult } from '../../packages/sdk/src/index.js';
import type { GatewayVerdict, GatewayVerifier } from './gateway-verifier.js';

export function createSdkVerifier(options: TokenwardClientOptions): GatewayVerifier & { client: TokenwardClient } {
  const client = createTokenwardClient({ failClosed: true, ...options });
  return {
    client,
    verify(token, request) {
      // One literal of one shape on every request, no spreads: the SDK reads an undefined field as absent.
      const verifyOptions: VerifyOptions = { scopes: request.scopes, ip: request.ip || undefined, method: request.method, route: request.route, userAgent: request.userAgent || undefined, deferUsage: true };
      // A cached token is judged at once: the request waits on no promise.
      const cached = client.verifyFromCache(token, verifyOptions);
      return cached ? verdictOf(cached) : client.verify(token, verifyOptions).then(verdictOf);
    },
    recordUsage(verdict, code, request, upstreamStatus) {
      const outcome: UsageOutcome = { method: request.method, route: request.route, ip: request.ip || undefined, userAgent: request.userAgent || undefined, upstreamStatus: upstreamStatus ?? undefined };
      client.reportUsage({ tokenId: verdict.tokenId, code: code as Parameters<TokenwardClient['reportUsage']>[0]['code'] }, outcome);
    },
    close: () => client.close(),
  };
}

/** The SDK's answer read as a verdict: the same object (the gateway only reads it), unless its owner lacks groups. */
function verdictOf(result: Readonly<Omit<VerifyResult, 'cached'>>): GatewayVerdict {
  const { owner } = result;
  if (!owner || owner.groups) return result as GatewayVerdict;
  // A server that predates groups sends none.
  return { valid: result.valid, code: result.code, tokenId: result.tokenId, owner: { ...owner, groups: [] }, rateLimit: result.rateLimit };
}
