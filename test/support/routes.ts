/**
 * The admin operations a running app documents in its OpenAPI, so the security and fuzz suites
 * cover every route, including ones added later, without a list to keep in step.
 */
import type { App } from '../../src/app.js';

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form: `/admin/api-access/v1/orgs/{orgId}/api-tokens`. */
  path: string;
  hasOrgParam: boolean;
  queryNames: string[];
  hasBody: boolean;
}

export function adminOperations(app: App): Operation[] {
  const spec = app.http.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    if (!path.startsWith('/admin/') && !path.startsWith('/users/')) continue;
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        hasOrgParam: path.includes('{orgId}'),
        queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  return operations;
}

/** Fills path parameters: the org id given, anything else with `other`. */
export function concretePath(path: string, orgId: string, other = 'unknown_id'): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'orgId' ? orgId : other));
}

/** Routes any valid admin key of the org may call, with no particular scope. */
export function needsNoScope(operation: Operation): boolean {
  return operation.path.startsWith('/admin/v1/orgs');
}

/** O2 (create OAuth client) is admin-web-session only in the contract: every API key gets 403. */
export function refusesEveryApiKey(operation: Operation): boolean {
  return operation.method === 'POST' && operation.path.endsWith('/oauth-clients');
}
