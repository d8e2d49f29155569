/**
 * A rollback without restoring the backup: an older release started on a database that a newer
 * one already migrated. It must refuse in one line that says what to do, and change nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/domain/errors.js';
import { migrateToLatest, type DatabaseHandle } from '../../src/store/db.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

describe.each(DIALECTS)('a database migrated by a newer release, on %s', (dialect) => {
  let opened: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    opened = await openMigratedTestDatabase(dialect);
    handle = opened.handle;
    await sql`insert into kysely_migration (name, timestamp) values (${'9999_from_a_newer_release'}, ${new Date().toISOString()})`.execute(handle.db);
  });
  afterAll(async () => opened?.close());

  it('is refused with one line naming the unknown change and what to do', async () => {
    const refusal = await migrateToLatest(handle).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(StartupError);
    expect((refusal as Error).message).toBe(
      'This database was upgraded by a newer Tokenward (it has the schema change 9999_from_a_newer_release, which this version does not know). Run the newer version again, or restore the backup taken before the upgrade.',
    );
    expect((refusal as Error).message).not.toContain('\n');
  });
});
