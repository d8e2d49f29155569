/**
 * The README's PostgreSQL start, run as a new admin runs it: `npm start` with the README's
 * DATABASE_URL, twice. The second start must serve what the first made (the pepper generated on
 * the first start is kept and reused), and SIGTERM to the process `npm start` made must stop the
 * server and free its port, as a supervisor or a container runtime expects.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { REPO_ROOT } from '../support/process.js';

/** `npm start` on a loaded 2-core machine takes seconds; each test starts it twice. */
const START_TIMEOUT_MS = 90_000;

/** The README's PostgreSQL command, e.g. `DATABASE_URL=postgres://...:5432/tokenward npm start`. */
function readmePostgresCommand(): { databaseUrl: URL; args: string[] } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const line = readme.split('\n').find((text) => /^DATABASE_URL=\S+ npm start$/.test(text.trim()));
  if (!line) throw new Error('README.md has no "DATABASE_URL=... npm start" line');
  const [assignment, ...command] = line.trim().split(/\s+/);
  expect(command).toEqual(['npm', 'start']);
  return { databaseUrl: new URL(assignment!.slice('DATABASE_URL='.length)), args: command.slice(1) };
}

interface Started {
  baseUrl: string;
  output(): string;
  stop(): Promise<{ code: number | null; elapsedMs: number }>;
}

async function npmStart(databaseUrl: string, dataDir: string): Promise<Started> {
  // Only what the README names, plus a free port and a throw-away data directory.
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, PORT: '0', TOKENWARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!/listening on (http:\/\/\S+) /.test(out)) {
    if (child.exitCode !== null || Date.now() - started > START_TIMEOUT_MS) throw new Error(`npm start did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const baseUrl = /listening on (http:\/\/\S+) /.exec(out)![1]!;
  return {
    baseUrl,
    output: () => out,
    stop: async () => {
      const at = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, elapsedMs: Date.now() - at };
    },
  };
}

function isPortFree(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('the README PostgreSQL start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => db?.drop());

  it('starts twice on the same database, serves the first start\'s tokens, and stops on SIGTERM within 10 s', async () => {
    const readme = readmePostgresCommand();
    // The README's database, renamed to this test's throw-away one on the same server.
    const url = new URL(readme.databaseUrl);
    url.pathname = new URL(db.databaseUrl!).pathname;

    const first = await npmStart(url.toString(), db.dataDir);
    const adminKey = /^\s+(twa_\S+)$/m.exec(first.output())?.[1];
    expect(adminKey, first.output()).toBeDefined();
    const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const orgs = (await (await fetch(`${first.baseUrl}/admin/v1/orgs`, { headers: auth })).json()) as { data: Array<{ id: string }> };
    const orgId = orgs.data[0]!.id;
    const account = await fetch(`${first.baseUrl}/admin/api-access/v1/orgs/${orgId}/service-accounts`, { method: 'POST', headers: auth, body: JSON.stringify({ displayName: 'deploy bot' }) });
    expect(account.status, await account.clone().text()).toBeLessThan(300);
    const { id: accountId } = (await account.json()) as { id: string };
    const issued = await fetch(`${first.baseUrl}/admin/tokenward/v1/orgs/${orgId}/tokens`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ owner: { type: 'service-account', id: accountId }, label: 'deploys', scopes: ['read:jira-work'] }),
    });
    expect(issued.status, await issued.clone().text()).toBe(201);
    const { token } = (await issued.json()) as { token: string };

    const firstStop = await first.stop();
    expect(firstStop.elapsedMs).toBeLessThan(10_000);
    expect(await isPortFree(first.baseUrl)).toBe(true);

    const second = await npmStart(url.toString(), db.dataDir);
    try {
      expect(second.output()).not.toContain('First start');
      const verified = await fetch(`${second.baseUrl}/api/v1/verify`, { method: 'POST', headers: auth, body: JSON.stringify({ token }) });
      expect(verified.status).toBe(200);
      expect(await verified.json()).toMatchObject({ code: 'VALID', owner: { id: accountId } });
    } finally {
      const secondStop = await second.stop();
      expect(secondStop.elapsedMs).toBeLessThan(10_000);
      expect(await isPortFree(second.baseUrl)).toBe(true);
    }
  }, 240_000);
});
