/** SCIM bearer tokens of Tokenward's admin API (docs/scim.md). */
import { Type, type Static } from 'typebox';

export const ScimTokenParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }), tokenId: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreateScimTokenBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 200, description: 'What the token is for, e.g. "Okta production".' }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Unset: the token does not expire.' })),
  },
  { additionalProperties: false },
);

export const ListScimTokensQuery = Type.Object({
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
});

const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ScimTokenJson = Type.Object({
  id: Type.String(),
  label: Type.String(),
  displayPrefix: Type.String({ description: 'The first characters of the token (twp_...), for recognising it.' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: NullableTime,
  lastUsedAt: NullableTime,
  revokedAt: NullableTime,
});
export type ScimTokenJson = Static<typeof ScimTokenJson>;

export const CreatedScimTokenJson = Type.Object({
  ...ScimTokenJson.properties,
  token: Type.String({ description: 'The secret, shown this once: paste it into the identity provider.' }),
  scimBaseUrl: Type.String({ description: 'The SCIM base URL to configure in the identity provider.' }),
});

export const ScimTokenListResponse = Type.Object({
  data: Type.Array(ScimTokenJson),
  links: Type.Object({ self: Type.String(), next: Type.Union([Type.String(), Type.Null()]), prev: Type.Union([Type.String(), Type.Null()]) }),
});
