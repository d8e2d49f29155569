/**
 * `tokenward jobs list | run [--dry-run] | runs` as real processes, on both dialects: the
 * dry run lists exactly what the run then does, the run is a durable job run audited as the CLI, and
 * a wrong job name is one line and exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createStores } from '../../src/store/stores.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';
import { seedToken, seedUser } from '../support/seed.js';

const PROCESS_TEST_TIMEOUT_MS = 120_000;
const DAY_MS = 86_400_000;

describe.each(DIALECTS)('tokenward jobs on %s', (dialect) => {
  let db: TestDatabase;
  let app: App;
  let orgId: string;
  let env: Record<string, string | undefined>;
  const expiredIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = { TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent' };
    app = await createApp({ config: testConfig(db, { logLevel: 'silent' }) });
    orgId = app.bootstrap.firstStart ? app.bootstrap.org.id : '';
    const user = await seedUser(app, orgId);
    for (const days of [1, 3]) {
      const id = (await seedToken(app, orgId, { type: 'user', id: user.id }, { label: `old ${days}`, expiresAt: new Date(Date.now() + DAY_MS) })).token.id;
      // Setup only: issuance refuses a past expiry, and the CLI runs on the real clock.
      await app.core.database.db.updateTable('tokens').set({ expires_at: Date.now() - days * DAY_MS }).where('id', '=', id).execute();
      expiredIds.push(id);
    }
    await seedToken(app, orgId, { type: 'user', id: user.id }, { label: 'fresh', expiresAt: new Date(Date.now() + 30 * DAY_MS) });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const cli = async (args: string[]) => {
    const run = runCli(args, env);
    return { code: (await run.exited).code, stdout: run.stdout(), stderr: run.stderr() };
  };

  it('dry-runs mark-expired listing exactly the tokens the run then marks', async () => {
    const dry = await cli(['jobs', 'run', 'mark-expired', '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout) as { actions: Array<{ type: string; tokenId: string }> };
    expect(planned.actions.map((a) => a.tokenId).sort()).toEqual([...expiredIds].sort());
    // Marking is the `token.expired` event and audit entry, once per token (docs/automation.md).
    const expiredEvents = async () => (await createStores(app.core.database.db).events.listOfType(orgId, 'token.expired', 10)).map((e) => (e.payload as { token: { id: string } }).token.id).sort();
    expect(await expiredEvents()).toEqual([]);

    const run = await cli(['jobs', 'run', 'mark-expired']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Run run_\S+ of mark-expired: succeeded, 2 of 2 actions done\.\n$/);
    expect(await expiredEvents()).toEqual([...expiredIds].sort());
    const entries = await createStores(app.core.database.db).audit.listRecent(orgId, 50);
    expect(entries.find((e) => e.action === 'job.run_requested')).toMatchObject({ actorType: 'system', actorId: 'cli' });

    // Nothing left to do: the dry run says so in words.
    const again = await cli(['jobs', 'run', 'mark-expired', '--dry-run']);
    expect(again.stdout).toMatch(/^Dry run of mark-expired at \S+: 0 actions; nothing was changed\.\n$/);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('lists jobs and runs, and refuses an unknown job in one line', async () => {
    const list = await cli(['jobs', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^JOB\s+SCHEDULE \(UTC\)\s+LAST RUN\n/);
    expect(list.stdout).toMatch(/\nmark-expired\s+\S.*succeeded \S+ \(2 done\)\n/);
    expect(list.stdout).toMatch(/\nweekly-digest\s+.*never run\n/);
    const runs = await cli(['jobs', 'runs', 'mark-expired']);
    expect(runs.stdout).toMatch(/^run_\S+\s+manual\s+succeeded\s+\S+\s+2\/2 actions\n$/);
    const unknown = await cli(['jobs', 'run', 'clean-everything']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('tokenward: NOT_FOUND: No job named clean-everything.\n');
  }, PROCESS_TEST_TIMEOUT_MS);
});
