/**
 * Acceptance: editing one audit row directly in the database makes `tokenward audit verify`
 * (a real process) fail and name the row; deleting one too. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { newOrgId } from '../../src/domain/ids.js';
import { auditEntry } from '../../src/service/audit-service.js';
import { createStores } from '../../src/store/stores.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

/** Each test spawns the CLI (tsx start-up) up to three times. */
const PROCESS_TEST_TIMEOUT_MS = 120_000;

describe.each(DIALECTS)('tokenward audit verify on %s', (dialect) => {
  let db: TestDatabase;
  let app: App;
  let env: Record<string, string | undefined>;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = { TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent' };
    app = await createApp({ config: testConfig(db, { logLevel: 'silent' }) });
    orgId = app.bootstrap.firstStart ? app.bootstrap.org.id : '';
    for (let i = 0; i < 5; i += 1) {
      await createStores(app.core.database.db).audit.append(auditEntry({ orgId, actorType: 'system', actorId: 'test', action: 'test.entry', details: { i } }, app.core.clock));
    }
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const verify = async () => {
    const run = runCli(['audit', 'verify'], env);
    return { code: (await run.exited).code, stdout: run.stdout(), stderr: run.stderr() };
  };
  // The organization's chain; the instance has one of its own (its first key is issued at start).
  const rows = () => app.core.database.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();

  it('exits 0 with the count when the chain is intact', async () => {
    const result = await verify();
    const entries = (await app.core.database.db.selectFrom('audit_log').select('seq').execute()).length;
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Audit log intact: ${entries} entries in 2 chains verified.\n`);
    expect(result.code).toBe(0);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('exits 1 naming an edited row', async () => {
    const row = (await rows())[3]!;
    await app.core.database.db.updateTable('audit_log').set({ details: '{"i":42}' }).where('seq', '=', row.seq).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`audit log broken at seq ${row.seq} (id ${row.id})`);
    expect(result.stderr).toContain('edited');
    await app.core.database.db.updateTable('audit_log').set({ details: row.details }).where('seq', '=', row.seq).execute();
    expect((await verify()).code).toBe(0);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('purges past retention from the command line, and the chain still verifies', async () => {
    const none = runCli(['audit', 'purge'], env);
    expect((await none.exited).code).toBe(0);
    expect(none.stdout()).toContain('nothing to purge');
    const stores = createStores(app.core.database.db);
    const orgId = newOrgId();
    await stores.organizations.insert({ id: orgId, name: 'old-org', createdAt: new Date() });
    const longAgo = () => new Date(Date.now() - 100 * 86_400_000);
    for (let i = 0; i < 3; i += 1) await stores.audit.append(auditEntry({ orgId, actorType: 'system', actorId: 'test', action: 'old.entry' }, longAgo));
    await stores.auditChains.setRetentionDays(orgId, 30, Date.now());
    const run = runCli(['audit', 'purge', '--org', 'old-org'], env);
    expect((await run.exited).code).toBe(0);
    expect(run.stdout()).toMatch(new RegExp(`^Organization ${orgId}: purged 3 audit entries \\(older than .*Z\\)\\.\n$`));
    const verified = await verify();
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('in 3 chains');
  }, PROCESS_TEST_TIMEOUT_MS);

  it('exits 1 naming the row after a deleted one', async () => {
    const all = await rows();
    await app.core.database.db.deleteFrom('audit_log').where('seq', '=', all[2]!.seq).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`audit log broken at seq ${all[3]!.seq} (id ${all[3]!.id})`);
    expect(result.stderr).toContain('deleted');
  }, PROCESS_TEST_TIMEOUT_MS);
});
