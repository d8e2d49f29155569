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

type Spec = { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown; security?: unknown[] }>> };

export interface MemberOperation extends Operation {
  /** `security: []` in the OpenAPI: a route anyone may call (sign-in itself). */
  isPublic: boolean;
  /** `security: [{sessionCookie: []}]`: a signed-in person only (`requireSession`). */
  isSessionOnly: boolean;
}

function operationsWhere(app: App, keep: (path: string) => boolean): MemberOperation[] {
  const spec = app.http.swagger() as Spec;
  const operations: MemberOperation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    if (!keep(path)) continue;
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        hasOrgParam: path.includes('{orgId}'),
        queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: operation.requestBody !== undefined,
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        isSessionOnly: JSON.stringify(operation.security) === JSON.stringify([{ sessionCookie: [] }]),
      });
    }
  }
  return operations;
}

/** Where the instance administrator's routes live: above every org, walked by their own suite. */
export const INSTANCE_ROUTES_PREFIX = '/admin/tokenward/v1/instance/';

/** Every org admin route (the instance routes are not org routes: `instanceOperations`). */
export function adminOperations(app: App): Operation[] {
  return operationsWhere(app, (path) => (path.startsWith('/admin/') && !path.startsWith(INSTANCE_ROUTES_PREFIX)) || path.startsWith('/users/'));
}

/** The instance administrator's routes: only an instance key opens them. */
export function instanceOperations(app: App): Operation[] {
  return operationsWhere(app, (path) => path.startsWith(INSTANCE_ROUTES_PREFIX));
}

/**
 * Member-facing routes (`/api/v1/...`): public ones (sign-in, SSO) and session-only ones.
 * The verification routes (`/api/v1/verify...`) are service-facing: they take a verifier
 * key, never a session, and have their own tests.
 */
export function memberOperations(app: App): MemberOperation[] {
  return operationsWhere(app, (path) => path.startsWith('/api/v1/') && !path.startsWith('/api/v1/verify'));
}

/** Read operations that are POSTs (counts take id lists in the body): an auditor may call them. */
export function isReadOperation(operation: Operation): boolean {
  return operation.method === 'GET' || (operation.method === 'POST' && operation.path.endsWith('/count'));
}

/** Fills path parameters: the org id given, anything else with `other`. */
export function concretePath(path: string, orgId: string, other = 'unknown_id'): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'orgId' ? orgId : other));
}

/** Routes any valid admin key of the org may call, with no particular scope. */
export function needsNoScope(operation: Operation): boolean {
  // The org list, and the names of the org's people and tokens (any admin access reads them).
  return operation.path.startsWith('/admin/v1/orgs') || operation.path.endsWith('/names');
}

/** O2 (create OAuth client) is admin-web-session only in the contract: every API key gets 403. */
export function refusesEveryApiKey(operation: Operation): boolean {
  return operation.method === 'POST' && operation.path.endsWith('/oauth-clients');
}
