/** The gateway's pure rules: route table, path checks, credentials, config validation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientIpOf, isBasicUserOfOwner, parsePresentedCredentials, statusOfRefusal } from '../../src/domain/gateway-credentials.js';
import { GatewayConfigError, parseGatewayConfig } from '../../src/domain/gateway-config.js';
import { clientResponseHeaders, upstreamRequestHeaders } from '../../src/domain/gateway-headers.js';
import { checkRequestPath, compileRouteTable, matchRoute, type GatewayRouteSpec } from '../../src/domain/gateway-routes.js';

const reject = (index: number, message: string): never => {
  throw new Error(`routes[${index}]: ${message}`);
};
const table = (specs: GatewayRouteSpec[], caseInsensitive = false) => compileRouteTable(specs, { caseInsensitive }, reject);
const match = (t: ReturnType<typeof table>, method: string, path: string) => {
  const checked = checkRequestPath(path);
  if ('problem' in checked) return checked.problem;
  return matchRoute(t, method, checked.segments)?.pattern ?? null;
};

describe('gateway route table', () => {
  const routes = table([
    { methods: ['DELETE'], path: '/rest/api/3/issue/:id', scopes: ['delete:jira-work'] },
    { methods: ['GET'], path: '/rest/api/3/issue/:id', scopes: ['read:jira-work'] },
    { methods: ['GET'], path: '/rest/api/3/search/*', scopes: ['read:jira-work'] },
    { methods: '*', path: '/wiki/**', scopes: ['read:confluence'] },
  ]);

  it('matches params, one-segment wildcards and tails, first match first', () => {
    expect(match(routes, 'GET', '/rest/api/3/issue/ABC-1')).toBe('/rest/api/3/issue/:id');
    expect(match(routes, 'DELETE', '/rest/api/3/issue/ABC-1')).toBe('/rest/api/3/issue/:id');
    expect(matchRoute(routes, 'DELETE', ['rest', 'api', '3', 'issue', 'A'])?.scopes).toEqual(['delete:jira-work']);
    expect(match(routes, 'HEAD', '/rest/api/3/issue/ABC-1')).toBe('/rest/api/3/issue/:id'); // GET covers HEAD
    expect(match(routes, 'GET', '/rest/api/3/issue/ABC-1/')).toBe('/rest/api/3/issue/:id');
    expect(match(routes, 'GET', '/rest/api/3/issue')).toBeNull();
    expect(match(routes, 'GET', '/rest/api/3/issue/A/comments')).toBeNull();
    expect(match(routes, 'GET', '/rest/api/3/search/x')).toBe('/rest/api/3/search/*');
    expect(match(routes, 'GET', '/rest/api/3/search/x/y')).toBeNull();
    expect(match(routes, 'POST', '/wiki')).toBe('/wiki/**');
    expect(match(routes, 'PUT', '/wiki/a/b/c')).toBe('/wiki/**');
    expect(match(routes, 'TRACE', '/wiki/a')).toBeNull(); // * means the usual methods only
    expect(match(routes, 'PUT', '/rest/api/3/issue/ABC-1')).toBeNull();
  });

  it('judges the path as the upstream reads it: decoded, and refusing ambiguous forms', () => {
    expect(match(routes, 'DELETE', '/rest/api/3/%69ssue/ABC-1')).toBe('/rest/api/3/issue/:id');
    for (const path of ['/rest/api/3/issue;x=1/A', '/wiki/../rest/api/3/issue/A', '/wiki/%2e%2e/admin', '/wiki/a%2Fb', '/wiki/a%5cb', '/wiki//a', '/wiki/a\\b', '/wiki/%zz', '/wiki/.']) {
      expect(match(routes, 'GET', path), path).toBe('AMBIGUOUS');
    }
    expect(match(routes, 'GET', 'http://evil/wiki')).toBe('NOT_ABSOLUTE');
    expect(match(routes, 'GET', '*')).toBe('NOT_ABSOLUTE');
  });

  it('matches ignoring case only when asked', () => {
    expect(match(routes, 'GET', '/REST/api/3/issue/A')).toBeNull();
    const insensitive = table([{ methods: ['GET'], path: '/Rest/api', scopes: [] }], true);
    expect(match(insensitive, 'GET', '/REST/API')).toBe('/Rest/api');
  });

  it('refuses patterns no request can match, naming the route', () => {
    for (const path of ['rest', '/a//b', '/a/**/b', '/a/:1x', '/a;b', '/a/%41', '/a/../b', '/a/b*']) {
      expect(() => table([{ methods: '*', path, scopes: [] }]), path).toThrow(/routes\[0\]/);
    }
  });

  it('never throws on any path', () => {
    fc.assert(fc.property(fc.string(), (path) => void checkRequestPath(path)));
    fc.assert(
      fc.property(fc.array(fc.string()), (segments) => {
        const result = checkRequestPath(`/${segments.map(encodeURIComponent).join('/')}`);
        if ('segments' in result) expect(result.segments.every((s) => !s.includes('/') && s !== '..')).toBe(true);
      }),
    );
  });
});

describe('gateway credentials', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('reads Bearer and Basic email:token', () => {
    expect(parsePresentedCredentials('Bearer twu_abc')).toEqual({ kind: 'bearer', token: 'twu_abc' });
    expect(parsePresentedCredentials('bearer   twu_abc ')).toEqual({ kind: 'bearer', token: 'twu_abc' });
    expect(parsePresentedCredentials(basic('Ada@Acme.test:twu_abc'))).toEqual({ kind: 'basic', username: 'Ada@Acme.test', token: 'twu_abc' });
    expect(parsePresentedCredentials(basic('ada@acme.test:tw:u'))).toEqual({ kind: 'basic', username: 'ada@acme.test', token: 'tw:u' });
    expect(parsePresentedCredentials(undefined)).toEqual({ kind: 'none' });
    expect(parsePresentedCredentials('  ')).toEqual({ kind: 'none' });
    for (const bad of ['Bearer', 'Token abc', basic(':twu_abc'), basic('ada@acme.test:'), basic('no-colon'), 'Basic !!!', 'Bearer a b']) {
      expect(parsePresentedCredentials(bad), bad).toEqual({ kind: 'malformed' });
    }
  });

  it('never throws on any header', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (header) => void parsePresentedCredentials(header)));
    fc.assert(fc.property(fc.string(), fc.string(), (user, pass) => void parsePresentedCredentials(basic(`${user}:${pass}`))));
  });

  it("matches the Basic user to the owner's e-mail ignoring case; no owner never matches", () => {
    expect(isBasicUserOfOwner('ADA@acme.test', { email: 'ada@ACME.test' })).toBe(true);
    expect(isBasicUserOfOwner('bob@acme.test', { email: 'ada@acme.test' })).toBe(false);
    expect(isBasicUserOfOwner('', { email: '' })).toBe(false);
    expect(isBasicUserOfOwner('ada@acme.test', null)).toBe(false);
  });

  it('answers identity refusals 401, permission refusals 403, an unreachable server 503', () => {
    expect(['MALFORMED', 'NOT_FOUND', 'REVOKED', 'EXPIRED', 'SUSPENDED'].map(statusOfRefusal)).toEqual([401, 401, 401, 401, 401]);
    expect(['INSUFFICIENT_SCOPE', 'IP_NOT_ALLOWED', 'USE_BLOCKED_BY_POLICY'].map(statusOfRefusal)).toEqual([403, 403, 403]);
    expect(statusOfRefusal('UNAVAILABLE')).toBe(503);
  });

  it('believes X-Forwarded-For only as far as the trusted proxies go', () => {
    expect(clientIpOf('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1');
    expect(clientIpOf('10.0.0.1', 'spoofed, 1.2.3.4', 1)).toBe('1.2.3.4');
    expect(clientIpOf('10.0.0.1', 'spoofed, 1.2.3.4, 10.0.0.2', 2)).toBe('1.2.3.4');
    expect(clientIpOf('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
  });
});

describe('gateway headers', () => {
  it('drops the token, hop-by-hop and method overrides; injects the credential; rebuilds X-Forwarded-*', () => {
    const out = upstreamRequestHeaders(
      { authorization: 'Bearer twu_x', connection: 'close, x-secret', 'x-secret': '1', te: 'trailers', host: 'gw:8081', 'x-api-key': 'client', 'x-forwarded-for': 'spoofed', 'x-http-method-override': 'DELETE', accept: 'application/json' },
      { credential: { header: 'x-api-key', value: 'upstream-secret' }, clientIp: '198.51.100.7', isBehindTrustedProxy: false },
    );
    expect(out).toEqual({ accept: 'application/json', 'x-api-key': 'upstream-secret', 'x-forwarded-for': '198.51.100.7', 'x-forwarded-host': 'gw:8081', 'x-forwarded-proto': 'http' });
    const behind = upstreamRequestHeaders({ 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https', host: 'gw' }, { credential: null, clientIp: '10.0.0.2', isBehindTrustedProxy: true });
    expect(behind).toMatchObject({ 'x-forwarded-for': '1.2.3.4, 10.0.0.2', 'x-forwarded-proto': 'https' });
  });

  it('passes response headers back, hop-by-hop excepted', () => {
    expect(clientResponseHeaders({ 'set-cookie': ['a=1', 'b=2'], connection: 'x-hop', 'x-hop': '1', 'transfer-encoding': 'chunked', etag: '"1"' })).toEqual({ 'set-cookie': ['a=1', 'b=2'], etag: '"1"' });
  });
});

describe('gateway config', () => {
  const env = { UPSTREAM_AUTH: 'Bearer up', TW_KEY: 'twa_key' };
  const valid = {
    listen: { port: 8081 },
    upstream: { url: 'https://jira.example.com/base/', credential: { header: 'Authorization', valueEnv: 'UPSTREAM_AUTH' } },
    tokenward: { url: 'http://tokenward:8080/', verifierKeyEnv: 'TW_KEY' },
    routes: [{ method: 'get', path: '/rest/api/3/issue/:id', scopes: ['read:jira-work'] }],
  };
  const errorOf = (raw: unknown, mode: 'standalone' | 'in-process' = 'standalone', environment: Record<string, string> = env) => {
    try {
      parseGatewayConfig(raw, environment, mode, 'gw.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a GatewayConfigError');
  };

  it('reads a valid file, with defaults and secrets from the environment', () => {
    const config = parseGatewayConfig(valid, env, 'standalone', 'gw.yaml');
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8081 });
    expect(config.upstream).toMatchObject({ origin: 'https://jira.example.com', basePath: '/base', credential: { header: 'authorization', value: 'Bearer up' }, timeouts: { connectMs: 5000, headersMs: 30000, bodyMs: 30000 } });
    expect(config.tokenward).toEqual({ url: 'http://tokenward:8080', verifierKey: 'twa_key', orgId: null });
    expect(config.routes.routes).toHaveLength(1);
  });

  it('names the bad field in one line', () => {
    expect(errorOf({ ...valid, extra: 1 })).toBe('gw.yaml: extra is not a known field (known: listen, upstream, tokenward, clientIp, paths, routes)');
    expect(errorOf({ ...valid, listen: { port: 70000 } })).toBe('gw.yaml: listen.port must be a whole number from 0 to 65535, got 70000');
    expect(errorOf({ ...valid, upstream: { url: 'ftp://x' } })).toMatch(/^gw\.yaml: upstream\.url must be an http\(s\) URL/);
    expect(errorOf({ ...valid, upstream: { url: 'https://u:p@x' } })).toMatch(/upstream\.url must not hold a user or password/);
    expect(errorOf({ ...valid, upstream: { ...valid.upstream, credential: { header: 'Authorization', value: 'secret!' } } })).toMatch(/upstream\.credential\.value is not allowed/);
    expect(errorOf({ ...valid, upstream: { ...valid.upstream, credential: { header: 'Host', valueEnv: 'UPSTREAM_AUTH' } } })).toMatch(/upstream\.credential\.header names a header the gateway sets itself/);
    expect(errorOf(valid, 'standalone', { UPSTREAM_AUTH: 'x' })).toBe('gw.yaml: tokenward.verifierKeyEnv names TW_KEY, which is not set in the environment');
    expect(errorOf({ ...valid, tokenward: {} })).toMatch(/tokenward\.url is required/);
    expect(errorOf({ ...valid, routes: [] })).toMatch(/routes must be a non-empty list/);
    expect(errorOf({ ...valid, routes: [{ method: 'FETCH', path: '/x' }] })).toMatch(/^gw\.yaml: routes\[0\]\.method must be one of GET/);
    expect(errorOf({ ...valid, routes: [valid.routes[0], { path: '/x', scopes: 'read' }] })).toMatch(/^gw\.yaml: routes\[1\]\.scopes must be a list/);
    expect(errorOf({ ...valid, routes: [{ path: '/a/**/b' }] })).toMatch(/^gw\.yaml: routes\[0\]\.path may hold \*\* only as its last segment/);
    expect(errorOf({ ...valid, upstream: { ...valid.upstream, timeouts: { headersMs: 0 } } })).toMatch(/upstream\.timeouts\.headersMs must be a whole number/);
    expect(errorOf('just text')).toMatch(/\(top level\) must be a mapping/);
    expect(errorOf(null)).toMatch(/\(top level\) must be a mapping/);
  });

  it('in process: a verifier key or an org id, no server URL needed', () => {
    const inProcess = { ...valid, tokenward: { orgId: 'b5f6e0f2-0000-4000-8000-000000000000' } };
    expect(parseGatewayConfig(inProcess, env, 'in-process').tokenward).toEqual({ url: null, verifierKey: null, orgId: 'b5f6e0f2-0000-4000-8000-000000000000' });
    expect(errorOf({ ...valid, tokenward: {} }, 'in-process')).toMatch(/tokenward must name verifierKeyEnv or orgId/);
  });

  it('never crashes on garbage: a GatewayConfigError or a config', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        try {
          parseGatewayConfig(raw, env, 'standalone');
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayConfigError);
        }
      }),
    );
  });
});

describe('examples/gateway.yaml', () => {
  it('is a valid standalone file', async () => {
    const { loadGatewayConfigFile } = await import('../../src/gateway/config-file.js');
    const config = loadGatewayConfigFile('examples/gateway.yaml', { JIRA_UPSTREAM_AUTH: 'Basic eA==', TOKENWARD_VERIFIER_KEY: 'twa_x' }, 'standalone');
    expect(config.upstream.origin).toBe('https://acme.atlassian.net');
    expect(config.routes.routes.length).toBeGreaterThan(3);
  });
});
