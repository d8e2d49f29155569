/**
 * Schemas of the token inventory endpoints (CONTRACT.md T1-T3, K1, K2, K4, U1, U2).
 * Query values stay strings where the domain parses them (any-case enums, plural units, dates), so
 * a bad value is the domain's VALIDATION_FAILED with a precise detail. The route runs that parser
 * (parseInventoryQuery) and hands the service typed filters; each query's static type is what
 * the parser takes (InventoryQueryParams in src/domain/token-query.ts).
 */
import { Type, type Static } from 'typebox';
import type { DateField, DateParamSuffix } from '../../domain/date-filters.js';
import { MAX_Q_LENGTH } from '../../domain/token-query.js';

const text = (description: string) => Type.Optional(Type.String({ maxLength: 500, description }));
const searchText = (description: string) => Type.Optional(Type.String({ maxLength: MAX_Q_LENGTH, description }));
const units = (description: string) => Type.Optional(Type.Integer({ minimum: 0, description }));

function dateFamily<F extends DateField>(field: F) {
  // Computed keys widen to `string`; the cast names the keys the literal below builds.
  return {
    [`${field}SearchType`]: text(`Enables the ${field} filter: gt (more than Value Uom away), lt (less than), range.`),
    [`${field}Uom`]: text('hour, day, week, month or year (plurals and any case accepted).'),
    [`${field}Value`]: units('Number of Uom for gt/lt.'),
    [`${field}From`]: text('range: inclusive start, ISO-8601 date or date-time.'),
    [`${field}To`]: text('range: inclusive end, ISO-8601 date (whole day) or date-time.'),
    [`${field}RangeFrom`]: text('range: relative window start, in Uom from now (default 0).'),
    [`${field}RangeTo`]: text('range: relative window end, in Uom from now (default unbounded).'),
  } as Record<`${F}${Exclude<DateParamSuffix, 'Value'>}`, ReturnType<typeof text>> & Record<`${F}Value`, ReturnType<typeof units>>;
}

const PAGING = {
  sort: text('[+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt.'),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Default 100; values above 1000 are clamped to 1000.' })),
  cursor: text('A links.next/prev/self value (or a URL holding cursor=).'),
};

const TOKEN_FILTERS = {
  q: searchText('Case-insensitive substring of the token label, owner name or owner e-mail.'),
  status: text('allowed or blocked (any case).'),
  ...dateFamily('createdAt'),
  ...dateFamily('lastActiveAt'),
};

const KEY_FILTERS = {
  q: searchText('Case-insensitive substring of the key label.'),
  keyType: text('scoped (holds a scope list) or unscoped (reaches every admin scope).'),
  ...dateFamily('expiresAt'),
  ...dateFamily('lastActiveAt'),
};

export const ApiTokenSearchQuery = Type.Object({ ...TOKEN_FILTERS, ...PAGING });
export type ApiTokenSearchQuery = Static<typeof ApiTokenSearchQuery>;
export const ApiTokenCountQuery = Type.Object(TOKEN_FILTERS);
export type ApiTokenCountQuery = Static<typeof ApiTokenCountQuery>;
export const ApiKeySearchQuery = Type.Object({ ...KEY_FILTERS, ...PAGING });
export type ApiKeySearchQuery = Static<typeof ApiKeySearchQuery>;
export const ApiKeyCountQuery = Type.Object(KEY_FILTERS);
export type ApiKeyCountQuery = Static<typeof ApiKeyCountQuery>;

const Instant = Type.Union([Type.String(), Type.Null()]);

export const PageLinks = Type.Object({
  self: Type.String(),
  next: Type.Union([Type.String(), Type.Null()]),
  prev: Type.Union([Type.String(), Type.Null()]),
});

export const ApiTokenItem = Type.Object({
  id: Type.String(),
  label: Type.String(),
  status: Type.Union([Type.Literal('ALLOWED'), Type.Literal('BLOCKED')]),
  createdAt: Type.String(),
  expiresAt: Instant,
  lastActiveAt: Instant,
  user: Type.Object({ id: Type.String(), orgId: Type.String(), name: Type.String(), email: Type.String() }),
  scopes: Type.Array(Type.String()),
});
export type ApiTokenItem = Static<typeof ApiTokenItem>;

export const ApiTokenSearchResponse = Type.Object({ data: Type.Array(ApiTokenItem), links: PageLinks });
export type ApiTokenSearchResponse = Static<typeof ApiTokenSearchResponse>;

export const ApiKeyItem = Type.Object({
  id: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  expiresAt: Instant,
  lastActiveAt: Instant,
  systemAccountId: Type.String(),
  resource: Type.String(),
  orgId: Type.String(),
  createdBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]),
  scopes: Type.Array(Type.String()),
  targetResources: Type.Array(Type.String()),
});
export type ApiKeyItem = Static<typeof ApiKeyItem>;

export const ApiKeySearchResponse = Type.Object({ data: Type.Array(ApiKeyItem), links: PageLinks });

export const CountResponse = Type.Integer({ minimum: 0, description: 'A bare JSON integer.' });

export const NoContent = Type.Null({ description: 'No content.' });

export const ApiKeyParams = Type.Object({
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  apiKeyId: Type.String({ minLength: 1, maxLength: 64 }),
});

/** `account_id` pattern of Atlassian's User management API (CONTRACT.md §1.6). */
export const AccountParams = Type.Object({ accountId: Type.String({ pattern: '^[a-zA-Z0-9_|:-]{1,128}$' }) });
export const AccountTokenParams = Type.Object({
  accountId: Type.String({ pattern: '^[a-zA-Z0-9_|:-]{1,128}$' }),
  tokenId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const UserApiToken = Type.Object({
  id: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  lastAccess: Instant,
  expiry: Instant,
  disabledStatus: Type.Boolean(),
});
export const UserApiTokenList = Type.Array(UserApiToken);
export type UserApiTokenList = Static<typeof UserApiTokenList>;
