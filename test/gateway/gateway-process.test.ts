/**
 * The gateway as real processes: `tokenward gateway --config` in front of an upstream,
 * verifying with a server; a bad file is one line and exit 1; `tokenward serve` with
 * TOKENWARD_GATEWAY_CONFIG runs it in process. SIGTERM reports the pending usage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateToken } from '../../src/domain/token-format.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/databases.js';
import { gatewayFile, startUpstream, until, UPSTREAM_SECRET, type TestUpstream } from '../support/gateway.js';
import { scopedKey } from '../support/http.js';
import { runCli } from '../support/process.js';
import { seedToken, seedUser } from '../support/seed.js';

describe('the gateway process', () => {
  let dir: string;
  let upstream: TestUpstream;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenward-gateway-'));
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['an unknown field', 'listen:\n  prot: 8081\n', /^tokenward: \S+bad-1\.yaml: listen\.prot is not a known field/],
    ['a bad route path', stringify({ ...gatewayFile('http://127.0.0.1:1'), upstream: { url: 'http://127.0.0.1:1' }, tokenward: { url: 'http://127.0.0.1:2', verifierKeyEnv: 'TW_KEY' }, routes: [{ method: 'GET', path: 'rest/x', scopes: [] }] }), /routes\[0\]\.path must start with \//],
    ['an unset environment variable', stringify({ ...gatewayFile('http://127.0.0.1:1'), tokenward: { url: 'http://127.0.0.1:2', verifierKeyEnv: 'TW_KEY' } }), /upstream\.credential\.valueEnv names UPSTREAM_AUTH, which is not set/],
    ['YAML that does not parse', 'routes: [unclosed\n', /not valid YAML/],
  ])('refuses a file with %s: one line, exit 1', async (_name, content, message) => {
    const path = file('bad-1.yaml', content);
    const cli = runCli(['gateway', '--config', path], { TW_KEY: 'twa_whatever' });
    const { code } = await cli.exited;
    expect(code).toBe(1);
    const lines = cli.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });

  it('runs standalone against a server, and reports its usage on SIGTERM', async () => {
    const t: TestApp = await startTestApp('sqlite', { verification: { usage: { flushIntervalMs: 100 } } });
    try {
      const serverUrl = await t.app.listen();
      const verifierKey = await scopedKey(t, ['verify:tokens']);
      const user = await seedUser(t.app, t.orgId);
      const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
      const path = file('gateway.yaml', stringify({ ...gatewayFile(upstream.url), tokenward: { url: serverUrl, verifierKeyEnv: 'TW_VERIFIER_KEY' } }));
      const cli = runCli(['gateway', '--config', path], { TW_VERIFIER_KEY: verifierKey, UPSTREAM_AUTH: UPSTREAM_SECRET, LOG_LEVEL: 'warn' });
      const [, gatewayUrl] = await cli.waitFor(/listening on (http:\/\/\S+),/);
      for (let i = 0; i < 3; i += 1) {
        expect((await fetch(`${gatewayUrl}/rest/api/3/issue/P-${i}`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
      }
      expect(upstream.seen.at(-1)!.headers.authorization).toBe(UPSTREAM_SECRET);
      expect((await fetch(`${gatewayUrl}/rest/api/3/issue/P-1`, { method: 'PUT', headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);

      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
      await t.app.core.services.usageRecorder.flush();
      const url = `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${token.id}/usage/events`;
      const { data } = (await t.app.http.inject({ method: 'GET', url, headers: bearer(t.adminKey) })).json() as { data: Array<{ code: string; count: number; upstreamStatus: number | null }> };
      const valid = data.filter((e) => e.code === 'VALID');
      expect(valid.reduce((sum, e) => sum + e.count, 0)).toBe(3);
      expect(valid.every((e) => e.upstreamStatus === 200)).toBe(true);
      expect(data).toContainEqual(expect.objectContaining({ code: 'INSUFFICIENT_SCOPE', upstreamStatus: null }));
    } finally {
      await t.close();
    }
  });

  it('runs in process with tokenward serve (TOKENWARD_GATEWAY_CONFIG), verifying without an HTTP hop', async () => {
    const db = await createTestDatabase('sqlite');
    const bootstrapKey = generateToken('admin_key').secret;
    const path = file('in-process.yaml', stringify({ ...gatewayFile(upstream.url), tokenward: { verifierKeyEnv: 'TOKENWARD_BOOTSTRAP_ADMIN_KEY' } }));
    const serve = runCli(['serve'], { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, TOKENWARD_BOOTSTRAP_ADMIN_KEY: bootstrapKey, TOKENWARD_GATEWAY_CONFIG: path, TOKENWARD_AUTOMATION: 'off', UPSTREAM_AUTH: UPSTREAM_SECRET, LOG_LEVEL: 'warn' });
    try {
      const [, gatewayUrl] = await serve.waitFor(/Gateway \(\S+\) is listening on (http:\/\/\S+),/);
      const serverUrl = serve.stdout().match(/listening on (http:\/\/\S+) /)![1]!;
      const orgId = serve.stdout().match(/\(id ([0-9a-f-]{36})\)/)![1]!;
      // An admin key is a token too (owner-less, so Bearer only); /status/:code needs no scope.
      const created = await fetch(`${serverUrl}/admin/api-access/v1/orgs/${orgId}/api-keys`, {
        method: 'POST',
        headers: { ...bearer(bootstrapKey), 'content-type': 'application/json' },
        body: JSON.stringify({ label: 'through the gateway', scopes: ['verify:tokens'] }),
      });
      const key = (await created.json()) as { id: string; token: string };
      expect((await fetch(`${gatewayUrl}/status/ok`, { headers: bearer(key.token) })).status).toBe(200);
      const revoked = await fetch(`${serverUrl}/admin/api-access/v1/orgs/${orgId}/api-keys/revoke/${key.id}`, { method: 'PATCH', headers: bearer(bootstrapKey) });
      expect(revoked.status).toBe(204);
      const tookMs = await until(async () => (await fetch(`${gatewayUrl}/status/ok`, { headers: bearer(key.token) })).status === 401, 1000);
      expect(tookMs).toBeLessThan(1000);
      serve.child.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
      await db.drop();
    }
  });

  it('stops tokenward serve at start when TOKENWARD_GATEWAY_CONFIG is bad', async () => {
    const db = await createTestDatabase('sqlite');
    const path = file('bad-in-process.yaml', stringify({ ...gatewayFile(upstream.url), tokenward: {} }));
    const serve = runCli(['serve'], { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, TOKENWARD_GATEWAY_CONFIG: path, UPSTREAM_AUTH: 'x' });
    try {
      expect((await serve.exited).code).toBe(1);
      expect(serve.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^tokenward: \S+bad-in-process\.yaml: tokenward must name verifierKeyEnv or orgId/)]);
    } finally {
      await db.drop();
    }
  });
});
