/** The instance administrator's routes (docs/how-to/host-more-than-one-organization.md). */
import { Type, type Static } from 'typebox';

export const INSTANCE_PREFIX = '/admin/tokenward/v1/instance';

export const InstanceOrgParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreateOrgBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Unique on this server; the command line names orgs by it.' }),
    ownerEmail: Type.String({ minLength: 3, maxLength: 320, format: 'email', description: 'The first owner, who gets the one-time setup link.' }),
    ownerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateOrgBody = Static<typeof CreateOrgBody>;

export const InstanceOrgJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InstanceOrgJson = Static<typeof InstanceOrgJson>;

export const InstanceOrgResponse = Type.Object({ data: InstanceOrgJson });

export const InstanceOrgListResponse = Type.Object({ data: Type.Array(InstanceOrgJson) });

export const CreatedOrgResponse = Type.Object({
  data: InstanceOrgJson,
  owner: Type.Object({ id: Type.String(), email: Type.String() }),
  adminKey: Type.Object({
    id: Type.String(),
    secret: Type.String({ description: 'The org\'s first admin API key (every admin scope), shown this once: hand it to the org\'s admins.' }),
  }),
  ownerSetupLink: Type.Object({
    url: Type.String({ description: 'One-time link for the owner to set a password, shown this once.' }),
    expiresAt: Type.String({ format: 'date-time' }),
  }),
});

export const InstanceAuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Entries per page, 100 by default.' })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries older than this sequence number (the `seq` of the last entry of the previous page).' })),
});

export const InstanceAuditResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      id: Type.String(),
      at: Type.String({ format: 'date-time' }),
      actorType: Type.String(),
      actorId: Type.Union([Type.String(), Type.Null()]),
      action: Type.String(),
      targetType: Type.Union([Type.String(), Type.Null()]),
      targetId: Type.Union([Type.String(), Type.Null()]),
      ip: Type.Union([Type.String(), Type.Null()]),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const InstanceKeyParams = Type.Object({ keyId: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreateInstanceKeyBody = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 200, description: 'Who or what holds the key, e.g. "second administrator".' }) },
  { additionalProperties: false },
);

export const InstanceKeyJson = Type.Object({
  id: Type.String(),
  label: Type.String(),
  displayPrefix: Type.String({ description: 'The start of the key, enough to recognise it, never enough to use it.' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String({ description: 'The instance key that issued it.' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InstanceKeyJson = Static<typeof InstanceKeyJson>;

export const InstanceKeyResponse = Type.Object({ data: InstanceKeyJson });
export const InstanceKeyListResponse = Type.Object({ data: Type.Array(InstanceKeyJson) });
export const CreatedInstanceKeyResponse = Type.Object({
  data: InstanceKeyJson,
  secret: Type.String({ description: 'The new instance key, shown this once.' }),
});
