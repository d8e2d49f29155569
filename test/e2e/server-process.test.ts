/**
 * The acceptance points of the first start, through the real CLI in a child process: first start prints
 * the key and a curl line that works; SIGKILL loses nothing acknowledged; no secret in the
 * database or the logs; a bad env value is one line and exit 1; SIGTERM shuts down cleanly.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

const exec = promisify(execFile);
const SECRET_PATTERN = /tw[usa]_[0-9A-Za-z]{49}/g;

async function post(url: string, key: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

describe.each(DIALECTS)('the server process on %s', (dialect) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  const secrets: string[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'info' };
  });
  afterAll(async () => db.drop());

  it('prints the key and a curl line that works; survives SIGKILL with everything acknowledged', async () => {
    const first = runCli(['serve'], env);
    const [curlLine] = await first.waitFor(/curl -H "Authorization: Bearer (twa_\w+)" (http:\/\/127\.0\.0\.1:\d+)\/admin\/v1\/orgs/);
    const [, adminKey, baseUrl] = curlLine.match(/Bearer (twa_\w+)" (\S+)\/admin/)!;
    const orgId = first.stdout().match(/\(id ([0-9a-f-]{36})\)/)![1]!;
    secrets.push(adminKey!);

    // The printed line, run as a user would paste it.
    const { stdout } = await exec('bash', ['-c', `${curlLine} -s -w '\\n%{http_code}'`]);
    const [body, status] = stdout.trim().split('\n');
    expect(status).toBe('200');
    expect(JSON.parse(body!)).toMatchObject({ data: [{ id: orgId, type: 'orgs', attributes: { name: 'default' } }] });

    // Acknowledged writes, then an unclean death right after the last acknowledgement.
    for (let i = 0; i < 20; i += 1) {
      const created = await post(`${baseUrl}/admin/api-access/v1/orgs/${orgId}/api-keys?label=k${i}`, adminKey!);
      expect(created.status).toBe(200);
      secrets.push(created.body.token);
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    logs.push(first.stdout(), first.stderr());

    const second = runCli(['serve'], env);
    await second.waitFor(/API docs: (http:\/\/\S+)\/docs/);
    const secondBase = second.stdout().match(/listening on (http:\/\/\S+) /)![1]!;
    expect(second.stdout()).toContain(`id ${orgId}`);
    expect(second.stdout()).not.toMatch(SECRET_PATTERN); // the key is printed on the first start only
    for (const key of secrets) {
      const response = await fetch(`${secondBase}/admin/v1/orgs/${orgId}`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
    }
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    logs.push(second.stdout(), second.stderr());
  });

  it('keeps no secret in the database files or the log lines', async () => {
    expect(secrets.length).toBe(21);
    const logLines = logs.join('\n').split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(line).not.toMatch(SECRET_PATTERN);
    // The banner shows the bootstrap key exactly twice (the key line and the curl line), and only then.
    expect(logs.join('\n').match(SECRET_PATTERN)).toEqual([secrets[0], secrets[0]]);

    if (dialect === 'sqlite') {
      const files = readdirSync(db.dataDir).filter((name) => name.startsWith('tokenward.db'));
      expect(files.length).toBeGreaterThan(0);
      const bytes = files.map((name) => readFileSync(join(db.dataDir, name)).toString('latin1')).join('');
      for (const secret of secrets) expect(bytes).not.toContain(secret.slice(4, 30));
    } else {
      const { stdout } = await exec('pg_dump', ['--data-only', db.databaseUrl!]);
      expect(stdout).toContain('admin_key');
      for (const secret of secrets) expect(stdout).not.toContain(secret.slice(4, 30));
    }
    const pepperMode = statSync(join(db.dataDir, 'pepper')).mode & 0o777;
    expect(pepperMode).toBe(0o600);
  });
});

describe('configuration errors', () => {
  it('prints one clear line and exits 1 on a bad PORT', async () => {
    const run = runCli(['serve'], { PORT: 'abc' });
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toBe('tokenward: PORT must be an integer from 0 to 65535, got "abc".\n');
    expect(run.stdout()).toBe('');
  });

  it('uses TOKENWARD_BOOTSTRAP_ADMIN_KEY as the bootstrap key', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const generated = runCli(['admin-key', 'generate'], {});
      await generated.exited;
      const key = generated.stdout().trim();
      expect(key).toMatch(/^twa_\w{49}$/);
      const server = runCli(['serve'], { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, TOKENWARD_BOOTSTRAP_ADMIN_KEY: key });
      const [, baseUrl] = await server.waitFor(/API docs: (http:\/\/\S+)\/docs/);
      expect(server.stdout()).toContain(key);
      expect((await fetch(`${baseUrl}/admin/v1/orgs`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
