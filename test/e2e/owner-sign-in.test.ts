/**
 * Acceptance, through the real CLI in child processes: a fresh `serve` prints the owner's
 * one-time link; following it over HTTP sets a password and signs in; `tokenward owner-link` prints
 * a new link and kills older unused ones; and no password, session id or link secret ends up in
 * the database files or the log lines.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

const exec = promisify(execFile);
/** A response body as the tests read it: any JSON. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();
/** Starting tsx and the server takes seconds, and many more on a busy 2-core machine. */
const STARTUP_TIMEOUT_MS = 60_000;
const LINK = /(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([A-Za-z0-9_-]{43})/;

async function postJson(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tw_session='));
  return { status: response.status, body: (await response.json()) as any, session: cookie?.slice('tw_session='.length).split(';')[0] };
}

describe.each(DIALECTS)('owner first sign-in through the server process on %s', (dialect) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  const secrets: string[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'info', TOKENWARD_OWNER_EMAIL: 'founder@acme.test' };
  });
  afterAll(async () => db.drop());

  it('prints a link that sets the owner password; the owner then signs in and reaches the admin API', async () => {
    const server = runCli(['serve'], env);
    try {
      const [, baseUrl, token] = await server.waitFor(LINK, STARTUP_TIMEOUT_MS);
      expect(server.stdout()).toContain('valid 24 hours');
      const orgId = server.stdout().match(/\(id ([0-9a-f-]{36})\)/)![1]!;
      const password = 'founders keep long passwords';
      secrets.push(token!, password);

      const setup = await postJson(`${baseUrl}/api/v1/auth/owner-setup`, { token, password });
      expect(setup.status).toBe(200);
      expect(setup.body.user).toMatchObject({ email: 'founder@acme.test', role: 'owner', orgId });
      secrets.push(setup.session!);
      expect((await postJson(`${baseUrl}/api/v1/auth/owner-setup`, { token, password })).status).toBe(400);

      const login = await postJson(`${baseUrl}/api/v1/auth/login`, { email: 'founder@acme.test', password });
      expect(login.status).toBe(200);
      secrets.push(login.session!);
      const cookie = { cookie: `tw_session=${login.session}` };
      const me = await json(fetch(`${baseUrl}/api/v1/me`, { headers: cookie }));
      expect(me).toMatchObject({ email: 'founder@acme.test', role: 'owner' });
      const users = await fetch(`${baseUrl}/admin/tokenward/v1/orgs/${orgId}/users`, { headers: cookie });
      expect(users.status).toBe(200);
      const group = await postJson(`${baseUrl}/admin/tokenward/v1/orgs/${orgId}/groups`, { name: 'Founders' }, { ...cookie, 'x-csrf-token': login.body.csrfToken });
      expect(group.status).toBe(201);

      // Lost the link (or the password): the CLI prints a new one, and only the newest works.
      const links: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const cli = runCli(['owner-link'], { TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent', PORT: new URL(baseUrl!).port });
        expect((await cli.exited).code, cli.stderr()).toBe(0);
        expect(cli.stdout()).toContain('Older unused owner links no longer work.');
        links.push(cli.stdout().match(LINK)![2]!);
        output.push(cli.stdout(), cli.stderr());
      }
      secrets.push(...links, 'a brand new owner password');
      expect((await postJson(`${baseUrl}/api/v1/auth/owner-setup`, { token: links[0], password: 'a brand new owner password' })).body.errors[0].title).toBe('LINK_INVALID');
      const reset = await postJson(`${baseUrl}/api/v1/auth/owner-setup`, { token: links[1], password: 'a brand new owner password' });
      expect(reset.status).toBe(200);
      secrets.push(reset.session!);
      // Setting a password through a link ends the other sessions.
      expect((await fetch(`${baseUrl}/api/v1/me`, { headers: cookie })).status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      output.push(server.stdout(), server.stderr());
    }
  }, 4 * STARTUP_TIMEOUT_MS);

  it('keeps no password, session id or link secret in the database files or the log lines', async () => {
    expect(secrets.length).toBe(8);
    const logLines = output.join('\n').split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) for (const secret of secrets) expect(line).not.toContain(secret);

    let dump: string;
    if (dialect === 'sqlite') {
      dump = readdirSync(db.dataDir)
        .filter((name) => name.startsWith('tokenward.db'))
        .map((name) => readFileSync(join(db.dataDir, name)).toString('latin1'))
        .join('');
    } else {
      dump = (await exec('pg_dump', ['--data-only', db.databaseUrl!])).stdout;
    }
    expect(dump).toContain('$argon2id$');
    for (const secret of secrets) expect(dump).not.toContain(secret);
  });
});
