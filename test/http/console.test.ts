/**
 * Serving the web console: the build at `/`, client-side routes falling back to
 * index.html, immutable hashed assets, and the API prefixes keeping their JSON 404s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/http/errors.js';
import { consoleRoutes } from '../../src/http/routes/console.js';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function consoleApp(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandling(app);
  app.get('/admin/api-access/v1/orgs/:orgId/api-tokens', async () => ({ ok: true }));
  await app.register(consoleRoutes({ dir }));
  await app.ready();
  return app;
}

describe('console serving', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenward-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tokenward</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    app = await consoleApp(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at client-side routes, revalidated, with a strict CSP', async () => {
    for (const url of ['/', '/tokens', '/tokens/tok_123?status=active', '/people', '/setup?token=x', '/healthzz']) {
      const response = await app.inject({ url, headers: HTML });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.body, url).toContain('<div id="root">');
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });

  it('caches hashed assets as immutable and other files briefly', async () => {
    const asset = await app.inject({ url: '/assets/index-Ab12Cd34.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('keeps JSON 404s under the API prefixes, for missing files, for non-HTML clients and other methods', async () => {
    const cases: Array<{ method?: 'GET' | 'POST'; url: string; headers?: Record<string, string> }> = [
      { url: '/admin/nope', headers: HTML },
      { url: '/admin/api-access/v1/orgs/o/nope', headers: HTML },
      { url: '/api/v1/nope', headers: HTML },
      { url: '/scim/Nope', headers: HTML },
      { url: '/docs/nope', headers: HTML },
      { url: '/metrics/x', headers: HTML },
      { url: '/users/acc/manage/nope', headers: HTML },
      { url: '/assets/missing-123.js' },
      { url: '/tokens', headers: { accept: 'application/json' } },
      { url: '/tokens', headers: { accept: '*/*' } },
      { url: '/no/such/route' },
      { method: 'POST', url: '/tokens', headers: HTML },
    ];
    for (const { method = 'GET', url, headers } of cases) {
      const response = await app.inject({ method, url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ errors: [{ title: 'NOT_FOUND' }] });
    }
    expect((await app.inject({ url: '/admin/api-access/v1/orgs/o/api-tokens' })).json()).toEqual({ ok: true });
    // Never index.html under SCIM's prefix; SCIM's own 404 body comes from the SCIM plugin's `/*`
    // route (test/http/scim-security.test.ts checks it on the whole app).
    const scim = await app.inject({ url: '/scim/v2/Users/..', headers: HTML });
    expect(scim.statusCode).toBe(404);
    expect(scim.headers['content-type']).not.toContain('text/html');
  });

  it('never serves a file outside the build, nor a dotfile', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/.env', '/%2eenv', '/%ff.js', '/a%00.js']) {
      const response = await app.inject({ url, headers: HTML });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).not.toContain('SECRET=1');
      expect(response.body, url).not.toContain('"name": "tokenward"');
    }
  });

  it('says plainly when the console is not built', async () => {
    const bare = await consoleApp(join(dir, 'no-such-build'));
    try {
      const response = await bare.inject({ url: '/', headers: HTML });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
      expect((await bare.inject({ url: '/admin/nope', headers: HTML })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
