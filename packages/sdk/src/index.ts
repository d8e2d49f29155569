export { createTokenwardClient, TokenwardUnavailableError, type TokenwardClient, type TokenwardClientOptions, type VerifyCode, type VerifyOptions, type VerifyResult, type UsageOutcome, type RateLimitFigure } from './client.js';
export { tokenwardPlugin, type TokenwardPluginOptions } from './fastify.js';
export { requireToken } from './express.js';
export { rateLimitHeaders, statusOfCode } from './status.js';
