/** The activity API (docs/verification.md): usage of tokens, for admins holding read:usage:admin. */
import { Type, type Static } from 'typebox';
import { VERIFY_CODES, type VerifyCode } from '../../domain/verification.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Code = Type.Unsafe<VerifyCode>({ type: 'string', enum: [...VERIFY_CODES] });

export const TokenUsageParams = Type.Object({ orgId: Id, tokenId: Id });

export const UsageEventsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this time.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this time.' })),
  code: Type.Optional(Code),
  route: Type.Optional(Type.String({ maxLength: 200 })),
  ip: Type.Optional(Type.String({ maxLength: 64 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Default 100; values above 1000 are treated as 1000.' })),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'The `links.next` of the previous page.' })),
});
export type UsageEventsQuery = Static<typeof UsageEventsQuery>;

const UsageEvent = Type.Object({
  at: Type.String({ format: 'date-time', description: 'When it happened (the first of `count` identical calls).' }),
  lastAt: Type.String({ format: 'date-time', description: 'The last of them (within one flush window, about a second).' }),
  count: Type.Integer({ minimum: 1, description: 'Identical verifications coalesced into this row.' }),
  code: Code,
  method: Nullable(Type.String()),
  route: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  upstreamStatus: Nullable(Type.Integer()),
  isNewIp: Type.Boolean({ description: 'The first call of this token from this IP, after calls from other IPs.' }),
  isNewUserAgent: Type.Boolean({ description: 'The first kept call of this token with this user agent, after earlier calls.' }),
  upstreamAccount: Nullable(Type.String({ description: "The gateway's delegated mode: the upstream account the call was made as." })),
});

export const UsageEventsResponse = Type.Object({
  data: Type.Array(UsageEvent),
  links: Type.Object({ next: Nullable(Type.String()) }),
});

const Days = (fallback: number) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: fallback, description: `UTC days back, today included (default ${fallback}).` }));

export const UsageSummaryQuery = Type.Object({ days: Days(30) });

export const UsageSummaryResponse = Type.Object({
  tokenId: Type.String(),
  days: Type.Integer(),
  firstSeenAt: Nullable(DateTime),
  lastSeenAt: Nullable(DateTime),
  totals: Type.Object({ calls: Type.Integer(), errors: Type.Integer() }),
  perDay: Type.Array(Type.Object({ date: Type.String(), calls: Type.Integer(), errors: Type.Integer(), distinctIps: Type.Integer() })),
  perRoute: Type.Array(Type.Object({ method: Nullable(Type.String()), route: Nullable(Type.String()), calls: Type.Integer(), errors: Type.Integer() })),
  perIp: Type.Array(Type.Object({ ip: Nullable(Type.String()), calls: Type.Integer(), firstSeenAt: DateTime, lastSeenAt: DateTime })),
});

export const OrgDailyQuery = Type.Object({ days: Days(30) });

export const OrgDailyResponse = Type.Object({
  days: Type.Integer(),
  totals: Type.Object({ calls: Type.Integer(), errors: Type.Integer() }),
  perDay: Type.Array(
    Type.Object({
      date: Type.String({ description: 'UTC day, YYYY-MM-DD; every day of the window is listed, oldest first.' }),
      calls: Type.Integer(),
      errors: Type.Integer(),
      tokens: Type.Integer({ description: 'Tokens verified at least once that day.' }),
    }),
  ),
});

export const OrgUsageQuery = Type.Object({
  days: Days(7),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
});

const Owner = Nullable(Type.Object({ type: Type.String(), id: Type.String() }));

export const TopTokensResponse = Type.Object({
  data: Type.Array(
    Type.Object({ tokenId: Type.String(), label: Type.String(), kind: Type.String(), owner: Owner, calls: Type.Integer(), errors: Type.Integer(), lastSeenAt: DateTime }),
  ),
});

export const NewIpsResponse = Type.Object({
  data: Type.Array(
    Type.Object({ tokenId: Type.String(), label: Type.String(), kind: Type.String(), ip: Type.String(), calls: Type.Integer(), firstSeenAt: DateTime, lastSeenAt: DateTime }),
  ),
});
