/**
 * Tokenward's inventory of every token of an org (docs/tokens-api.md). Filter values stay
 * strings: the route parses them with the domain's parser (comma lists, any case), which words a
 * precise VALIDATION_FAILED, and hands the service typed filters. Each query's static type is
 * what that parser takes (OrgTokenQueryParams and its kin in src/domain/org-token-query.ts).
 */
import { Type, type Static } from 'typebox';
import type { DateField, DateParamSuffix } from '../../domain/date-filters.js';
import { MAX_Q_LENGTH } from '../../domain/token-query.js';

const text = (description: string) => Type.Optional(Type.String({ maxLength: 500, description }));
const searchText = (description: string) => Type.Optional(Type.String({ maxLength: MAX_Q_LENGTH, description }));

function dateFamily<F extends DateField>(field: F, meaning: string) {
  // Computed keys widen to `string`; the cast names the seven keys the literal below builds.
  return {
    [`${field}SearchType`]: text(`Enables the ${field} (${meaning}) filter: gt (more than Value Uom away), lt (less than), range.`),
    [`${field}Uom`]: text('hour, day, week, month or year (plurals and any case accepted).'),
    [`${field}Value`]: text('Number of Uom for gt/lt.'),
    [`${field}From`]: text('range: inclusive start, ISO-8601 date or date-time.'),
    [`${field}To`]: text('range: inclusive end, ISO-8601 date (whole day) or date-time.'),
    [`${field}RangeFrom`]: text('range: relative window start, in Uom from now (default 0).'),
    [`${field}RangeTo`]: text('range: relative window end, in Uom from now (default unbounded).'),
  } as Record<`${F}${DateParamSuffix}`, ReturnType<typeof text>>;
}

const FILTERS = {
  q: searchText('Case-insensitive substring of the label, the owner name, the owner e-mail, the purpose or a tag.'),
  tag: text('Only tokens carrying this tag.'),
  hasPurpose: text('true: tokens that say what they are for; false: those that do not.'),
  status: text('Comma-separated: active, suspended, expired, revoked. Default: all but revoked.'),
  ownerKind: text('Comma-separated: user, service-account, admin-key. Default: all.'),
  scope: text('Only tokens holding this exact scope.'),
  ownerId: text('Only the tokens of this user or service account (its id).'),
  neverUsed: text('true: never used; false: used at least once.'),
  idleDays: text('Not used in the last N days (a never-used token counts from its creation); 1-100000.'),
  source: text(
    'tokenward (tokens Tokenward issued), atlassian, github or gitlab (tokens read from every connector of that kind), or a connector id (tokens read from that one connector). Default: every source.',
  ),
  ...dateFamily('createdAt', 'past'),
  ...dateFamily('lastActiveAt', 'past'),
  ...dateFamily('expiresAt', 'mostly future'),
};

const SORT = { sort: text('[+|-]createdAt, lastActiveAt, expiresAt or label; default -createdAt.') };

export const OrgTokenListQuery = Type.Object({
  ...FILTERS,
  ...SORT,
  pageSize: text('Default 100; values above 1000 are clamped to 1000.'),
  cursor: text('A links.next/prev/self value of a page of the same query.'),
});
export type OrgTokenListQuery = Static<typeof OrgTokenListQuery>;
export const OrgTokenCountsQuery = Type.Object(FILTERS);
export type OrgTokenCountsQuery = Static<typeof OrgTokenCountsQuery>;
export const OrgTokenExportQuery = Type.Object({ ...FILTERS, ...SORT });
export type OrgTokenExportQuery = Static<typeof OrgTokenExportQuery>;

export const OrgTokenParams = Type.Object({
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  tokenId: Type.String({ minLength: 1, maxLength: 64 }),
});

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const LifecycleStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('expired'), Type.Literal('revoked')]);
const OwnerKind = Type.Union([Type.Literal('user'), Type.Literal('service-account'), Type.Literal('admin-key')]);

export const TokenOwnerJson = Type.Union([
  Type.Object({ kind: Type.Literal('user'), id: Type.String(), name: Type.String(), email: Type.String(), status: Type.String() }),
  Type.Object({
    kind: Type.Literal('service-account'),
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    status: Type.String(),
    isDeleted: Type.Boolean(),
  }),
  // The owner of a connector's token that matches no directory user, as the connected system names them.
  Type.Object({ kind: Type.Literal('external'), id: Type.String(), name: Type.String(), email: Type.String() }),
  Type.Null(),
]);

export const TokenSourceJson = Type.Union([
  Type.Object({ type: Type.Literal('tokenward') }),
  Type.Object({
    type: Type.String(),
    connectorId: Type.String(),
    externalId: Type.String(),
    /** When the connected system stopped listing it (revoked or deleted there). */
    goneAt: Instant,
    scopes: Type.Array(
      Type.Object({
        name: Type.String(),
        words: Type.String({ description: 'The connected system\'s own words: "repository contents: write" for GitHub, the scope itself for GitLab.' }),
        scopeClass: Type.Union([Type.String(), Type.Null()], { description: 'read, write or admin; null where scopes are judged by name (Atlassian).' }),
      }),
      { description: 'Each scope in the connected system\'s words beside the Tokenward scope class a policy judges it by.' },
    ),
    lastUsedIps: Type.Array(Type.String(), { description: 'The addresses the connected system says it was last used from (GitLab tells up to five); empty when not told.' }),
    repositorySelection: Type.Union([Type.String(), Type.Null()], { description: 'GitHub: all, subset or none (public repositories only); null elsewhere.' }),
  }),
]);

export const OrgTokenJson = Type.Object({
  id: Type.String(),
  label: Type.String(),
  ownerKind: OwnerKind,
  /** Null for admin API keys (they belong to the org). */
  owner: TokenOwnerJson,
  status: LifecycleStatus,
  /** The first characters of the secret, safe to show (`twu_AbC123`). */
  displayPrefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Instant,
  lastActiveAt: Instant,
  revokedAt: Instant,
  revokedBy: Type.Union([Type.String(), Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  callsLast30Days: Type.Integer({ description: 'Verified calls over the last 30 UTC days, today included.' }),
  lastIp: Type.Union([Type.String(), Type.Null()], { description: 'The address of the latest call, when the caller gave one.' }),
  governingPolicy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: "The policy governing the token's owner now (null for admin keys, and for a connected system's token whose owner matches nobody in the directory).",
  }),
  source: TokenSourceJson,
  purpose: Type.Union([Type.String(), Type.Null()], { description: 'What the token is for, in words; null when nobody said.' }),
  tags: Type.Array(Type.String(), { description: 'Its tags, lower case.' }),
});
export type OrgTokenJson = Static<typeof OrgTokenJson>;

export const OrgTokenListResponse = Type.Object({
  data: Type.Array(OrgTokenJson),
  links: Type.Object({ self: Type.String(), next: Type.Union([Type.String(), Type.Null()]), prev: Type.Union([Type.String(), Type.Null()]) }),
});
export type OrgTokenListResponse = Static<typeof OrgTokenListResponse>;

const StatusCounts = Type.Object({ active: Type.Integer(), suspended: Type.Integer(), expired: Type.Integer(), revoked: Type.Integer() });

export const OrgTokenCountsResponse = Type.Object({
  total: Type.Integer(),
  byStatus: StatusCounts,
  byOwnerKind: Type.Object({ user: Type.Integer(), 'service-account': Type.Integer(), 'admin-key': Type.Integer() }),
  cells: Type.Array(
    Type.Object({ ownerKind: OwnerKind, status: LifecycleStatus, count: Type.Integer(), source: Type.String(), sourceType: Type.String() }),
    { description: 'One cell per source, owner kind and status: add the cells of every source for an owner kind and status.' },
  ),
  bySource: Type.Record(Type.String(), Type.Integer(), { description: 'tokenward and each connector id.' }),
  bySourceType: Type.Record(Type.String(), Type.Integer(), { description: 'tokenward and each connected system: atlassian, github, gitlab.' }),
});
export type OrgTokenCountsResponse = Static<typeof OrgTokenCountsResponse>;

export const CsvResponse = Type.String({ description: 'text/csv; one header line, then one line per token.' });

export const BulkRevokeBody = Type.Object(
  {
    tokenIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 }),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const BulkRevokeResponse = Type.Object({
  data: Type.Object({
    revoked: Type.Array(Type.String()),
    alreadyRevoked: Type.Array(Type.String()),
    notFound: Type.Array(Type.String()),
  }),
});
