import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

describe('tokenward CLI', () => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    env = { TOKENWARD_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => db.drop());

  it('migrates a fresh database, then finds it up to date', async () => {
    const first = runCli(['migrate'], env);
    expect((await first.exited).code).toBe(0);
    expect(first.stdout()).toContain('Applied 0001_initial');
    const again = runCli(['migrate'], env);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toContain('is up to date');
  });

  it('prints its version', async () => {
    const run = runCli(['version'], {});
    await run.exited;
    expect(run.stdout().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('issues a recovery admin key that the server accepts', async () => {
    const bootstrapped = await createApp({ config: testConfig(db, { logLevel: 'silent', orgName: 'acme' }) });
    await bootstrapped.close();

    const run = runCli(['admin-key', 'create', '--org', 'acme', '--scopes', 'read:tokens:admin', '--expires-in-days', '30'], env);
    expect((await run.exited).code).toBe(0);
    const key = run.stdout().match(/twa_\w{49}/)?.[0];
    expect(key).toBeDefined();
    expect(run.stdout()).toContain('Scopes: read:tokens:admin');

    const app = await createApp({ config: testConfig(db, { logLevel: 'silent' }) });
    try {
      const response = await app.http.inject({ url: '/admin/v1/orgs', headers: { authorization: `Bearer ${key}` } });
      expect(response.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('gives recovery keys 90 days unless told otherwise, and at most a year', async () => {
    const run = runCli(['admin-key', 'create', '--org', 'acme'], env);
    expect((await run.exited).code).toBe(0);
    const expires = new Date(/Expires: (\S+)/.exec(run.stdout())![1]!);
    expect(Math.round((expires.getTime() - Date.now()) / 86_400_000)).toBe(90);
    const tooLong = runCli(['admin-key', 'create', '--org', 'acme', '--expires-in-days', '400'], env);
    // Bad usage exits 2 (documented exit codes).
    expect((await tooLong.exited).code).toBe(2);
    expect(tooLong.stderr()).toContain('must be from 1 to 365 days');
  });

  it('says in one line that the port is taken, with no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = runCli(['serve'], { ...env, PORT: String(port) });
      expect((await run.exited).code).toBe(1);
      expect(run.stderr()).toBe(`tokenward: Port ${port} on 127.0.0.1 is already in use; set PORT (or the gateway's listen.port) to another port.\n`);
    } finally {
      blocker.close();
    }
  });

  it('says clearly when the org does not exist or a scope is unknown', async () => {
    const noOrg = runCli(['admin-key', 'create', '--org', 'nope'], env);
    expect((await noOrg.exited).code).toBe(1);
    expect(noOrg.stderr()).toBe('tokenward: ORG_NOT_FOUND: No organization has the id or name "nope".\n');
    const badScope = runCli(['admin-key', 'create', '--org', 'acme', '--scopes', 'root'], env);
    expect((await badScope.exited).code).toBe(1);
    expect(badScope.stderr()).toContain('Unknown admin scopes: root');
    const badDays = runCli(['admin-key', 'create', '--org', 'acme', '--expires-in-days', 'x'], env);
    expect((await badDays.exited).code).toBe(2);
    expect(badDays.stderr()).toContain('must be a positive whole number');
  });
});
