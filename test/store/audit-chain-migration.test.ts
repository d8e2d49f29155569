/** Migration 0008 on a log that already holds entries: they are chained, under the right pepper only. */
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { pepperFingerprint } from '../../src/domain/token-digest.js';
import { createAuditChainService } from '../../src/service/audit-chain-service.js';
import { migrateToLatest, openDatabase } from '../../src/store/db.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { createTestDatabase, DIALECTS } from '../support/databases.js';

const PEPPER = Buffer.from('p'.repeat(40));

describe.each(DIALECTS)('migration 0008 on %s', (dialect) => {
  it('chains existing entries per org; refuses without the pepper or with another one', async () => {
    const test = await createTestDatabase(dialect);
    const open = (pepper?: Buffer) => openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir, pepper });
    const handle = open(PEPPER);
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrationsFor(dialect) } });
      expect((await migrator.migrateTo('0004_directory')).error).toBeUndefined();
      const db = handle.db as unknown as Kysely<any>;
      const orgs = [newOrgId(), newOrgId()];
      await db.insertInto('instance_settings').values({ key: 'pepper_fingerprint', value: pepperFingerprint(PEPPER) }).execute();
      for (let i = 0; i < 7; i += 1) {
        await db
          .insertInto('audit_log')
          .values({ id: `aud_${i}`, org_id: i === 6 ? null : orgs[i % 2], at: 1000 + i, actor_type: 'system', actor_id: null, action: 'old.entry', target_type: null, target_id: null, ip: null, details: `{"i":${i}}` })
          .execute();
      }

      for (const other of [undefined, Buffer.from('q'.repeat(40))]) {
        const wrong = open(other);
        try {
          await expect(migrateToLatest(wrong)).rejects.toThrow(other ? /pepper does not match/ : /tokenward migrate/);
        } finally {
          await wrong.close();
        }
      }

      expect(await migrateToLatest(handle)).toContain('0008_audit_chain');
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      expect(rows.every((r) => typeof r.hash === 'string' && r.hash.length === 64)).toBe(true);
      const chains = await db.selectFrom('audit_chains').select(['chain_id', 'head_id']).orderBy('chain_id').execute();
      expect(chains).toHaveLength(3);
      const service = createAuditChainService({ db: handle.db, clock: () => new Date(5000) });
      expect(await service.verifyChain()).toEqual({ ok: true, entries: 7, chains: 3 });
    } finally {
      await handle.close();
      await test.drop();
    }
  });
});
