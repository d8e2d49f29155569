/**
 * Shapes of the service-account endpoints (CONTRACT.md §2 T4/T5, §3, §4, §5 O1-O5).
 * Member names are Atlassian's; where the contract marks a shape our reading the choice is in
 * docs/atlassian-service-accounts.md.
 */
import { Type, type Static } from 'typebox';
import { MAX_COUNT_IDS } from '../../domain/service-accounts.js';

const Id = Type.String({ minLength: 1, maxLength: 128 });

export const ServiceAccountParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }), serviceAccountId: Id });
export const OAuthClientParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }), clientId: Id });

/** `pageSize` below 1 is refused; above the ceiling it is clamped (CONTRACT.md §1.4, our reading). */
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 2048 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const OAuthClientListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 2048 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
  clientName: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ServiceAccountItem = Type.Object({
  atlassianId: Type.String(),
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  picture: Type.Union([Type.String(), Type.Null()]),
  container: Type.String(),
  updatedAt: Type.Integer({ description: 'Epoch milliseconds.' }),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE')]),
  createdById: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
});
export type ServiceAccountItem = Static<typeof ServiceAccountItem>;

export const ServiceAccountListResponse = Type.Object({
  links: Type.Object({ next: Type.Union([Type.String(), Type.Null()]), prev: Type.Union([Type.String(), Type.Null()]) }),
  items: Type.Array(ServiceAccountItem),
  total: Type.Integer(),
});
export type ServiceAccountListResponse = Static<typeof ServiceAccountListResponse>;

export const CreateServiceAccountBody = Type.Object({
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  permissionRules: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
  groupIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 })),
});
export type CreateServiceAccountBody = Static<typeof CreateServiceAccountBody>;

export const UpdateServiceAccountBody = Type.Object({
  id: Id,
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  // Null first: the validator coerces types, and would turn null into "" against a string branch.
  description: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 1000 })], { description: 'null clears it.' })),
});
export type UpdateServiceAccountBody = Static<typeof UpdateServiceAccountBody>;

export const TokenLabelQuery = Type.Object({
  tokenLabel: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive substring of the token label.' })),
});

export const ServiceAccountTokenItem = Type.Object({
  id: Type.String(),
  label: Type.String(),
  status: Type.Union([Type.Literal('ALLOWED'), Type.Literal('BLOCKED')]),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastActiveAt: Type.Union([Type.String(), Type.Null()]),
  user: Type.Object({ id: Type.String(), orgId: Type.String(), name: Type.String(), email: Type.String() }),
  scopes: Type.Array(Type.String()),
});
export type ServiceAccountTokenItem = Static<typeof ServiceAccountTokenItem>;
export const ServiceAccountTokenList = Type.Array(ServiceAccountTokenItem);
export type ServiceAccountTokenList = Static<typeof ServiceAccountTokenList>;

const CountIds = Type.Array(Type.String({ maxLength: 256 }), { maxItems: MAX_COUNT_IDS });

/** T4: Atlassian's bare array, or the `{serviceAccountIds}` object one write-up shows (CONTRACT.md CONFLICT). */
export const CountBody = Type.Union([CountIds, Type.Object({ serviceAccountIds: CountIds })]);
export type CountBody = Static<typeof CountBody>;

export const CountResponse = Type.Object({
  validServiceAccountIds: Type.Array(Type.Object({ serviceAccountId: Type.String(), credentialsCount: Type.Integer() })),
  invalidServiceAccountIds: Type.Array(Type.String()),
});

/** O1's item (CONTRACT.md §5); Tokenward never has one, but the schema documents the shape. */
const OAuthClientItem = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  status: Type.String(),
});

export const OAuthClientListResponse = Type.Object({
  data: Type.Array(OAuthClientItem),
  links: Type.Object({
    self: Type.Union([Type.String(), Type.Null()]),
    next: Type.Union([Type.String(), Type.Null()]),
    prev: Type.Union([Type.String(), Type.Null()]),
  }),
});

export const NoContent = Type.Null({ description: 'No content.' });
