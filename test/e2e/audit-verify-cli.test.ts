/**
 * Issue #8 acceptance: editing one audit row directly in the database makes `tokenward audit verify`
 * (a real process) fail and name the row; deleting one too. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { auditEntry } from '../../src/service/audit-service.js';
import { createStores } from '../../src/store/stores.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

describe.each(DIALECTS)('tokenward audit verify on %s', (dialect) => {
  let db: TestDatabase;
  let app: App;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = { TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent' };
    app = await createApp({ config: testConfig(db, { logLevel: 'silent' }) });
    const orgId = app.bootstrap.firstStart ? app.bootstrap.org.id : '';
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
  const rows = () => app.core.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

  it('exits 0 with the count when the chain is intact', async () => {
    const result = await verify();
    expect(result.stderr).toBe('');
    // Bootstrap writes 3 (org, admin key, the owner's one-time link of issue #5), the test 5.
    expect(result.stdout).toMatch(/^Audit log intact: 8 entries in 1 chains verified\.\n$/);
    expect(result.code).toBe(0);
  });

  it('exits 1 naming an edited row', async () => {
    const row = (await rows())[3]!;
    await app.core.database.db.updateTable('audit_log').set({ details: '{"i":42}' }).where('seq', '=', row.seq).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`audit log broken at seq ${row.seq} (id ${row.id})`);
    expect(result.stderr).toContain('edited');
    await app.core.database.db.updateTable('audit_log').set({ details: row.details }).where('seq', '=', row.seq).execute();
    expect((await verify()).code).toBe(0);
  });

  it('exits 1 naming the row after a deleted one', async () => {
    const all = await rows();
    await app.core.database.db.deleteFrom('audit_log').where('seq', '=', all[2]!.seq).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`audit log broken at seq ${all[3]!.seq} (id ${all[3]!.id})`);
    expect(result.stderr).toContain('deleted');
  });
});
