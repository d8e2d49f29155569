/** Schemas of central issuance, rotation, revoke and token requests (docs/policies.md). */
import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Scopes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 });
const Label = Type.String({ minLength: 1, maxLength: 200 });
const Lifetime = Type.Integer({ minimum: 1, maximum: 365 });
const Purpose = Type.String({ maxLength: 500, description: 'What the token is for, in words.' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, description: 'Lower-case tags, e.g. ci, team:platform.' });

export const TokenParams = Type.Object({ orgId: Id, tokenId: Id });
export const RequestParams = Type.Object({ orgId: Id, requestId: Id });

export const IssueTokenBody = Type.Object(
  {
    owner: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('service-account')]), id: Id }, { additionalProperties: false }),
    label: Label,
    scopes: Scopes,
    expiresInDays: Type.Optional(Lifetime),
    delivery: Type.Optional(Type.Union([Type.Literal('response'), Type.Literal('link')], { description: 'response (default): the secret is in `token`; link: a one-time link for the member.' })),
    purpose: Type.Optional(Purpose),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);

export const TokenJson = Type.Object({
  id: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  owner: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  scopes: Type.Array(Type.String()),
  status: Type.String(),
  displayPrefix: Type.String(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  lastActiveAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
});

export const IssuedTokenJson = Type.Object({
  ...TokenJson.properties,
  token: Type.Optional(Type.String({ description: 'The secret: shown once, never again.' })),
  delivery: Type.Optional(
    Type.Object({
      id: Type.String(),
      link: Type.String(),
      url: Type.String({ description: 'The address to send the person: the console page that opens the link (the link itself after `#`, which browsers never send to a server).' }),
      expiresAt: Type.String(),
    }),
  ),
});

export const RevokeQuery = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) });
export const RotateBody = Type.Object({ gracePeriodHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })) }, { additionalProperties: false });

export const TokenRequestJson = Type.Object({
  id: Type.String(),
  requesterId: Type.String(),
  label: Type.String(),
  scopes: Type.Array(Type.String()),
  lifetimeDays: Type.Integer(),
  justification: Nullable(Type.String()),
  policyId: Type.String(),
  status: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  grantedScopes: Nullable(Type.Array(Type.String())),
  grantedLifetimeDays: Nullable(Type.Integer()),
  tokenId: Nullable(Type.String()),
  createdAt: Type.String(),
  purpose: Type.Optional(Nullable(Type.String())),
  tags: Type.Optional(Type.Array(Type.String())),
});

const Links = Type.Object({ self: Type.String(), next: Nullable(Type.String()), prev: Nullable(Type.String()) });
export const TokenRequestList = Type.Object({ data: Type.Array(TokenRequestJson), links: Links });
export const TokenList = Type.Object({ data: Type.Array(TokenJson), links: Links });

export const ListRequestsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied'), Type.Literal('cancelled')])),
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
});
export const PageQuery = Type.Object({ pageSize: Type.Optional(Type.Integer({ minimum: 1 })), cursor: Type.Optional(Type.String({ maxLength: 4096 })) });

export const ApproveBody = Type.Object(
  { scopes: Type.Optional(Scopes), lifetimeDays: Type.Optional(Lifetime), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const DenyBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const NewTokenRequestBody = Type.Object(
  { label: Label, scopes: Scopes, lifetimeDays: Type.Optional(Lifetime), justification: Type.Optional(Type.String({ maxLength: 2000 })), purpose: Type.Optional(Purpose), tags: Type.Optional(Tags) },
  { additionalProperties: false },
);
export const OwnTokenBody = Type.Object(
  { label: Label, scopes: Scopes, expiresInDays: Type.Optional(Lifetime), purpose: Type.Optional(Purpose), tags: Type.Optional(Tags) },
  { additionalProperties: false },
);
