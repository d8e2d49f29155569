/**
 * What the gateway needs from Tokenward, whichever mode it runs in: a verdict (without usage), then
 * the usage of that verification once the upstream's status is known. Two implementations:
 * `sdk-verifier.ts` (its own process, over HTTP through the SDK's cache and push stream) and
 * `in-process-verifier.ts` (inside `tokenward serve`, no HTTP hop).
 */

import type { RateLimitFigure } from '../../packages/sdk/src/index.js';

export interface GatewayVerifyRequest {
  scopes: readonly string[];
  ip: string | undefined;
  method: string;
  /** The route pattern that matched, as written in the config. */
  route: string;
  userAgent: string | undefined;
}

export interface GatewayVerdict {
  valid: boolean;
  /** A verify code (docs/verification.md), or UNAVAILABLE when the server could not be asked. */
  code: string;
  tokenId: string | null;
  /** `groups`: the owner's directory group names, for a credential per group (empty for a service account). */
  owner: { type: 'user' | 'service_account'; id: string; name: string; email: string; groups: readonly string[] } | null;
  /** For a token with rate limits or a quota (the verify answer's `rateLimit`). */
  rateLimit: RateLimitFigure | null;
}

export interface GatewayVerifier {
  /**
   * The verdict on `token` for this request; records no usage. Never throws for a bad token. Given
   * at once when it is known without waiting (a cached token), so a request waits on nothing then.
   */
  verify(token: string, request: GatewayVerifyRequest): GatewayVerdict | Promise<GatewayVerdict>;
  /**
   * Records one verification's usage with the code it ended with (the verdict's, or NOT_FOUND for
   * a Basic e-mail that is not the owner's) and the upstream's status (null: never forwarded).
   */
  recordUsage(verdict: GatewayVerdict, code: string, request: GatewayVerifyRequest, upstreamStatus: number | null, upstreamAccount?: string | null): void;
  /** Reports pending usage and lets go of connections. */
  close(): Promise<void>;
}
