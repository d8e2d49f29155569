/** Schemas of the connector endpoints (docs/connectors-atlassian.md). No schema has a credential out. */
import { Type, type Static } from 'typebox';

const Instant = Type.Union([Type.String(), Type.Null()]);

export const ConnectorParams = Type.Object({
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  connectorId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const ExternalTokenParams = Type.Object({
  orgId: Type.String({ minLength: 1, maxLength: 64 }),
  connectorId: Type.String({ minLength: 1, maxLength: 64 }),
  tokenId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const CreateConnectorBody = Type.Object(
  {
    type: Type.String({ description: 'The connected system: atlassian, github or gitlab.', maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    baseUrl: Type.String({ minLength: 1, maxLength: 2048, description: 'e.g. https://api.atlassian.com' }),
    upstreamOrgId: Type.String({ minLength: 1, maxLength: 200, description: 'The organization id in the connected system.' }),
    credential: Type.String({
      minLength: 1,
      maxLength: 10_000,
      description:
        'For Atlassian: an organization admin API key. For GitHub: a JSON object {"appId", "installationId", "privateKey", "webhookSecret"} of the GitHub App. For GitLab: an administrator’s personal access token. Stored encrypted, never returned.',
    }),
    scheduleMinutes: Type.Optional(Type.Integer({ description: 'Minutes between scheduled syncs; default 60.' })),
    unmatchedPolicyId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'The policy for tokens whose owner matches no directory user.' })),
  },
  { additionalProperties: false },
);
export type CreateConnectorBody = Static<typeof CreateConnectorBody>;

export const UpdateConnectorBody = Type.Partial(Type.Omit(CreateConnectorBody, ['type']), { additionalProperties: false });
export type UpdateConnectorBody = Static<typeof UpdateConnectorBody>;

export const SyncCountsJson = Type.Object({
  seen: Type.Integer(),
  discovered: Type.Integer(),
  updated: Type.Integer(),
  gone: Type.Integer(),
  pages: Type.Integer(),
});

export const SyncRunJson = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  trigger: Type.String(),
  phase: Type.String(),
  counts: SyncCountsJson,
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Instant,
  finishedAt: Instant,
});
export type SyncRunJson = Static<typeof SyncRunJson>;

export const ConnectorJson = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  baseUrl: Type.String(),
  upstreamOrgId: Type.String(),
  scheduleMinutes: Type.Integer(),
  unmatchedPolicyId: Type.Union([Type.String(), Type.Null()]),
  nextSyncAt: Instant,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lastSync: Type.Union([SyncRunJson, Type.Null()]),
});
export type ConnectorJson = Static<typeof ConnectorJson>;

export const ConnectorListResponse = Type.Object({ data: Type.Array(ConnectorJson) });

export const ConnectionTestResponse = Type.Object({
  ok: Type.Boolean(),
  checks: Type.Array(Type.Object({ capability: Type.String(), ok: Type.Boolean(), detail: Type.String() })),
});

export const RevokeBody = Type.Object(
  {
    tokenIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000, description: 'Tokens of this connector to revoke upstream.' })),
    owner: Type.Optional(Type.String({ maxLength: 200, description: 'The upstream id of a person or service account: revoke all of their tokens.' })),
  },
  { additionalProperties: false },
);
export type RevokeBody = Static<typeof RevokeBody>;

export const RevokeResultJson = Type.Object({
  tokenId: Type.String(),
  revoked: Type.Boolean(),
  upstreamStatus: Type.Union([Type.Integer(), Type.Null()]),
  answer: Type.String(),
});

export const RevokeResponse = Type.Object({ revoked: Type.Integer(), failed: Type.Integer(), results: Type.Array(RevokeResultJson) });

export const RevokeIdleBody = Type.Object(
  {
    idleDays: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Not used for this many days (a never-used token counts from its creation).' }),
    dryRun: Type.Optional(Type.Boolean({ description: 'true: list what would be revoked, change nothing.' })),
  },
  { additionalProperties: false },
);

export const RevokeIdleResponse = Type.Object({
  dryRun: Type.Boolean(),
  plan: Type.Array(
    Type.Object({
      tokenId: Type.String(),
      externalId: Type.String(),
      kind: Type.String(),
      label: Type.String(),
      ownerEmail: Type.Union([Type.String(), Type.Null()]),
      lastActiveAt: Instant,
      action: Type.Union([Type.Literal('revoke'), Type.Literal('flag')]),
    }),
  ),
  revoked: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(RevokeResultJson),
});

export const ViolationsResponse = Type.Object({
  judged: Type.Integer({ description: 'Live tokens with a governing policy.' }),
  unjudged: Type.Integer({ description: 'Live tokens whose owner is not in the directory, when the connector names no policy for them.' }),
  total: Type.Integer({ description: 'Tokens breaking their policy.' }),
  byKind: Type.Object({ lifetime: Type.Integer(), scopes: Type.Integer(), idle: Type.Integer() }),
  data: Type.Array(
    Type.Object({
      tokenId: Type.String(),
      label: Type.String(),
      kind: Type.String(),
      ownerEmail: Type.Union([Type.String(), Type.Null()]),
      policyId: Type.String(),
      policyName: Type.String(),
      violations: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('lifetime'), Type.Literal('scopes'), Type.Literal('idle')]), reason: Type.String() })),
    }),
  ),
});
