/**
 * `POST /api/v1/verify` (issue #7): is this token valid, for this operation, from this IP? Called by
 * services holding a verifier key (an org admin API key with `verify:tokens`). 200 whatever the
 * verdict; 401 only when the caller's own key is bad. Lean on purpose: no audit entry, no write.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import type { VerificationService, VerifierPrincipal } from '../../service/verification-service.js';
import { ErrorRef } from '../schemas/common.js';
import { VerifyBody, VerifyResponse } from '../schemas/verify.js';

export const VERIFY_PATH = '/api/v1/verify';

declare module 'fastify' {
  interface FastifyRequest {
    verifier: VerifierPrincipal | null;
  }
}

export interface VerifyRoutesDeps {
  verification: VerificationService;
}

export function verifyRoutes(deps: VerifyRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('verifier', null);
    app.post(
      VERIFY_PATH,
      {
        onRequest: async (request) => {
          request.verifier = await deps.verification.authenticateVerifier(request.headers.authorization);
        },
        schema: {
          tags: ['Verification'],
          summary: 'Verify a token (verifier key: an org admin API key holding verify:tokens)',
          description:
            'Always 200 with the verdict: `code` is VALID, MALFORMED, NOT_FOUND, REVOKED, EXPIRED, SUSPENDED, INSUFFICIENT_SCOPE, IP_NOT_ALLOWED or USE_BLOCKED_BY_POLICY. A token of another organization is NOT_FOUND. 401 only when the caller\'s own key is bad.',
          body: VerifyBody,
          response: { 200: VerifyResponse, 400: ErrorRef, 401: ErrorRef, 500: ErrorRef },
        },
      },
      async (request) => {
        const verifier = request.verifier;
        if (!verifier) throw new DomainError('UNAUTHENTICATED');
        const body = request.body;
        const result = await deps.verification.verify(verifier, body, { userAgent: body.userAgent });
        return {
          valid: result.valid,
          code: result.code,
          tokenId: result.tokenId,
          owner: result.owner,
          scopes: [...result.scopes],
          expiresAt: result.expiresAt?.toISOString() ?? null,
        };
      },
    );
  };
}
