/**
 * `tokenward gateway import-openapi` as a real process: the Jira platform document becomes a
 * gateway file the gateway loads as it is, and that gateway lets a read-only token read an issue
 * but not create one (upstream never called). Re-running on a changed document prints the diff
 * and keeps the admin's other sections.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { GatewayConfig } from '../../src/domain/gateway-config.js';
import { loadGatewayConfigFile } from '../../src/gateway/config-file.js';
import { startInProcessGateway } from '../../src/gateway/in-process.js';
import type { GatewayServer } from '../../src/gateway/proxy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { startUpstream, UPSTREAM_SECRET, type TestUpstream } from '../support/gateway.js';
import { scopedKey } from '../support/http.js';
import { runCli } from '../support/process.js';
import { seedToken, seedUser } from '../support/seed.js';
import { hasJiraPlatform, JIRA_PLATFORM_ABSENT, JIRA_PLATFORM_PATH, REPORTS_API_PATH } from '../support/upstream-documents.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dir: string;
let upstream: TestUpstream;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokenward-import-'));
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = runCli(['gateway', 'import-openapi', ...args], {});
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

it('re-imports a changed document into the previous file: prints the diff, keeps the other sections', async () => {
  const first = await runImport([REPORTS_API_PATH, '--upstream', upstream.url]);
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/^Imported 5 routes needing 3 scopes from Reports API 2\.1\./);
  expect(first.stderr).toContain('  DELETE /reports/{reportId}: names no scopes');
  expect(first.stdout).toContain('scopes: [read:reports]');
  const output = join(dir, 'reports.yaml');
  const edited: Record<string, unknown> = { ...(parse(first.stdout) as Record<string, unknown>), listen: { host: '127.0.0.1', port: 9999 } };
  (edited.routes as Array<{ scopes: string[] }>)[0]!.scopes = ['write:reports'];
  writeFileSync(output, `# kept comment\n${stringify(edited)}`);

  const second = await runImport([REPORTS_API_PATH, '-o', output, '--default-scopes', 'manage:reports']);
  expect(second.code).toBe(0);
  expect(second.stdout).toBe('');
  expect(second.stderr).toContain(`Compared with ${output}: 2 added, 0 removed, 1 changed.`);
  expect(second.stderr).toContain('  + DELETE /reports/:reportId [manage:reports]');
  expect(second.stderr).toContain('  ~ GET /reports [write:reports] -> [read:reports]');
  const written = readFileSync(output, 'utf8');
  expect(written).toMatch(/^# kept comment/);
  expect(parse(written)).toMatchObject({ listen: { port: 9999 }, upstream: { url: upstream.url } });

}, 60_000);

describe.skipIf(!hasJiraPlatform)(`the gateway on the route table imported from Jira's document${hasJiraPlatform ? '' : ` (${JIRA_PLATFORM_ABSENT})`}`, () => {
  let path: string;

  beforeAll(async () => {
    path = join(dir, 'jira.yaml');
    const result = await runImport([JIRA_PLATFORM_PATH, '--upstream', upstream.url, '-o', path, '--verifier-key-env', 'GW_VERIFIER_KEY']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Imported 433 routes needing 6 scopes/);
  }, 60_000);

  describe.each(DIALECTS)('%s', (dialect) => {
    let t: TestApp;
    let gateway: GatewayServer;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const env = { UPSTREAM_AUTH: UPSTREAM_SECRET, GW_VERIFIER_KEY: await scopedKey(t, ['verify:tokens']) };
      const config: GatewayConfig = loadGatewayConfigFile(path, env, 'in-process');
      expect(config.routes.routes).toHaveLength(433);
      gateway = await startInProcessGateway({ ...config, listen: { host: '127.0.0.1', port: 0 } }, { verification: t.app.core.services.verification, nowMs: () => Date.now(), log: quietLog });
    });
    afterAll(async () => {
      await gateway?.close();
      await t?.close();
    });

    it('lets a read:jira-work token read an issue and refuses it creating one, without calling Jira', async () => {
      const user = await seedUser(t.app, t.orgId);
      const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
      const auth = { authorization: `Bearer ${secret}` };
      const read = await fetch(`${gateway.url()}/rest/api/3/issue/ABC-1`, { headers: auth });
      expect(read.status).toBe(200);
      expect(upstream.seen.at(-1)).toMatchObject({ method: 'GET', url: '/rest/api/3/issue/ABC-1' });
      expect(upstream.seen.at(-1)!.headers.authorization).toBe(UPSTREAM_SECRET);

      const before = upstream.seen.length;
      const create = await fetch(`${gateway.url()}/rest/api/3/issue`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"fields":{}}' });
      expect(create.status).toBe(403);
      expect(await create.json()).toMatchObject({ error: 'INSUFFICIENT_SCOPE' });
      const bulk = await fetch(`${gateway.url()}/rest/api/3/issue/bulk`, { method: 'POST', headers: auth, body: '{}' });
      expect(bulk.status).toBe(403);
      const leftOut = await fetch(`${gateway.url()}/rest/api/3/serverInfo`, { headers: auth });
      expect(leftOut.status).toBe(404);
      expect(upstream.seen.length).toBe(before);
    });
  });
});
