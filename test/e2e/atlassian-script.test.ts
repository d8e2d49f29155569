/**
 * Acceptance of a script written only from Atlassian's contract
 * (examples/atlassian-admin-script.sh: paginate by links.next, count, revoke a service account's
 * tokens, bulk revoke) runs unchanged against a fresh Tokenward over real HTTP.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { REPO_ROOT } from '../support/process.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const exec = promisify(execFile);

describe.each(DIALECTS)('an Atlassian admin script against Tokenward on %s', (dialect) => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    baseUrl = await t.app.listen();
    for (let i = 0; i < 3; i += 1) {
      const user = await seedUser(t.app, t.orgId, { name: `Member ${i}` });
      for (let j = 0; j <= i; j += 1) await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { label: `token ${i}.${j}` });
    }
    const bot = await seedServiceAccount(t.app, t.orgId);
    await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id });
    await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id });
  });
  afterAll(async () => t.close());

  it('runs unchanged and does what it says', async () => {
    const { stdout } = await exec('bash', [join(REPO_ROOT, 'examples/atlassian-admin-script.sh')], {
      env: { PATH: process.env.PATH, BASE: baseUrl, KEY: t.adminKey },
    });
    expect(stdout).toContain(`org: ${t.orgId}`);
    expect(stdout).toContain('listed: 6 counted: 6');
    expect(stdout).toMatch(/service account sa_\w+ tokens: 2 -> 0/);
    expect(stdout).toContain('after bulk revoke: 0');
  });
});
