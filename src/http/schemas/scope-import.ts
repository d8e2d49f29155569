/** `POST .../scopes/import-openapi`: the scopes of an upstream's OpenAPI document into the catalogue. */
import { Type, type Static } from 'typebox';
import { ScopeJson } from './policies.js';

export const ImportOpenApiScopesBody = Type.Object(
  {
    document: Type.Unknown({ description: "The upstream's OpenAPI 3 document, as JSON (the parsed object)." }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Only say what would be added; change nothing.' })),
  },
  { additionalProperties: false },
);
export type ImportOpenApiScopesBody = Static<typeof ImportOpenApiScopesBody>;

export const ImportOpenApiScopesResponse = Type.Object({
  added: Type.Array(ScopeJson, { description: 'Scopes added to the catalogue (with dryRun: that would be added).' }),
  existing: Type.Array(Type.String(), { description: 'Scopes the catalogue already held: left as they are.' }),
  refused: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }), { description: 'Scope names the catalogue cannot hold.' }),
  operations: Type.Integer({ description: "The document's operations that name scopes." }),
});
