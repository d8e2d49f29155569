/**
 * The gateway's configuration file (docs/gateway.md), validated from the parsed YAML.
 * Pure: the environment is passed in as a plain map, because secrets (the upstream's credential,
 * the verifier key) are named in the file by environment variable, never written in it.
 *
 * Every failure is one `GatewayConfigError` whose message names the field (`routes[2].path`), what
 * it must be and what it was: the CLI prints it as one line and exits 1.
 */
import { parseCredentialMap, parseDelegatedSection, type CredentialMap, type DelegatedUpstreamConfig } from './gateway-caller-credentials.js';
import { compileRouteTable, GATEWAY_METHODS, type CompiledRouteTable, type GatewayRouteSpec } from './gateway-routes.js';

export class GatewayConfigError extends Error {
  override name = 'GatewayConfigError';
}

/** `standalone`: its own process, verifying through a server's HTTP API; `in-process`: inside `tokenward serve`. */
export type GatewayMode = 'standalone' | 'in-process';

export interface GatewayTimeouts {
  /** Opening a connection to the upstream; past it, 504. */
  connectMs: number;
  /** From the request sent to the upstream's response headers; past it, 504. */
  headersMs: number;
  /** Longest silence between two chunks of the upstream's response body; past it, the response is cut. */
  bodyMs: number;
}

export interface GatewayConfig {
  listen: { host: string; port: number };
  upstream: {
    /** Origin plus an optional base path (no trailing slash): the request path is appended to it. */
    origin: string;
    basePath: string;
    /** `shared`: one credential for all; `mapped`: per service account or group (`credentialMap`); `delegated`: each member's own OAuth grant. */
    callAs: 'shared' | 'mapped' | 'delegated';
    /** Shared mode: the upstream's own credential, injected into every forwarded request; null when it needs none. */
    credential: { header: string; value: string } | null;
    /** Mapped mode: the credential per service account or group; null in shared mode. */
    credentialMap: CredentialMap | null;
    /** Delegated mode: the OAuth client members connect through, and the header the member's token goes in. */
    delegated: (DelegatedUpstreamConfig & { header: string; prefix: string }) | null;
    timeouts: GatewayTimeouts;
  };
  tokenward: {
    /** Standalone mode: the server's base URL and the verifier key (from the environment). */
    url: string | null;
    verifierKey: string | null;
    /** In-process mode without a verifier key: the organization whose tokens are accepted. */
    orgId: string | null;
  };
  /** How many proxies in front of the gateway append to X-Forwarded-For (0: the socket's address is the client). */
  trustedProxyHops: number;
  /** Match paths ignoring case (for upstreams that do, so `/REST/...` cannot dodge a route). */
  caseInsensitivePaths: boolean;
  routes: CompiledRouteTable;
}

export const DEFAULT_TIMEOUTS: GatewayTimeouts = { connectMs: 5_000, headersMs: 30_000, bodyMs: 30_000 };

type Env = Readonly<Record<string, string | undefined>>;
type Fields = Record<string, unknown>;

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Headers the gateway itself owns: a credential may not be injected through them. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'keep-alive', 'te', 'trailer', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']);

/**
 * Validates a parsed gateway file. `source` names it in messages (e.g. the file path).
 *
 * @example parseGatewayConfig(YAML.parse(text), process.env, 'standalone', 'gateway.yaml')
 */
export function parseGatewayConfig(raw: unknown, env: Env, mode: GatewayMode, source = 'gateway config'): GatewayConfig {
  const fail = (field: string, message: string): never => {
    throw new GatewayConfigError(`${source}: ${field} ${message}`);
  };
  const root = objectAt(raw, '(top level)', fail);
  rejectUnknown(root, '', ['listen', 'upstream', 'tokenward', 'clientIp', 'paths', 'routes'], fail);

  const listen = objectAt(root.listen ?? {}, 'listen', fail);
  rejectUnknown(listen, 'listen.', ['host', 'port'], fail);
  const host = optionalString(listen.host, 'listen.host', fail) ?? '127.0.0.1';
  const port = integerIn(listen.port, 'listen.port', 0, 65535, fail) ?? 8081;

  const upstream = objectAt(root.upstream, 'upstream', fail);
  rejectUnknown(upstream, 'upstream.', ['url', 'callAs', 'credential', 'credentialMap', 'delegated', 'timeouts'], fail);
  const { origin, basePath } = upstreamUrl(upstream.url, fail);
  const callAs = upstream.callAs ?? 'shared';
  if (callAs !== 'shared' && callAs !== 'mapped' && callAs !== 'delegated') return fail('upstream.callAs', `must be shared, mapped or delegated, got ${show(upstream.callAs)}`);
  if (upstream.delegated !== undefined && callAs !== 'delegated') fail('upstream.delegated', 'is only read when upstream.callAs is delegated');
  let credential: GatewayConfig['upstream']['credential'] = null;
  let credentialMap: CredentialMap | null = null;
  let delegated: GatewayConfig['upstream']['delegated'] = null;
  if (callAs === 'delegated') {
    if (mode === 'standalone') fail('upstream.callAs', 'delegated needs the gateway inside tokenward serve (TOKENWARD_GATEWAY_CONFIG), which holds the members\' connections');
    if (upstream.credentialMap !== undefined) fail('upstream.credentialMap', 'is only read when upstream.callAs is mapped');
    const { header, prefix, section } = upstream.credential === undefined ? { header: 'authorization', prefix: 'Bearer ', section: {} as Fields } : credentialHeaderOf(upstream.credential, fail);
    if ('valueEnv' in section) fail('upstream.credential.valueEnv', 'is not allowed when upstream.callAs is delegated: each call carries the member\'s own access token');
    delegated = { ...parseDelegatedSection(upstream.delegated, (name, field) => envValue(name, field, env, fail), fail), header, prefix };
  } else if (callAs === 'mapped') {
    if (upstream.credential === undefined) fail('upstream.credential', 'must name the header (and an optional prefix) the mapped credentials go in, when upstream.callAs is mapped');
    const { header, prefix, section } = credentialHeaderOf(upstream.credential, fail);
    if ('valueEnv' in section) fail('upstream.credential.valueEnv', 'is not allowed when upstream.callAs is mapped: a shared credential would let unmapped callers through as the bot; map them in upstream.credentialMap');
    credentialMap = parseCredentialMap(upstream.credentialMap, header, prefix, (name, field) => envValue(name, field, env, fail), fail);
  } else {
    if (upstream.credentialMap !== undefined) fail('upstream.credentialMap', 'is only read when upstream.callAs is mapped');
    credential = upstream.credential === undefined ? null : credentialOf(upstream.credential, env, fail);
  }
  const timeouts = timeoutsOf(upstream.timeouts, fail);

  const tokenward = tokenwardOf(root.tokenward, env, mode, fail);
  const clientIp = objectAt(root.clientIp ?? {}, 'clientIp', fail);
  rejectUnknown(clientIp, 'clientIp.', ['trustedProxyHops'], fail);
  const trustedProxyHops = integerIn(clientIp.trustedProxyHops, 'clientIp.trustedProxyHops', 0, 10, fail) ?? 0;
  const paths = objectAt(root.paths ?? {}, 'paths', fail);
  rejectUnknown(paths, 'paths.', ['caseInsensitive'], fail);
  if (paths.caseInsensitive !== undefined && typeof paths.caseInsensitive !== 'boolean') fail('paths.caseInsensitive', `must be true or false, got ${show(paths.caseInsensitive)}`);
  const caseInsensitivePaths = paths.caseInsensitive === true;

  if (!Array.isArray(root.routes) || root.routes.length === 0) fail('routes', `must be a non-empty list of routes, got ${show(root.routes)}`);
  const specs = (root.routes as unknown[]).map((entry, index) => routeSpecOf(entry, `routes[${index}]`, fail));
  const routes = compileRouteTable(specs, { caseInsensitive: caseInsensitivePaths }, (index, message) => fail(`routes[${index}].path`, message));
  return { listen: { host, port }, upstream: { origin, basePath, callAs, credential, credentialMap, delegated, timeouts }, tokenward, trustedProxyHops, caseInsensitivePaths, routes };
}

function upstreamUrl(value: unknown, fail: (field: string, message: string) => never): { origin: string; basePath: string } {
  if (typeof value !== 'string') return fail('upstream.url', `must be an http(s) URL, got ${show(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('upstream.url', `must be an http(s) URL, got ${show(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('upstream.url', `must be an http(s) URL, got ${show(value)}`);
  if (url.username || url.password) fail('upstream.url', 'must not hold a user or password: put the credential in upstream.credential');
  if (url.search || url.hash) fail('upstream.url', `must not have a query or fragment, got ${show(value)}`);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function credentialOf(value: unknown, env: Env, fail: (field: string, message: string) => never): { header: string; value: string } {
  const { header, prefix, section } = credentialHeaderOf(value, fail);
  const secret = envValue(section.valueEnv, 'upstream.credential.valueEnv', env, fail);
  const headerValue = `${prefix}${secret}`;
  // A header value with a line break would let the secret's holder inject headers upstream.
  if (/[\r\n\0]/.test(headerValue)) fail('upstream.credential.valueEnv', 'names a variable whose value holds a line break');
  return { header, value: headerValue };
}

/** The credential section's header (lower-cased) and prefix, checked. */
function credentialHeaderOf(value: unknown, fail: (field: string, message: string) => never): { header: string; prefix: string; section: Fields } {
  const credential = objectAt(value, 'upstream.credential', fail);
  if ('value' in credential) fail('upstream.credential.value', 'is not allowed: name an environment variable in valueEnv, so the secret is not in the file');
  rejectUnknown(credential, 'upstream.credential.', ['header', 'valueEnv', 'prefix'], fail);
  const header = typeof credential.header === 'string' ? credential.header : fail('upstream.credential.header', `must be a header name, got ${show(credential.header)}`);
  if (!HEADER_NAME.test(header)) fail('upstream.credential.header', `must be a header name, got ${show(header)}`);
  if (RESERVED_HEADERS.has(header.toLowerCase())) fail('upstream.credential.header', `names a header the gateway sets itself: ${header}`);
  // Not trimmed: the usual prefix, "Bearer ", ends with the space that separates it from the secret.
  if (credential.prefix !== undefined && (typeof credential.prefix !== 'string' || credential.prefix.trim() === '')) fail('upstream.credential.prefix', `must be a non-empty string, got ${show(credential.prefix)}`);
  const prefix = (credential.prefix as string | undefined) ?? '';
  if (/[\r\n\0]/.test(prefix)) fail('upstream.credential.prefix', 'must not hold a line break');
  return { header: header.toLowerCase(), prefix, section: credential };
}

function timeoutsOf(value: unknown, fail: (field: string, message: string) => never): GatewayTimeouts {
  if (value === undefined) return { ...DEFAULT_TIMEOUTS };
  const timeouts = objectAt(value, 'upstream.timeouts', fail);
  rejectUnknown(timeouts, 'upstream.timeouts.', ['connectMs', 'headersMs', 'bodyMs'], fail);
  return {
    connectMs: integerIn(timeouts.connectMs, 'upstream.timeouts.connectMs', 1, 600_000, fail) ?? DEFAULT_TIMEOUTS.connectMs,
    headersMs: integerIn(timeouts.headersMs, 'upstream.timeouts.headersMs', 1, 3_600_000, fail) ?? DEFAULT_TIMEOUTS.headersMs,
    bodyMs: integerIn(timeouts.bodyMs, 'upstream.timeouts.bodyMs', 1, 3_600_000, fail) ?? DEFAULT_TIMEOUTS.bodyMs,
  };
}

function tokenwardOf(value: unknown, env: Env, mode: GatewayMode, fail: (field: string, message: string) => never): GatewayConfig['tokenward'] {
  const section = objectAt(value ?? {}, 'tokenward', fail);
  rejectUnknown(section, 'tokenward.', ['url', 'verifierKeyEnv', 'orgId'], fail);
  const orgId = optionalString(section.orgId, 'tokenward.orgId', fail) ?? null;
  if (mode === 'standalone') {
    if (section.url === undefined) fail('tokenward.url', 'is required when the gateway runs as its own process (the Tokenward server it verifies with)');
    const url = section.url === undefined ? null : serverUrl(section.url, fail);
    if (section.verifierKeyEnv === undefined) fail('tokenward.verifierKeyEnv', 'is required when the gateway runs as its own process (an environment variable holding a verifier key)');
    return { url, verifierKey: envValue(section.verifierKeyEnv, 'tokenward.verifierKeyEnv', env, fail), orgId };
  }
  // In-process: no HTTP hop. A verifier key (authenticated in process) or the org id says whose tokens count.
  const verifierKey = section.verifierKeyEnv === undefined ? null : envValue(section.verifierKeyEnv, 'tokenward.verifierKeyEnv', env, fail);
  if (verifierKey === null && orgId === null) fail('tokenward', 'must name verifierKeyEnv or orgId when the gateway runs inside tokenward serve (whose tokens it accepts)');
  return { url: null, verifierKey, orgId };
}

function serverUrl(value: unknown, fail: (field: string, message: string) => never): string {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail('tokenward.url', `must be an http(s) URL, got ${show(value)}`);
  return url.href.replace(/\/+$/, '');
}

function routeSpecOf(value: unknown, field: string, fail: (field: string, message: string) => never): GatewayRouteSpec {
  const route = objectAt(value, field, fail);
  // `summary` documents the route (the import from OpenAPI writes the operation's summary there).
  rejectUnknown(route, `${field}.`, ['method', 'methods', 'path', 'scopes', 'summary'], fail);
  if (route.summary !== undefined && typeof route.summary !== 'string') fail(`${field}.summary`, `must be text, got ${show(route.summary)}`);
  if (route.method !== undefined && route.methods !== undefined) fail(field, 'must have method or methods, not both');
  const rawMethods = route.methods ?? route.method ?? '*';
  const list = Array.isArray(rawMethods) ? rawMethods : [rawMethods];
  const methodField = route.methods !== undefined ? `${field}.methods` : `${field}.method`;
  if (list.length === 0) fail(methodField, 'must name at least one method');
  const methods = list.map((method) => {
    const upper = typeof method === 'string' ? method.toUpperCase() : '';
    if (upper !== '*' && !(GATEWAY_METHODS as readonly string[]).includes(upper)) fail(methodField, `must be one of ${GATEWAY_METHODS.join(', ')} or *, got ${show(method)}`);
    return upper;
  });
  if (typeof route.path !== 'string') fail(`${field}.path`, `must be a path pattern such as /rest/api/3/issue/:id, got ${show(route.path)}`);
  const scopes = route.scopes ?? [];
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string' || !/^\S{1,200}$/.test(scope))) {
    fail(`${field}.scopes`, `must be a list of scope names (an empty list: any valid token), got ${show(route.scopes)}`);
  }
  return { methods: methods.includes('*') ? '*' : methods, path: route.path as string, scopes: scopes as string[] };
}

function envValue(name: unknown, field: string, env: Env, fail: (field: string, message: string) => never): string {
  if (typeof name !== 'string' || !ENV_NAME.test(name)) return fail(field, `must be the name of an environment variable, got ${show(name)}`);
  const value = env[name];
  if (value === undefined || value.trim() === '') return fail(field, `names ${name}, which is not set in the environment`);
  return value.trim();
}

function objectAt(value: unknown, field: string, fail: (field: string, message: string) => never): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(field, `must be a mapping, got ${show(value)}`);
  return value as Fields;
}

function rejectUnknown(object: Fields, prefix: string, known: readonly string[], fail: (field: string, message: string) => never): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) fail(`${prefix}${key}`, `is not a known field (known: ${known.join(', ')})`);
  }
}

function optionalString(value: unknown, field: string, fail: (field: string, message: string) => never): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `must be a non-empty string, got ${show(value)}`);
  return value.trim();
}

function integerIn(value: unknown, field: string, min: number, max: number, fail: (field: string, message: string) => never): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return fail(field, `must be a whole number from ${min} to ${max}, got ${show(value)}`);
  return value;
}

/** A value for an error message: short, and never more than a glimpse of what was written. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
