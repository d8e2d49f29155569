/**
 * The endpoint GitHub's secret-scanning partner programme posts to (docs/leaked-tokens.md).
 * No API key: the ECDSA signature over the raw body is the authentication, so this plugin keeps the
 * body as bytes (its own JSON parser, encapsulated here) and the service checks it before parsing.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { LeakedTokenService } from '../../service/leaked-token-service.js';
import { ErrorRef } from '../schemas/common.js';
import { FeedbackList } from '../schemas/secret-scanning.js';

export const GITHUB_SECRET_SCANNING_PATH = '/api/v1/github/secret-scanning';
/** GitHub batches matches; a 10,000-match report is about 2 MiB. */
const REPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

export function secretScanningRoutes(deps: { leakedTokens: LeakedTokenService }): FastifyPluginAsync {
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: REPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));

    app.post(
      GITHUB_SECRET_SCANNING_PATH,
      {
        bodyLimit: REPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['Leaked tokens'],
          summary: 'Receive a GitHub secret-scanning report',
          description:
            'Body: a JSON array of `{token, type, url, source}`, signed by GitHub (`Github-Public-Key-Identifier`, `Github-Public-Key-Signature`: ' +
            'ECDSA P-256 SHA-256 over the raw body). Every Tokenward token found is revoked at once. Answers the feedback list, by `token_hash`.',
          security: [],
          response: { 200: FeedbackList, 400: ErrorRef, 413: ErrorRef, 415: ErrorRef, 500: ErrorRef, 503: ErrorRef },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const outcome = await deps.leakedTokens.handleGithubReport(raw, {
          keyId: singleHeader(request, 'github-public-key-identifier'),
          signature: singleHeader(request, 'github-public-key-signature'),
        });
        // Ids and counts only: the report's strings are secrets.
        request.log.info(
          { matches: outcome.feedback.length, truePositives: outcome.truePositives, revokedTokenIds: outcome.revoked.map((r) => r.tokenId) },
          'github secret-scanning report handled',
        );
        return outcome.feedback;
      },
    );
  };
}
