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

  it('says clearly when the org does not exist or a scope is unknown', async () => {
    const noOrg = runCli(['admin-key', 'create', '--org', 'nope'], env);
    expect((await noOrg.exited).code).toBe(1);
    expect(noOrg.stderr()).toBe('tokenward: ORG_NOT_FOUND: No organization has the id or name "nope".\n');
    const badScope = runCli(['admin-key', 'create', '--org', 'acme', '--scopes', 'root'], env);
    expect((await badScope.exited).code).toBe(1);
    expect(badScope.stderr()).toContain('Unknown admin scopes: root');
    const badDays = runCli(['admin-key', 'create', '--org', 'acme', '--expires-in-days', 'x'], env);
    expect((await badDays.exited).code).toBe(1);
    expect(badDays.stderr()).toContain('must be a positive whole number');
  });
});
