/**
 * The CLI against a running server on PostgreSQL, over HTTP with an admin key, as real processes:
 * policies as code (export, edit, plan with impact, apply, nothing left to plan; the same file on a
 * second fresh server gives the same policies), one-line errors with their exit codes, and
 * `tokens revoke --filter` over 10,000 tokens, dry run then for real in a pseudo-terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createApp, type App } from '../../src/app.js';
import { newId } from '../../src/domain/ids.js';
import { ALL_ADMIN_SCOPES } from '../../src/service/token-service.js';
import { createStores } from '../../src/store/stores.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { cliEntry, REPO_ROOT, runCli } from '../support/process.js';
import { seedToken, seedUser } from '../support/seed.js';

const TIMEOUT_MS = 240_000;
const DAY_MS = 86_400_000;

interface Server {
  app: App;
  db: TestDatabase;
  url: string;
  orgId: string;
  cliKey: string;
  cliKeyId: string;
  close(): Promise<void>;
}

/** A server on a fresh PostgreSQL database, listening on a free port, with an admin key for the CLI. */
async function startServer(): Promise<Server> {
  const db = await createTestDatabase('postgres');
  const app = await createApp({ config: testConfig(db, { logLevel: 'silent', rateLimitMax: 100_000 }) });
  if (!app.bootstrap.firstStart) throw new Error('expected a fresh server');
  const orgId = app.bootstrap.org.id;
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const issued = await app.core.services.tokens.issueAdminKey({
    orgId,
    label: 'cli',
    scopes: [...ALL_ADMIN_SCOPES],
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
    createdBy: null,
    audit: { actorType: 'system', actorId: 'test', ip: null },
  });
  // The same people and group on every server: the policy file names them, never by id.
  const ada = await seedUser(app, orgId, { email: 'ada@acme.test', name: 'Ada' });
  const stores = createStores(app.core.database.db);
  const groupId = newId('grp');
  await stores.groups.insert({ id: groupId, orgId, name: 'contractors', createdAt: new Date() });
  await stores.groups.addMembers(groupId, [ada.id], new Date());
  return {
    app,
    db,
    url: `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`,
    orgId,
    cliKey: issued.secret,
    cliKeyId: issued.token.id,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

describe('the CLI against a server over HTTP (PostgreSQL)', () => {
  let first: Server;
  let second: Server;
  let home: string;
  const envOf = (server: Server) => ({ TOKENWARD_URL: server.url, TOKENWARD_KEY: server.cliKey, HOME: home, TOKENWARD_CONFIG: join(home, 'config.json') });
  const cli = async (args: string[], env: Record<string, string>) => {
    const run = runCli(args, env);
    return { code: (await run.exited).code, stdout: run.stdout(), stderr: run.stderr() };
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tokenward-cli-home-'));
    [first, second] = await Promise.all([startServer(), startServer()]);
  }, TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    rmSync(home, { recursive: true, force: true });
  });

  it('exports, plans with impact, applies, has nothing left to plan, and reproduces the policies on a second server', async () => {
    const ada = (await createStores(first.app.core.database.db).users.findByEmail(first.orgId, 'ada@acme.test'))!;
    // A 300-day token that a 30-day policy for the contractors breaks.
    const long = await seedToken(first.app, first.orgId, { type: 'user', id: ada.id }, { label: 'long-lived', expiresAt: new Date(Date.now() + 300 * DAY_MS) });

    const exported = await cli(['policies', 'export'], envOf(first));
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=http:\/\/127\.0\.0\.1:\d+\/admin\/tokenward\/v1\/policy-file\.schema\.json\n/);
    const file = parse(exported.stdout) as { version: number; policies: Array<Record<string, unknown>> };
    expect(file.policies).toEqual([expect.objectContaining({ default: true })]);

    // The edit a reviewer would see in a pull request.
    file.policies.push({ name: 'Contractors', status: 'enabled', priority: 10, rule: { tokenCreation: 'approval', maxLifetimeDays: 30 }, assignees: { groups: ['contractors'] } });
    const path = join(home, 'policies.yaml');
    writeFileSync(path, stringify(file));

    const plan = await cli(['policies', 'plan', '-f', path], envOf(first));
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('+ add    Contractors\n           breaks 1 existing token\n');
    expect(plan.stdout).toContain(`${long.token.id}  long-lived  (LIFETIME_TOO_LONG)`);
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to remove; 1 unchanged.\n');

    const apply = await cli(['policies', 'apply', '-f', path, '--existing-tokens', 'clamp', '--yes'], envOf(first));
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Applied 1 change; existing tokens: 1 clamped, 0 revoked, 0 left as they were.\n');
    const clamped = await createStores(first.app.core.database.db).tokens.findById(first.orgId, long.token.id);
    expect(clamped!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);

    const again = await cli(['policies', 'plan', '-f', path], envOf(first));
    expect(again.stdout).toBe("No changes: the server's policies are those of the file (2 policies).\n");

    // Without a terminal and without --yes, apply refuses (usage, exit 2) after showing the plan.
    const refused = await cli(['policies', 'apply', '-f', path], envOf(second));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('tokenward: refusing to change policies without a terminal to confirm at; add --yes.\n');

    const onSecond = await cli(['policies', 'apply', '-f', path, '--yes'], envOf(second));
    expect(onSecond.code).toBe(0);
    const exports = await Promise.all([first, second].map(async (server) => parse((await cli(['policies', 'export'], envOf(server))).stdout) as unknown));
    expect(exports[1]).toEqual(exports[0]);
    expect((await cli(['policies', 'plan', '-f', path], envOf(second))).stdout).toMatch(/^No changes/);
  }, TIMEOUT_MS);

  it('refuses a bad file with its line and reason, and names each connection failure in one line', async () => {
    const path = join(home, 'bad.yaml');
    writeFileSync(path, ['version: 1', 'policies:', '  - name: Default authentication policy', '    default: true', '    rule:', '      tokenCreation: allowed', '      maxLifetimeDays: 365', '      colour: blue', ''].join('\n'));
    const bad = await cli(['policies', 'plan', '-f', path], envOf(first));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`tokenward: ${path}:8: policies[0].rule: unknown field "colour".\n`);
    writeFileSync(path, 'policies: []\nversion: 1\nversion: 2\n');
    expect((await cli(['policies', 'plan', '-f', path], envOf(first))).stderr).toBe(`tokenward: ${path}:3: not valid YAML: Map keys must be unique\n`);
    writeFileSync(path, stringify({ version: 1, policies: [{ name: 'D', default: true, rule: { tokenCreation: 'allowed', maxLifetimeDays: 30 } }, { name: 'Ghosts', rule: { tokenCreation: 'blocked', maxLifetimeDays: 7 }, assignees: { groups: ['nobody'] } }] }));
    const unknown = await cli(['policies', 'plan', '-f', path], envOf(first));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`tokenward: ${path}:8: VALIDATION_FAILED: Policy "Ghosts": no group "nobody" in this organization.\n`);

    // A port nothing listens on: taken, then freed.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const unreachable = await cli(['tokens', 'list'], { ...envOf(first), TOKENWARD_URL: closedUrl });
    expect(unreachable).toMatchObject({ code: 3, stderr: `tokenward: cannot reach the server at ${closedUrl} (connection refused).\n` });
    const badKey = await cli(['tokens', 'list'], { ...envOf(first), TOKENWARD_KEY: 'twa_notarealkey' });
    expect(badKey.code).toBe(4);
    expect(badKey.stderr).toMatch(/^tokenward: the server refused the key \(.+\)\.\n$/);
    const reader = await first.app.core.services.tokens.issueAdminKey({
      orgId: first.orgId,
      label: 'read only',
      scopes: ['read:tokens:admin'],
      expiresAt: new Date(Date.now() + DAY_MS),
      createdBy: null,
      audit: { actorType: 'system', actorId: 'test', ip: null },
    });
    const forbidden = await cli(['tokens', 'revoke', first.cliKeyId, '--yes'], { ...envOf(first), TOKENWARD_KEY: reader.secret });
    expect(forbidden.code, forbidden.stderr).toBe(5);
    expect(forbidden.stderr).toMatch(/^tokenward: the key may not do this: .*\n$/);
    const usage = await cli(['tokens', 'list', '--limit', 'many'], envOf(first));
    expect(usage.code).toBe(2);
  }, TIMEOUT_MS);

  it('keeps profiles in a file only its owner can read', async () => {
    const env = { HOME: home, TOKENWARD_CONFIG: join(home, 'profiles', 'config.json') };
    const saved = await cli(['profiles', 'set', 'first', '--server', first.url], { ...env, TOKENWARD_KEY: first.cliKey });
    expect(saved.code).toBe(0);
    expect(statSync(env.TOKENWARD_CONFIG).mode & 0o777).toBe(0o600);
    expect(readFileSync(env.TOKENWARD_CONFIG, 'utf8')).toContain(first.url);
    const listed = await cli(['users', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ email: string }>).map((u) => u.email)).toContain('ada@acme.test');
  }, TIMEOUT_MS);

  it('revokes 10,000 tokens by filter: a dry run, then for real with a confirmation and a progress bar in a terminal', async () => {
    const stores = createStores(first.app.core.database.db);
    const leaver = await seedUser(first.app, first.orgId, { email: 'leaver@acme.test', name: 'Leaver' });
    const now = Date.now();
    // Seeded through the token store in one transaction: issuing 10,000 through HTTP would test nothing more.
    await first.app.core.database.db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      for (let i = 0; i < 10_000; i += 1) {
        await tx.tokens.insert(
          {
            id: newId('tok'),
            orgId: first.orgId,
            kind: 'user',
            owner: { type: 'user', id: leaver.id },
            label: `bulk ${i}`,
            displayPrefix: 'twu_bulk',
            scopes: ['read:jira-work'],
            status: 'active',
            createdAt: new Date(now - i),
            expiresAt: new Date(now + 30 * DAY_MS),
            lastActiveAt: null,
            createdBy: null,
            revokedAt: null,
            revokedBy: null,
            revokedReason: null,
          },
          `bulk-digest-${i}-${now}`,
        );
      }
    });

    const dry = await cli(['tokens', 'revoke', '--filter', `ownerId=${leaver.id}`, '--dry-run'], envOf(first));
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/… and 9980 more\nDry run: 10000 tokens would be revoked; nothing was changed\.\n$/);

    // A pseudo-terminal through script(1): the confirmation is asked and answered, the bar drawn.
    const command = [process.execPath, ...cliEntry(), 'tokens', 'revoke', '--filter', `ownerId=${leaver.id}`, '--reason', 'left the company'].map((arg) => `'${arg}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...envOf(first), TERM: 'xterm', COLUMNS: '120' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Revoke 10000 tokens? [y/N]') && !child.stdin.writableEnded) child.stdin.end('y\n');
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out, out.slice(-2000)).toContain('Revoke 10000 tokens? [y/N]');
    expect(out).toMatch(/Revoking \[[█░]+\] \d+\/10000 tokens/);
    expect(out).toContain('10000/10000 tokens');
    expect(out).toContain('Revoked 10000 tokens.');
    expect(code).toBe(0);

    const counts = await first.app.core.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', first.orgId)
      .where('action', '=', 'token.revoked')
      .where('actor_type', '=', 'admin_key')
      .where('actor_id', '=', first.cliKeyId)
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(10_000);
    // Each batch's entries were appended together: the chain still verifies.
    expect(await first.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
    const left = await stores.tokens.findById(first.orgId, (await cli(['tokens', 'list', '--owner', leaver.id, '--status', 'revoked', '--limit', '1', '--json'], envOf(first))).stdout.match(/"id": "(tok_[^"]+)"/)![1]!);
    expect(left).toMatchObject({ status: 'revoked', revokedReason: 'left the company', revokedBy: first.cliKeyId });
  }, TIMEOUT_MS);
});
