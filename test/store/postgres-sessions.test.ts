/**
 * Every PostgreSQL connection of the server runs its queries without parallel workers: starting
 * them cost a broad text-search page at a million tokens more than they saved (see the pool's
 * `connect` handler). Checked on each connection the pool opens, and on a plan the planner is
 * pushed towards parallelism for (no start-up or per-row cost for workers, any table size).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase } from '../support/databases.js';

describe('PostgreSQL sessions', () => {
  let opened: Awaited<ReturnType<typeof openMigratedTestDatabase>>;

  beforeAll(async () => {
    opened = await openMigratedTestDatabase('postgres');
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('every connection of the pool starts no parallel workers, from its first query on', async () => {
    const { db } = opened.handle;
    // Five transactions at once hold five connections, each new to the pool.
    const settings = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.transaction().execute(async (trx) => {
          const shown = await sql<{ max_parallel_workers_per_gather: string }>`show max_parallel_workers_per_gather`.execute(trx);
          const pid = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          // Held until all five are open, so that none is handed back and reused.
          await new Promise((resolve) => setTimeout(resolve, 200));
          return { setting: shown.rows[0]!.max_parallel_workers_per_gather, pid: pid.rows[0]!.pid };
        }),
      ),
    );
    expect(new Set(settings.map((s) => s.pid)).size).toBe(5);
    expect(settings.map((s) => s.setting)).toEqual(['0', '0', '0', '0', '0']);
  });

  it('plans a scan the planner would otherwise split across workers as one process', async () => {
    const plan = await opened.handle.db.transaction().execute(async (trx) => {
      await sql`set local parallel_setup_cost = 0`.execute(trx);
      await sql`set local parallel_tuple_cost = 0`.execute(trx);
      await sql`set local min_parallel_table_scan_size = 0`.execute(trx);
      const withoutWorkers = await sql<{ 'QUERY PLAN': string }>`explain select count(*) from tokens where label like '%a%'`.execute(trx);
      // The same session with workers allowed: the plan this setting keeps away.
      await sql`set local max_parallel_workers_per_gather = 2`.execute(trx);
      const withWorkers = await sql<{ 'QUERY PLAN': string }>`explain select count(*) from tokens where label like '%a%'`.execute(trx);
      return { withoutWorkers: withoutWorkers.rows.map((r) => r['QUERY PLAN']).join('\n'), withWorkers: withWorkers.rows.map((r) => r['QUERY PLAN']).join('\n') };
    });
    expect(plan.withWorkers).toMatch(/Gather|Parallel/);
    expect(plan.withoutWorkers).not.toMatch(/Gather|Parallel/);
  });
});
