/** Tokenward's audit log API (docs/audit.md). */
import { Type, type Static } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Links = Type.Object({
  self: Type.String(),
  next: Type.Union([Type.String(), Type.Null()]),
  prev: Type.Union([Type.String(), Type.Null()]),
});

/** The filters shared by the list and the export. */
const filters = {
  action: Type.Optional(
    Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9_.-]+(\\.\\*)?$', description: 'An exact action (`token.revoked`), or a family with `.*` (`token.*`).' }),
  ),
  // `scim_token`: changes an identity provider made through SCIM (docs/scim.md).
  actorType: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('admin_key'), Type.Literal('scim_token'), Type.Literal('system')])),
  actorId: Type.Optional(Id),
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  targetId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time (ISO-8601).' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time (ISO-8601).' })),
};

export const AuditLogQuery = Type.Object({
  ...filters,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Default 100; values above 1000 are treated as 1000.' })),
  cursor: Type.Optional(Type.String({ maxLength: 4096, description: 'A `links.next` or `links.prev` value of the previous page.' })),
});
export type AuditLogQuery = Static<typeof AuditLogQuery>;

export const AuditExportQuery = Type.Object({
  ...filters,
  format: Type.Optional(Type.Union([Type.Literal('jsonl'), Type.Literal('csv')], { description: 'Default jsonl.' })),
});
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEntryJson = Type.Object({
  seq: Type.Integer({ description: 'Insertion order, across the instance.' }),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.Union([Type.String(), Type.Null()], { description: "The entry's link in the org's hash chain." }),
});
export type AuditEntryJson = Static<typeof AuditEntryJson>;

/** What an id on the page names: its kind, its name, and for a token its owner. */
export const NamedThingJson = Type.Object({
  kind: Type.String({ description: 'person, service_account, admin_key, token, group, policy, token_request, webhook, scim_token, job_run or session.' }),
  name: Type.String(),
  detail: Type.Optional(Type.String({ description: "A person's or service account's e-mail; a webhook's description." })),
  owner: Type.Optional(Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() })),
  isGone: Type.Optional(Type.Boolean({ description: 'Deleted since (a service account).' })),
});
export type NamedThingJson = Static<typeof NamedThingJson>;

export const AuditLogPage = Type.Object({
  data: Type.Array(AuditEntryJson),
  links: Links,
  names: Type.Record(Type.String(), NamedThingJson, { description: 'Every id the page mentions (actors, targets, ids in details) that still names something, by name.' }),
});

export const AuditSettings = Type.Object(
  {
    retentionDays: Type.Union([Type.Integer({ minimum: 30, maximum: 36500 }), Type.Null()], {
      description: 'Entries older than this many days are purged by the retention job; null keeps them forever (the default).',
    }),
  },
  { additionalProperties: false },
);
export type AuditSettings = Static<typeof AuditSettings>;

export const PurgeResultJson = Type.Object({
  purged: Type.Integer(),
  before: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Entries older than this were due; null when the org keeps entries forever.' }),
});
