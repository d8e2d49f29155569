/**
 * The CLI's typed client comes from the admin API's own OpenAPI document: this renders the
 * TypeScript types of that document (openapi-typescript). `npm run generate:api-types` writes them
 * to src/cli/api-types.ts; a test renders them again from the served document and compares, so the
 * CLI cannot drift from the server.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { App } from '../src/app.js';

export const API_TYPES_FILE = 'src/cli/api-types.ts';

const HEADER = '/**\n * The admin API as the server documents it, for the CLI\'s client. Generated: do not edit;\n * run `npm run generate:api-types` after changing a route.\n */\n';

/**
 * The routes the CLI calls. A command that calls another route adds it here and regenerates; a
 * route here that the server no longer serves fails the generation (and the drift test).
 */
export const CLI_PATHS = [
  '/admin/v1/orgs',
  '/admin/api-access/v1/orgs/{orgId}/service-accounts',
  '/admin/tokenward/v1/orgs/{orgId}/connectors',
  '/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}',
  '/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}',
  '/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/rotations/{rotationId}/resolve',
  '/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/sync',
  '/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/tokens/{tokenId}/rotate',
  '/admin/tokenward/v1/orgs/{orgId}/groups',
  '/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}',
  '/admin/tokenward/v1/orgs/{orgId}/policy-set',
  '/admin/tokenward/v1/orgs/{orgId}/policy-set/plan',
  '/admin/tokenward/v1/orgs/{orgId}/token-requests',
  '/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/approve',
  '/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/deny',
  '/admin/tokenward/v1/orgs/{orgId}/tokens',
  '/admin/tokenward/v1/orgs/{orgId}/tokens/export.csv',
  '/admin/tokenward/v1/orgs/{orgId}/tokens/revoke',
  '/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}',
  '/admin/tokenward/v1/orgs/{orgId}/users',
  '/admin/tokenward/v1/orgs/{orgId}/users/{userId}',
] as const;

/** The served OpenAPI document cut to the routes the CLI calls. */
export function adminDocument(app: App): Record<string, unknown> {
  const spec = app.http.swagger() as { paths: Record<string, unknown> };
  const missing = CLI_PATHS.filter((path) => !(path in spec.paths));
  if (missing.length > 0) throw new Error(`The server no longer serves: ${missing.join(', ')}`);
  return { ...spec, paths: Object.fromEntries(CLI_PATHS.map((path) => [path, spec.paths[path]])) };
}

export async function renderApiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
