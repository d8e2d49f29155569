/** The route table made from an OpenAPI document: scopes per operation, what is left out, order, diff. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayConfigError, parseGatewayConfig } from '../../src/domain/gateway-config.js';
import { checkRequestPath, matchRoute } from '../../src/domain/gateway-routes.js';
import { diffRouteTables, gatewayFileFromImport, routesFromOpenApi, scopeClassOfImported } from '../../src/domain/openapi-routes.js';
import { hasJiraPlatform, JIRA_PLATFORM_ABSENT, readJiraPlatform, readReportsApi } from '../support/upstream-documents.js';

const fileOptions = { upstreamUrl: 'https://jira.example.test', credentialEnv: 'UPSTREAM_AUTH', tokenwardUrl: 'http://127.0.0.1:8080', verifierKeyEnv: 'TW_KEY' };
const env = { UPSTREAM_AUTH: 'Basic x', TW_KEY: 'twa_x' };

describe('routes from an OpenAPI document (hand-written)', () => {
  const imported = routesFromOpenApi(readReportsApi(), {}, 'reports-api.yaml');

  it('takes each operation\'s scopes: x-atlassian-oauth2-scopes (Current), else its security, else the document\'s', () => {
    expect(imported.routes.map(({ method, path, scopes, scopeSource }) => ({ method, path, scopes, scopeSource }))).toEqual([
      { method: 'GET', path: '/reports', scopes: ['read:reports'], scopeSource: 'security' },
      { method: 'POST', path: '/reports', scopes: ['write:reports'], scopeSource: 'security' },
      { method: 'GET', path: '/reports/export', scopes: ['read:reports', 'export:reports'], scopeSource: 'x-atlassian-oauth2-scopes' },
      { method: 'GET', path: '/reports/:reportId', scopes: ['read:reports'], scopeSource: 'x-atlassian-oauth2-scopes' },
      { method: 'PUT', path: '/reports/:report_id/items', scopes: ['write:reports'], scopeSource: 'security' },
    ]);
    expect(imported).toMatchObject({ title: 'Reports API', version: '2.1', serverUrl: 'https://reports.example.test' });
  });

  it('lists what it leaves out, and why', () => {
    expect(imported.leftOut).toEqual([
      { method: 'DELETE', path: '/reports/{reportId}', reason: 'names no scopes' },
      { method: 'TRACE', path: '/reports/{report-id}/items', reason: 'the gateway does not proxy TRACE' },
      { method: 'GET', path: '/files/{name}.json', reason: expect.stringContaining('cannot match') },
      { method: 'GET', path: '/health', reason: 'names no scopes' },
    ]);
  });

  it('gives operations without scopes the default, when one is named, and puts a base path first', () => {
    const withDefault = routesFromOpenApi(readReportsApi(), { defaultScopes: ['admin:reports'], basePath: '/api/' });
    expect(withDefault.routes.find((r) => r.method === 'DELETE')).toMatchObject({ path: '/api/reports/:reportId', scopes: ['admin:reports'], scopeSource: 'default' });
    expect(withDefault.routes.find((r) => r.path === '/api/health')).toMatchObject({ scopes: ['admin:reports'] });
    expect(withDefault.leftOut.map((o) => o.method)).toEqual(['TRACE', 'GET']);
  });

  it('collects the scopes with the scheme\'s description and the operations\' summaries', () => {
    expect(imported.scopes).toEqual([
      { name: 'export:reports', description: null, summaries: ['Export every report'] },
      { name: 'read:reports', description: 'Read reports and their items.', summaries: ['List reports', 'Export every report', 'Get a report'] },
      { name: 'write:reports', description: 'Create and change reports.', summaries: ['Create a report', "Replace a report's items"] },
    ]);
    expect(['read:x', 'search:x', 'write:x', 'delete:x', 'manage:x', 'export:x'].map(scopeClassOfImported)).toEqual(['read', 'read', 'write', 'delete', 'admin', 'admin']);
  });

  it('writes a gateway file the gateway accepts, where a literal segment wins over a parameter', () => {
    const config = parseGatewayConfig(gatewayFileFromImport(imported, fileOptions, null), env, 'standalone');
    const judge = (method: string, path: string) => matchRoute(config.routes, method, (checkRequestPath(path) as { segments: string[] }).segments);
    expect(judge('GET', '/reports/export')?.scopes).toEqual(['read:reports', 'export:reports']);
    expect(judge('GET', '/reports/R-1')?.scopes).toEqual(['read:reports']);
    expect(judge('DELETE', '/reports/R-1')).toBeNull();
  });

  it('keeps the previous file\'s other sections and tells added, removed and changed routes', () => {
    const previous = { listen: { port: 9000 }, upstream: { url: 'https://kept.example.test' }, routes: [
      { method: 'GET', path: '/reports', scopes: ['read:reports'] },
      { methods: ['GET', 'DELETE'], path: '/reports/:id', scopes: ['write:reports'] },
      { method: 'GET', path: '/legacy', scopes: [] },
    ] };
    expect(gatewayFileFromImport(imported, fileOptions, previous)).toMatchObject({ listen: { port: 9000 }, upstream: { url: 'https://kept.example.test' }, routes: expect.any(Array) });
    const diff = diffRouteTables(previous.routes, imported.routes);
    expect(diff.changed).toEqual([{ method: 'GET', path: '/reports/:reportId', before: ['write:reports'], after: ['read:reports'] }]);
    expect(diff.removed.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /reports/:id', 'GET /legacy']);
    expect(diff.added.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /reports', 'GET /reports/export', 'PUT /reports/:report_id/items']);
    expect(diffRouteTables(gatewayFileFromImport(imported, fileOptions, null).routes as never, imported.routes)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('leaves out an operation naming a scope the gateway cannot check, rather than dropping that scope', () => {
    const doc = { openapi: '3.0.0', paths: { '/x': { get: { 'x-atlassian-oauth2-scopes': [{ state: 'Current', scopes: ['read:x', 'write x'] }] } } } };
    expect(routesFromOpenApi(doc)).toMatchObject({ routes: [], leftOut: [{ method: 'GET', path: '/x', reason: expect.stringContaining('cannot check') }] });
  });

  it('refuses what is not an OpenAPI 3 document, in one line', () => {
    expect(() => routesFromOpenApi({ swagger: '2.0', paths: {} }, {}, 'old.json')).toThrow(new GatewayConfigError('old.json: is a Swagger 2 document; convert it to OpenAPI 3 first'));
    expect(() => routesFromOpenApi([1, 2], {}, 'x.json')).toThrow(GatewayConfigError);
    expect(() => routesFromOpenApi({ openapi: '3.1.0' }, {}, 'x.json')).toThrow(/has no paths/);
    expect(() => routesFromOpenApi(readReportsApi(), { basePath: 'wiki' })).toThrow(/base path/);
  });
});

describe('routes from garbage', () => {
  it('any JSON gives a route table or one GatewayConfigError, never a crash', () => {
    const operation = fc.record({ summary: fc.jsonValue(), security: fc.jsonValue(), 'x-atlassian-oauth2-scopes': fc.jsonValue() }, { requiredKeys: [] });
    const document = fc.oneof(
      fc.jsonValue(),
      fc.record({ openapi: fc.constantFrom('3.0.0', '3.1.0', 3, '2'), paths: fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('get', 'post', 'trace', 'parameters'), fc.oneof(operation, fc.jsonValue())))), security: fc.jsonValue(), components: fc.jsonValue() }, { requiredKeys: ['openapi'] }),
    );
    fc.assert(
      fc.property(document, (doc) => {
        try {
          const imported = routesFromOpenApi(doc);
          // Whatever came in, the written file loads (or holds no route at all).
          if (imported.routes.length > 0) expect(parseGatewayConfig(gatewayFileFromImport(imported, fileOptions, null), env, 'standalone').routes.routes).toHaveLength(imported.routes.length);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(!hasJiraPlatform)(`routes from the Jira platform document${hasJiraPlatform ? '' : ` (${JIRA_PLATFORM_ABSENT})`}`, () => {
  it('holds every operation that names scopes, with the scopes Atlassian documents', () => {
    const imported = routesFromOpenApi(readJiraPlatform(), {}, 'jira-platform.openapi.json');
    expect(imported.routes.length + imported.leftOut.length).toBe(468);
    expect(imported.routes).toHaveLength(433);
    expect(imported.leftOut.every((op) => op.reason === 'names no scopes')).toBe(true);
    const find = (method: string, path: string) => imported.routes.find((r) => r.method === method && r.path === path);
    expect(find('GET', '/rest/api/3/issue/:issueIdOrKey')).toMatchObject({ scopes: ['read:jira-work'], summary: 'Get issue' });
    expect(find('POST', '/rest/api/3/issue')).toMatchObject({ scopes: ['write:jira-work'], summary: 'Create issue' });
    expect(find('DELETE', '/rest/api/3/issue/:issueIdOrKey')?.scopes).toEqual(['write:jira-work']);
    expect(find('GET', '/rest/api/3/myself')?.scopes).toEqual(['read:jira-user']);
    expect(find('POST', '/rest/api/3/project')?.scopes).toEqual(['manage:jira-configuration']);
    expect(imported.scopes.map((s) => s.name)).toEqual(['manage:jira-configuration', 'manage:jira-project', 'manage:jira-webhook', 'read:jira-user', 'read:jira-work', 'write:jira-work']);
    const config = parseGatewayConfig(gatewayFileFromImport(imported, fileOptions, null), env, 'standalone');
    expect(config.routes.routes).toHaveLength(433);
    const judge = (method: string, path: string) => matchRoute(config.routes, method, (checkRequestPath(path) as { segments: string[] }).segments)?.pattern;
    expect(judge('POST', '/rest/api/3/issue/bulk')).toBe('/rest/api/3/issue/bulk');
    expect(judge('GET', '/rest/api/3/issue/ABC-1')).toBe('/rest/api/3/issue/:issueIdOrKey');
  });
});
