/**
 * Which headers the gateway passes on, both ways (docs/gateway.md). Pure.
 *
 * Hop-by-hop headers (RFC 9110 §7.6.1: Connection and the headers it names, Keep-Alive, TE,
 * Trailer, Transfer-Encoding, Upgrade, Proxy-*) belong to one connection and are dropped. The
 * client's Authorization (its Tokenward token) never reaches the upstream: the upstream's own
 * credential from the config replaces it. Method-override headers are dropped, because an upstream
 * honouring them would run another method than the one the route table judged.
 */
export type HeaderValue = string | string[] | undefined;
export type Headers = Record<string, HeaderValue>;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

/** Set by the gateway itself, or never passed on. */
const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'host',
  'authorization',
  // undici refuses Expect; Node's server has answered 100-continue to the client already.
  'expect',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'forwarded',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
]);

export interface ForwardContext {
  /** Lower-case name and value of the upstream's credential, or null. */
  credential: { header: string; value: string } | null;
  clientIp: string | undefined;
  /** True when proxies in front of the gateway are trusted: their X-Forwarded-* are kept and extended. */
  isBehindTrustedProxy: boolean;
}

/** The headers of the request sent upstream. */
export function upstreamRequestHeaders(incoming: Headers, context: ForwardContext): Record<string, string | string[]> {
  const dropped = namedByConnection(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || NOT_FORWARDED.has(name) || dropped?.has(name)) continue;
    if (context.credential && name === context.credential.header) continue;
    out[name] = value;
  }
  if (context.credential) out[context.credential.header] = context.credential.value;
  const priorChain = context.isBehindTrustedProxy ? joined(incoming['x-forwarded-for']) : undefined;
  const clientIp = context.clientIp ?? 'unknown';
  out['x-forwarded-for'] = priorChain ? `${priorChain}, ${clientIp}` : clientIp;
  const host = joined(context.isBehindTrustedProxy ? (incoming['x-forwarded-host'] ?? incoming.host) : incoming.host);
  if (host) out['x-forwarded-host'] = host;
  out['x-forwarded-proto'] = (context.isBehindTrustedProxy ? joined(incoming['x-forwarded-proto']) : undefined) ?? 'http';
  return out;
}

/** The upstream's response headers, as passed back to the client. */
export function clientResponseHeaders(upstream: Headers): Record<string, string | string[]> {
  const dropped = namedByConnection(upstream.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name) || dropped?.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function namedByConnection(connection: HeaderValue): Set<string> | undefined {
  const value = joined(connection);
  // The usual values name no other header: no set to build on every request.
  if (!value || value === 'keep-alive' || value === 'close') return undefined;
  return new Set(value.split(',').map((name) => name.trim().toLowerCase()));
}

function joined(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}
