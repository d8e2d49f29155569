/**
 * The audit chain's cost: appends per second, sealed (the chain: lock the head, insert,
 * move the head) against unsealed (a plain insert, what the log did before), one by one and with
 * concurrent writers on one org and on several orgs; then `audit verify` over everything.
 *
 *   npx tsx bench/audit-chain.ts [--entries 2000] [--dialect sqlite|postgres|both] [--writers 8]
 *
 * PostgreSQL: TOKENWARD_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newOrgId } from '../src/domain/ids.js';
import { createAuditChainService } from '../src/service/audit-chain-service.js';
import { auditEntry } from '../src/service/audit-service.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DialectName } from '../src/store/db.js';
import { createStores } from '../src/store/stores.js';
import { arg } from './support/processes.js';
import { pgDatabase } from './support/tokenward-fixture.js';

const ENTRIES = Number(arg('entries', '2000'));
const WRITERS = Number(arg('writers', '8'));
const PEPPER = randomBytes(32);

async function openBench(dialect: DialectName) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-bench-'));
  const database = dialect === 'postgres' ? await pgDatabase() : null;
  const url = database?.url;
  const open = (pepper?: Buffer) => openDatabase({ databaseUrl: url, dataDir, pepper, poolSize: WRITERS + 2 });
  const sealed = open(PEPPER);
  const unsealed = open();
  await migrateToLatest(sealed);
  return {
    sealed,
    unsealed,
    drop: async () => {
      await sealed.close();
      await unsealed.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function appendMany(handle: DatabaseHandle, orgIds: string[], count: number, writers: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const orgId = orgIds[i % orgIds.length]!;
      await handle.db.transaction().execute((trx) =>
        createStores(trx).audit.append(auditEntry({ orgId, actorType: 'system', actorId: 'bench', action: 'bench.entry', details: { i } }, () => new Date())),
      );
    }
  };
  await Promise.all(Array.from({ length: writers }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function run(dialect: DialectName): Promise<void> {
  const bench = await openBench(dialect);
  try {
    const stores = createStores(bench.sealed.db);
    const orgs = Array.from({ length: 8 }, () => newOrgId());
    for (const id of orgs) await stores.organizations.insert({ id, name: id.slice(0, 8), createdAt: new Date() });
    const concurrent = dialect === 'postgres' ? WRITERS : 1;
    const rows: Array<[string, number]> = [
      ['unsealed, 1 writer', await appendMany(bench.unsealed, [orgs[0]!], ENTRIES, 1)],
      ['sealed, 1 writer', await appendMany(bench.sealed, [orgs[1]!], ENTRIES, 1)],
      [`unsealed, ${concurrent} writers, 1 org`, await appendMany(bench.unsealed, [orgs[2]!], ENTRIES, concurrent)],
      [`sealed, ${concurrent} writers, 1 org`, await appendMany(bench.sealed, [orgs[3]!], ENTRIES, concurrent)],
      [`sealed, ${concurrent} writers, 4 orgs`, await appendMany(bench.sealed, orgs.slice(4), ENTRIES, concurrent)],
    ];
    for (const [what, perSecond] of rows) console.log(`${dialect.padEnd(8)} append ${what.padEnd(30)} ${perSecond.toFixed(0).padStart(6)} entries/s`);
    // Verify needs every row sealed: drop the unsealed ones first (they are reported, by design).
    await bench.sealed.db.deleteFrom('audit_log').where('hash', 'is', null).execute();
    const started = performance.now();
    const result = await createAuditChainService({ db: bench.sealed.db, clock: () => new Date() }).verifyChain();
    const ms = performance.now() - started;
    const count = result.ok ? result.entries : -1;
    console.log(`${dialect.padEnd(8)} verify ${count} entries: ${ms.toFixed(0)} ms (${((count / ms) * 1000).toFixed(0)} entries/s), ok=${result.ok}`);
  } finally {
    await bench.drop();
  }
}

const which = arg('dialect', 'both');
for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  if (which === 'both' || which === dialect) await run(dialect);
}
