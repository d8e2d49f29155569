/**
 * The gateway's route table (docs/gateway.md): method + path pattern -> required scopes.
 * Pure: compiled once from the config file, matched on every request.
 *
 * Patterns: literal segments, `:name` (one non-empty segment), `*` (one segment), and `**` as the
 * last segment (any number of segments, none included). The first route that matches wins, in the
 * file's order. A route for GET also covers HEAD.
 *
 * The path is judged as the upstream will read it: segments are percent-decoded before matching
 * (`/rest/%69ssue` is `/rest/issue`), and paths an upstream could read differently from us are
 * refused outright: dot segments, empty segments, encoded slashes or backslashes, and `;` (Tomcat,
 * which serves Jira and Confluence, drops `;params` from a segment, so `/issue;x/1` would dodge a
 * route written for `/issue/:id`).
 */

export const GATEWAY_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface GatewayRouteSpec {
  methods: readonly string[] | '*';
  path: string;
  scopes: readonly string[];
}

type Segment = { kind: 'literal'; value: string } | { kind: 'any' };

interface CompiledRoute {
  methods: ReadonlySet<string> | '*';
  segments: readonly Segment[];
  /** Ends with `**`: any number of further segments. */
  hasTail: boolean;
  pattern: string;
  scopes: readonly string[];
}

export interface CompiledRouteTable {
  readonly routes: readonly CompiledRoute[];
  readonly caseInsensitive: boolean;
}

export interface RouteMatch {
  /** The pattern as written in the config: what usage records as the route. */
  pattern: string;
  scopes: readonly string[];
}

const PARAM = /^:[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters a literal pattern segment may not hold: they would never match a checked path. */
const BAD_LITERAL = /[;%\\?#\s]/;

/**
 * Compiles the routes; `reject(index, message)` reports the first bad pattern (and must throw).
 *
 * @example compileRouteTable([{ methods: ['GET'], path: '/rest/api/3/issue/:id', scopes: ['read:jira-work'] }], { caseInsensitive: false }, fail)
 */
export function compileRouteTable(specs: readonly GatewayRouteSpec[], options: { caseInsensitive: boolean }, reject: (index: number, message: string) => never): CompiledRouteTable {
  const routes = specs.map((spec, index): CompiledRoute => {
    const bad = (message: string) => reject(index, `${message}, got ${JSON.stringify(spec.path)}`);
    if (!spec.path.startsWith('/')) bad('must start with /');
    const parts = splitPath(spec.path);
    const segments: Segment[] = [];
    let hasTail = false;
    parts.forEach((part, position) => {
      if (part === '') bad('must not hold an empty segment (//)');
      if (part === '**') {
        if (position !== parts.length - 1) bad('may hold ** only as its last segment');
        hasTail = true;
      } else if (part === '*' || PARAM.test(part)) {
        segments.push({ kind: 'any' });
      } else if (part.startsWith(':')) {
        bad(`has a bad parameter name "${part}"`);
      } else if (part === '.' || part === '..' || BAD_LITERAL.test(part) || part.includes('*')) {
        bad(`has a segment no request path can match: "${part}"`);
      } else {
        segments.push({ kind: 'literal', value: options.caseInsensitive ? part.toLowerCase() : part });
      }
    });
    const methods = spec.methods === '*' ? '*' : new Set(spec.methods.includes('GET') ? [...spec.methods, 'HEAD'] : spec.methods);
    return { methods, segments, hasTail, pattern: spec.path, scopes: Object.freeze([...spec.scopes]) };
  });
  return { routes, caseInsensitive: options.caseInsensitive };
}

/** Why a request path is refused before any matching; null when it is safe to judge. */
export type PathProblem = 'NOT_ABSOLUTE' | 'AMBIGUOUS';

/**
 * The decoded segments of a request path (the part before `?`), or the reason it is refused.
 * A single trailing slash is ignored (`/issue/1/` is `/issue/1`).
 */
export function checkRequestPath(rawPath: string): { segments: string[] } | { problem: PathProblem } {
  if (!rawPath.startsWith('/')) return { problem: 'NOT_ABSOLUTE' };
  const segments: string[] = [];
  for (const raw of splitPath(rawPath)) {
    if (raw === '' || raw.includes(';') || raw.includes('\\')) return { problem: 'AMBIGUOUS' };
    let decoded: string;
    try {
      decoded = raw.includes('%') ? decodeURIComponent(raw) : raw;
    } catch {
      return { problem: 'AMBIGUOUS' };
    }
    if (decoded === '.' || decoded === '..' || /[/\\;\0]/.test(decoded)) return { problem: 'AMBIGUOUS' };
    segments.push(decoded);
  }
  return { segments };
}

/** The first route matching the method and the (checked) path segments, or null. */
export function matchRoute(table: CompiledRouteTable, method: string, segments: readonly string[]): RouteMatch | null {
  const path = table.caseInsensitive ? segments.map((segment) => segment.toLowerCase()) : segments;
  for (const route of table.routes) {
    if (route.methods === '*' ? !(GATEWAY_METHODS as readonly string[]).includes(method) : !route.methods.has(method)) continue;
    if (route.hasTail ? path.length < route.segments.length : path.length !== route.segments.length) continue;
    let isMatch = true;
    for (let i = 0; i < route.segments.length; i += 1) {
      const segment = route.segments[i]!;
      if (segment.kind === 'literal' && segment.value !== path[i]) {
        isMatch = false;
        break;
      }
    }
    if (isMatch) return { pattern: route.pattern, scopes: route.scopes };
  }
  return null;
}

/** `/a/b/` -> ['a', 'b']; `/` -> []. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(1, -1) : path.slice(1);
  return trimmed === '' ? [] : trimmed.split('/');
}
