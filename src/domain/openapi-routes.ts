/**
 * A gateway route table from an upstream's OpenAPI 3 document (docs/gateway.md, "Route tables
 * from OpenAPI"). Pure: the CLI reads the files and writes the result.
 *
 * Each operation becomes one route: its method, its path template (`{id}` written `:id`) and the
 * scopes it needs, taken from Atlassian's `x-atlassian-oauth2-scopes` (the entry whose state is
 * `Current`: the classic scopes) or else from the OAuth2 scopes of the operation's `security`
 * (or the document's). An operation with no scope information is not guessed at: it is listed and
 * left out (so the gateway refuses it) unless the admin names default scopes for such operations.
 *
 * Routes with literal segments come before routes with a parameter at the same place, because the
 * gateway's first match wins: `/issue/bulk` must not be judged by the route for `/issue/{key}`.
 */
import { GatewayConfigError } from './gateway-config.js';
import { GATEWAY_METHODS } from './gateway-routes.js';

export interface ImportedRoute {
  method: string;
  /** The gateway pattern: `/rest/api/3/issue/:issueIdOrKey`. */
  path: string;
  scopes: string[];
  summary: string | null;
  /** Where the scopes came from; `default` when the admin's default scopes were used. */
  scopeSource: 'x-atlassian-oauth2-scopes' | 'security' | 'default';
}

export interface LeftOutOperation {
  method: string;
  path: string;
  reason: string;
}

export interface OpenApiImport {
  title: string | null;
  version: string | null;
  /** The first absolute http(s) URL of the document's `servers`, if any. */
  serverUrl: string | null;
  routes: ImportedRoute[];
  /** Operations with no scope information (and no default named), or that the gateway cannot route. */
  leftOut: LeftOutOperation[];
  /** Every scope the routes need, with the OAuth2 scheme's description of it when the document has one. */
  scopes: Array<{ name: string; description: string | null; summaries: string[] }>;
}

export interface OpenApiImportOptions {
  /** Put before every operation path (e.g. `/wiki` for Confluence). Default: none. */
  basePath?: string;
  /** Scopes for operations that carry no scope information; without it they are left out. */
  defaultScopes?: readonly string[];
}

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type Fields = Record<string, unknown>;

/**
 * Translates a parsed OpenAPI 3 document into a gateway route table. `source` names the document
 * in error messages. Throws GatewayConfigError (one line) when the document is not OpenAPI 3.
 *
 * @example routesFromOpenApi(JSON.parse(text), { basePath: '' }, 'jira.json').routes[0] // { method: 'GET', path: '/rest/api/3/issue/:issueIdOrKey', scopes: ['read:jira-work'], ... }
 */
export function routesFromOpenApi(document: unknown, options: OpenApiImportOptions = {}, source = 'OpenAPI document'): OpenApiImport {
  const fail = (message: string): never => {
    throw new GatewayConfigError(`${source}: ${message}`);
  };
  if (!isObject(document)) return fail('is not an OpenAPI document (expected a JSON or YAML mapping)');
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    fail(typeof document.swagger === 'string' ? 'is a Swagger 2 document; convert it to OpenAPI 3 first' : 'is not an OpenAPI 3 document (no "openapi: 3.x" field)');
  }
  if (!isObject(document.paths)) fail('has no paths');
  const basePath = cleanBasePath(options.basePath ?? '', fail);
  const defaultScopes = options.defaultScopes ? [...options.defaultScopes] : null;
  const schemeScopes = oauthSchemeScopes(document);
  const documentSecurity = document.security;

  const routes: ImportedRoute[] = [];
  const leftOut: LeftOutOperation[] = [];
  const seen = new Set<string>();
  for (const [rawPath, item] of Object.entries(document.paths as Fields)) {
    if (!isObject(item)) continue;
    const path = gatewayPath(basePath + rawPath);
    for (const lower of OPENAPI_METHODS) {
      const operation = item[lower];
      if (!isObject(operation)) continue;
      const method = lower.toUpperCase();
      const label = { method, path: basePath + rawPath };
      if (!(GATEWAY_METHODS as readonly string[]).includes(method)) {
        leftOut.push({ ...label, reason: `the gateway does not proxy ${method}` });
        continue;
      }
      if (path === null) {
        leftOut.push({ ...label, reason: 'the path template has a segment the gateway cannot match (a parameter inside a segment, or a character the gateway refuses)' });
        continue;
      }
      const key = routeKey(method, path);
      if (seen.has(key)) {
        leftOut.push({ ...label, reason: 'the same method and path (up to parameter names) appear earlier in the document' });
        continue;
      }
      seen.add(key);
      const found = scopesOfOperation(operation, documentSecurity, schemeScopes);
      const summary = typeof operation.summary === 'string' && operation.summary.trim() !== '' ? operation.summary.trim() : null;
      if (found && found.scopes.some((scope) => !/^\S{1,200}$/.test(scope))) {
        // Dropping the odd scope would let the route through with less than the document asks.
        leftOut.push({ ...label, reason: 'names a scope the gateway cannot check (blank inside, or longer than 200 characters)' });
      } else if (found) {
        routes.push({ method, path, scopes: found.scopes, summary, scopeSource: found.source });
      } else if (defaultScopes) {
        routes.push({ method, path, scopes: defaultScopes, summary, scopeSource: 'default' });
      } else {
        leftOut.push({ ...label, reason: 'names no scopes' });
      }
    }
  }
  routes.sort(compareRoutes);
  const info = isObject(document.info) ? document.info : {};
  return {
    title: typeof info.title === 'string' ? info.title : null,
    version: typeof info.version === 'string' ? info.version : null,
    serverUrl: firstServerUrl(document.servers),
    routes,
    leftOut,
    scopes: scopesUsed(routes, schemeScopes),
  };
}

export interface RouteTableDiff {
  added: Array<{ method: string; path: string; scopes: string[] }>;
  removed: Array<{ method: string; path: string; scopes: string[] }>;
  changed: Array<{ method: string; path: string; before: string[]; after: string[] }>;
}

/** A route of a gateway file as written (`method` or `methods`, `path`, `scopes`), read loosely. */
export interface WrittenRoute {
  method?: unknown;
  methods?: unknown;
  path?: unknown;
  scopes?: unknown;
}

/**
 * What changes between a gateway file's routes and a new import, per method and path (parameter
 * names ignored: `/issue/:id` and `/issue/:key` are the same route). Scopes compared as sets.
 */
export function diffRouteTables(previous: readonly WrittenRoute[], next: readonly ImportedRoute[]): RouteTableDiff {
  const before = new Map<string, { method: string; path: string; scopes: string[] }>();
  for (const route of previous) {
    if (typeof route.path !== 'string') continue;
    const scopes = Array.isArray(route.scopes) ? route.scopes.filter((s): s is string => typeof s === 'string') : [];
    const rawMethods = route.methods ?? route.method ?? '*';
    const methods = (Array.isArray(rawMethods) ? rawMethods : [rawMethods]).map((m) => String(m).toUpperCase());
    for (const method of methods) before.set(routeKey(method, route.path), { method, path: route.path, scopes });
  }
  const diff: RouteTableDiff = { added: [], removed: [], changed: [] };
  const kept = new Set<string>();
  for (const route of next) {
    const key = routeKey(route.method, route.path);
    const old = before.get(key);
    kept.add(key);
    if (!old) diff.added.push({ method: route.method, path: route.path, scopes: route.scopes });
    else if (!sameSet(old.scopes, route.scopes)) diff.changed.push({ method: route.method, path: route.path, before: old.scopes, after: route.scopes });
  }
  for (const [key, old] of before) if (!kept.has(key)) diff.removed.push(old);
  return diff;
}

/** The scope catalogue's class for an imported scope name: by its verb, admin when unsure. */
export function scopeClassOfImported(name: string): 'read' | 'write' | 'delete' | 'admin' {
  const verb = name.split(':', 1)[0];
  if (verb === 'read' || verb === 'search') return 'read';
  if (verb === 'write') return 'write';
  if (verb === 'delete') return 'delete';
  // manage:, admin: and anything unknown: the class no read-only shortcut ever grants.
  return 'admin';
}

/** `x-atlassian-oauth2-scopes` (Current) first, then the operation's or document's OAuth2 security. */
function scopesOfOperation(operation: Fields, documentSecurity: unknown, schemeScopes: Map<string, Map<string, string>>): { scopes: string[]; source: ImportedRoute['scopeSource'] } | null {
  const atlassian = operation['x-atlassian-oauth2-scopes'];
  if (Array.isArray(atlassian)) {
    const current = atlassian.find((entry) => isObject(entry) && entry.state === 'Current');
    const scopes = isObject(current) ? stringList(current.scopes) : [];
    if (scopes.length > 0) return { scopes, source: 'x-atlassian-oauth2-scopes' };
  }
  // `security` lists alternatives; the gateway asks for the scopes of the first OAuth2 one that names any.
  const security = Array.isArray(operation.security) ? operation.security : documentSecurity;
  if (!Array.isArray(security)) return null;
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const [scheme, scopes] of Object.entries(requirement)) {
      if (!schemeScopes.has(scheme)) continue;
      const names = stringList(scopes);
      if (names.length > 0) return { scopes: names, source: 'security' };
    }
  }
  return null;
}

/** OAuth2 (and OpenID Connect) security schemes of the document, each with its scopes' descriptions. */
function oauthSchemeScopes(document: Fields): Map<string, Map<string, string>> {
  const schemes = new Map<string, Map<string, string>>();
  const components = isObject(document.components) ? document.components : {};
  const declared = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(declared)) {
    if (!isObject(scheme) || (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect')) continue;
    const descriptions = new Map<string, string>();
    const flows = isObject(scheme.flows) ? scheme.flows : {};
    for (const flow of Object.values(flows)) {
      if (!isObject(flow) || !isObject(flow.scopes)) continue;
      for (const [scope, text] of Object.entries(flow.scopes)) if (typeof text === 'string') descriptions.set(scope, text);
    }
    schemes.set(name, descriptions);
  }
  return schemes;
}

function scopesUsed(routes: readonly ImportedRoute[], schemeScopes: Map<string, Map<string, string>>): OpenApiImport['scopes'] {
  const byName = new Map<string, { name: string; description: string | null; summaries: string[] }>();
  for (const route of routes) {
    for (const scope of route.scopes) {
      let entry = byName.get(scope);
      if (!entry) {
        const description = [...schemeScopes.values()].map((m) => m.get(scope)).find((d) => d !== undefined) ?? null;
        entry = { name: scope, description, summaries: [] };
        byName.set(scope, entry);
      }
      entry.summaries.push(route.summary ?? `${route.method} ${route.path}`);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `/rest/api/3/issue/{issueIdOrKey}` -> `/rest/api/3/issue/:issueIdOrKey`; null if a segment cannot be a pattern. */
function gatewayPath(template: string): string | null {
  if (!template.startsWith('/')) return null;
  const segments = template.split('/').slice(1);
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  const out: string[] = [];
  for (const segment of segments) {
    const param = /^\{([^{}]+)\}$/.exec(segment);
    if (param) {
      const name = param[1]!.replace(/[^A-Za-z0-9_]/g, '_');
      out.push(`:${/^[A-Za-z_]/.test(name) ? name : `p${name}`}`);
    } else if (segment === '' || segment === '.' || segment === '..' || /[{}*:;%\\?#\s]/.test(segment)) {
      return null;
    } else {
      out.push(segment);
    }
  }
  return `/${out.join('/')}`;
}

function cleanBasePath(value: string, fail: (message: string) => never): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!trimmed.startsWith('/') || /[{}*:;%\\?#\s]|\/\//.test(trimmed)) fail(`the base path must look like /wiki, got ${JSON.stringify(value)}`);
  return trimmed;
}

/** Literal before parameter at the first segment where two paths differ; then by path and method, for a stable file. */
function compareRoutes(a: ImportedRoute, b: ImportedRoute): number {
  const as = a.path.split('/');
  const bs = b.path.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i += 1) {
    const isParamA = as[i]!.startsWith(':');
    const isParamB = bs[i]!.startsWith(':');
    if (isParamA !== isParamB) return isParamA ? 1 : -1;
    if (!isParamA && as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  if (as.length !== bs.length) return as.length - bs.length;
  return GATEWAY_METHODS.indexOf(a.method as (typeof GATEWAY_METHODS)[number]) - GATEWAY_METHODS.indexOf(b.method as (typeof GATEWAY_METHODS)[number]);
}

function routeKey(method: string, path: string): string {
  return `${method} ${path.replace(/\/:[^/]+/g, '/:')}`;
}

function firstServerUrl(servers: unknown): string | null {
  if (!Array.isArray(servers)) return null;
  for (const server of servers) {
    if (!isObject(server) || typeof server.url !== 'string' || server.url.includes('{')) continue;
    try {
      const url = new URL(server.url);
      if (url.protocol === 'http:' || url.protocol === 'https:') return server.url.replace(/\/+$/, '');
    } catch {
      // A relative server URL says nothing about where the upstream is.
    }
  }
  return null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()))] : [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface GatewayFileOptions {
  upstreamUrl: string;
  /** The environment variable that will hold the upstream's credential (Authorization header). */
  credentialEnv: string;
  tokenwardUrl: string;
  verifierKeyEnv: string;
}

/**
 * A complete gateway file (the YAML's shape) with the imported routes. Given the previous file,
 * everything but its routes is kept as the admin left it; otherwise sections are written from
 * `options`.
 */
export function gatewayFileFromImport(imported: OpenApiImport, options: GatewayFileOptions, previous: Fields | null): Fields {
  const routes = imported.routes.map((route) => ({
    method: route.method,
    path: route.path,
    scopes: route.scopes,
    ...(route.summary ? { summary: route.summary } : {}),
  }));
  if (previous) {
    const { routes: _replaced, ...kept } = previous;
    return { ...kept, routes };
  }
  return {
    listen: { host: '127.0.0.1', port: 8081 },
    upstream: { url: options.upstreamUrl, credential: { header: 'Authorization', valueEnv: options.credentialEnv } },
    tokenward: { url: options.tokenwardUrl, verifierKeyEnv: options.verifierKeyEnv },
    routes,
  };
}
