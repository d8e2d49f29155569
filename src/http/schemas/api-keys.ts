import { Type, type Static } from 'typebox';

const UserRef = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() });

/**
 * K3 takes its fields as query parameters in Atlassian's docs (CONTRACT.md §5). Tokenward accepts
 * them there or in a JSON body (the body wins field by field), since scripts do both.
 */
export const CreateApiKeyFields = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  resource: Type.Optional(Type.String({ maxLength: 500 })),
  scopes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  targetResources: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })),
});
export type CreateApiKeyFields = Static<typeof CreateApiKeyFields>;

export const CreatedApiKeyResponse = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'The key itself: shown in this response only.' }),
  resource: Type.String(),
  label: Type.String(),
  createdBy: Type.Union([UserRef, Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
});
export type CreatedApiKeyResponse = Static<typeof CreatedApiKeyResponse>;
