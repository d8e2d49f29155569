/** `POST /api/v1/verify` (docs/verification.md). */
import { Type, type Static } from 'typebox';
import { VERIFY_CODES, type VerifyCode } from '../../domain/verification.js';
import { orNull } from './common.js';

export const VerifyBody = Type.Object(
  {
    token: Type.String({ maxLength: 4096, description: 'The token presented to the calling service.' }),
    scopes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'Scopes the operation needs: the token must hold every one.' })),
    ip: Type.Optional(Type.String({ maxLength: 100, description: "The end client's IP, for the IP allowlist and usage." })),
    method: Type.Optional(Type.String({ maxLength: 32, description: 'HTTP method of the protected call, for usage.' })),
    route: Type.Optional(Type.String({ maxLength: 2048, description: 'Route (pattern or path) of the protected call, for usage.' })),
    userAgent: Type.Optional(Type.String({ maxLength: 1000, description: "The end client's User-Agent, for usage (Tokenward's own extension)." })),
    deferUsage: Type.Optional(
      Type.Boolean({
        description:
          "Tokenward's own extension: record no usage now; the caller reports this verification through POST /api/v1/verify/usage once it knows the outcome (the gateway sends the upstream's status).",
      }),
    ),
  },
  { additionalProperties: false },
);
export type VerifyBody = Static<typeof VerifyBody>;

const Owner = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('service_account')]),
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  groups: Type.Array(Type.String(), { description: "Names of the directory groups the owner belongs to (always empty for a service account): a gateway picks the upstream credential by them." }),
});

/** A token's rate limit or quota as a verification left it (docs/verification.md). */
export const RateLimitFigure = Type.Object({
  kind: Type.Union([Type.Literal('rate'), Type.Literal('quota')]),
  limit: Type.Integer(),
  remaining: Type.Integer(),
  windowSeconds: orNull(Type.Integer({ description: "The rate limit's window, or the quota's refill period; null for a quota that never refills." })),
  resetAt: orNull(Type.String({ format: 'date-time', description: 'When the count starts over; null: never.' })),
});
export type RateLimitFigure = Static<typeof RateLimitFigure>;

export const VerifyResponse = Type.Object({
  valid: Type.Boolean(),
  code: Type.Unsafe<VerifyCode>({ type: 'string', enum: [...VERIFY_CODES] }),
  tokenId: orNull(Type.String()),
  owner: orNull(Owner),
  scopes: Type.Array(Type.String()),
  expiresAt: orNull(Type.String({ format: 'date-time' })),
  rateLimit: Type.Optional(RateLimitFigure),
});
export type VerifyResponse = Static<typeof VerifyResponse>;

/** An SDK's report of the verifications it answered from its own cache. */
export const UsageReportBody = Type.Object(
  {
    events: Type.Array(
      Type.Object(
        {
          tokenId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
          code: Type.Unsafe<VerifyCode>({ type: 'string', enum: [...VERIFY_CODES] }),
          at: Type.String({ format: 'date-time' }),
          count: Type.Integer({ minimum: 1, maximum: 100_000 }),
          method: Type.Optional(Type.String({ maxLength: 32 })),
          route: Type.Optional(Type.String({ maxLength: 2048 })),
          ip: Type.Optional(Type.String({ maxLength: 100 })),
          userAgent: Type.Optional(Type.String({ maxLength: 1000 })),
          upstreamStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const UsageReportResponse = Type.Object({ recorded: Type.Integer() });
