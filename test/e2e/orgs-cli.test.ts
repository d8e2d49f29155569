/**
 * The instance administrator's commands, as a real server and real CLI processes: the first start
 * prints the instance key (or uses TOKENWARD_BOOTSTRAP_INSTANCE_KEY); `orgs create|list|disable|
 * enable` work against the server over HTTP with it; an org's admin key is refused in one line
 * with exit 1; `instance-key create` issues a working key on the database when the key is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { DIALECTS } from '../support/databases.js';
import { runCli, type RunningCli } from '../support/process.js';

describe.each(DIALECTS)('tokenward orgs against a running server on %s', (dialect) => {
  let db: TestDatabase;
  let server: RunningCli;
  let baseUrl: string;
  let instanceKey: string;
  let firstOrgKey: string;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const generated = runCli(['instance-key', 'generate'], {});
    await generated.exited;
    instanceKey = generated.stdout().trim();
    expect(instanceKey).toMatch(/^twi_\w{49}$/);
    env = { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'warn', TOKENWARD_BOOTSTRAP_INSTANCE_KEY: instanceKey };
    server = runCli(['serve'], env);
    const [, printed, url] = await server.waitFor(/curl -H "Authorization: Bearer (twi_\w+)" (http:\/\/127\.0\.0\.1:\d+)\/admin\/tokenward\/v1\/instance\/orgs/, 120_000);
    expect(printed).toBe(instanceKey);
    baseUrl = url!;
    firstOrgKey = server.stdout().match(/Bearer (twa_\w+)/)![1]!;
  }, 180_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await db.drop();
  });

  const cli = async (args: string[], extra: Record<string, string | undefined> = {}) => {
    const run = runCli(args, { TOKENWARD_URL: baseUrl, TOKENWARD_INSTANCE_KEY: instanceKey, ...extra });
    const { code } = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };

  it('creates an org that gets its own admin key and owner link, lists both, disables and enables it', async () => {
    const created = await cli(['orgs', 'create', 'globex', '--owner-email', 'grace@globex.test', '--owner-name', 'Grace']);
    expect(created.code, created.stderr).toBe(0);
    const orgId = created.stdout.match(/\(id ([0-9a-f-]{36})\)/)![1]!;
    const orgKey = created.stdout.match(/twa_\w{49}/)![0];
    expect(created.stdout).toMatch(new RegExp(`${baseUrl.replace(/[.:/]/g, '\\$&')}/\\S+token=`));

    const orgs = await fetch(`${baseUrl}/admin/v1/orgs`, { headers: { authorization: `Bearer ${orgKey}` } });
    expect(((await orgs.json()) as { data: Array<{ id: string }> }).data.map((o) => o.id)).toEqual([orgId]);

    const listed = await cli(['orgs', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+CREATED$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${orgId}\\s+globex\\s+active\\s`, 'm'));
    expect(listed.stdout).toMatch(/\sdefault\s+active\s/);

    const disabled = await cli(['orgs', 'disable', 'globex']);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout).toContain('Disabled the organization "globex"');
    const refused = await fetch(`${baseUrl}/admin/v1/orgs`, { headers: { authorization: `Bearer ${orgKey}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: Array<{ title: string }> }).errors[0]!.title).toBe('ORG_DISABLED');
    const json = await cli(['orgs', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: orgId, status: 'disabled' })]));

    const enabled = await cli(['orgs', 'enable', orgId]);
    expect(enabled.code, enabled.stderr).toBe(0);
    expect((await fetch(`${baseUrl}/admin/v1/orgs`, { headers: { authorization: `Bearer ${orgKey}` } })).status).toBe(200);
  });

  it("refuses an org's admin key and a wrong name in one line with exit 1", async () => {
    const withOrgKey = await cli(['orgs', 'list', '--key', firstOrgKey]);
    expect(withOrgKey.code).toBe(1);
    expect(withOrgKey.stderr).toMatch(/^tokenward: FORBIDDEN: Instance routes take the instance administrator's key/);
    expect(withOrgKey.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await cli(['orgs', 'disable', 'initech']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('tokenward: ORG_NOT_FOUND: no organization has the id or name "initech".\n');
    const duplicate = await cli(['orgs', 'create', 'globex', '--owner-email', 'x@globex.test']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('CONFLICT');
    const unreachable = await cli(['orgs', 'list'], { TOKENWARD_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^tokenward: cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('issues a new instance key on the database when the first one is lost', async () => {
    const issued = runCli(['instance-key', 'create', '--label', 'break-glass'], { TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent' });
    expect((await issued.exited).code, issued.stderr()).toBe(0);
    const newKey = issued.stdout().match(/twi_\w{49}/)![0];
    expect(newKey).not.toBe(instanceKey);
    const listed = await cli(['orgs', 'list', '--key', newKey]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('globex');
  });
});
