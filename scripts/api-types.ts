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

/** The admin and token-facing operations (the CLI uses no sign-in or member route). */
export function adminDocument(app: App): Record<string, unknown> {
  const spec = app.http.swagger() as { paths: Record<string, unknown> };
  const paths = Object.fromEntries(Object.entries(spec.paths).filter(([path]) => path.startsWith('/admin/')));
  return { ...spec, paths };
}

export async function renderApiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
