/**
 * Standalone mode: verification through the SDK (packages/sdk), so the gateway gets its local
 * cache, the server's pushed revocations and batched usage reports like any service would.
 */
import { createTokenwardClient, type TokenwardClient, type TokenwardClientOptions } from '../../packages/sdk/src/index.js';
import type { GatewayVerifier } from './gateway-verifier.js';

export function createSdkVerifier(options: TokenwardClientOptions): GatewayVerifier & { client: TokenwardClient } {
  const client = createTokenwardClient({ failClosed: true, ...options });
  return {
    client,
    async verify(token, request) {
      const result = await client.verify(token, {
        scopes: request.scopes,
        ...(request.ip ? { ip: request.ip } : {}),
        method: request.method,
        route: request.route,
        ...(request.userAgent ? { userAgent: request.userAgent } : {}),
        deferUsage: true,
      });
      const owner = result.owner && { ...result.owner, groups: result.owner.groups ?? [] };
      return { valid: result.valid, code: result.code, tokenId: result.tokenId, owner, rateLimit: result.rateLimit };
    },
    recordUsage(verdict, code, request, upstreamStatus) {
      client.reportUsage(
        { tokenId: verdict.tokenId, code: code as Parameters<TokenwardClient['reportUsage']>[0]['code'] },
        {
          method: request.method,
          route: request.route,
          ...(request.ip ? { ip: request.ip } : {}),
          ...(request.userAgent ? { userAgent: request.userAgent } : {}),
          ...(upstreamStatus !== null ? { upstreamStatus } : {}),
        },
      );
    },
    close: () => client.close(),
  };
}
