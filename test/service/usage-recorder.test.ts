/** The write-behind usage recorder on both dialects: events, aggregates, the overflow rule. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type UsageEvent } from '../../src/domain/usage.js';
import { DAY_MS } from '../../src/domain/time.js';
import { createUsageRecorder } from '../../src/service/usage-recorder.js';
import type { DatabaseHandle } from '../../src/store/db.js';
import { createUsageStore } from '../../src/store/usage-store.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const T0 = Date.UTC(2026, 10, 20, 23, 59, 59, 0);

async function seedTokenRow(handle: DatabaseHandle, id: string): Promise<void> {
  await handle.db.insertInto('organizations').values({ id: ORG, name: 'acme', created_at: 0 }).onConflict((oc) => oc.doNothing()).execute();
  await handle.db
    .insertInto('tokens')
    .values({ id, org_id: ORG, kind: 'admin_key', owner_user_id: null, owner_service_account_id: null, label: id, digest: `digest-${id}`, display_prefix: 'twa_x', scopes: '[]', status: 'active', created_at: 0, expires_at: null, last_active_at: null, created_by: null, revoked_at: null, revoked_by: null, revoked_reason: null, search_text: id })
    .execute();
}

const event = (tokenId: string | null, atMs: number, fields: Partial<UsageEvent> = {}): UsageEvent => ({
  atMs,
  orgId: ORG,
  tokenId,
  code: 'VALID',
  method: 'GET',
  route: '/r',
  ip: '198.51.100.1',
  userAgent: 'curl/8',
  upstreamStatus: null,
  ...fields,
});

describe.each(DIALECTS)('usage recorder on %s', (dialect) => {
  let handle: DatabaseHandle;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ handle, close } = await openMigratedTestDatabase(dialect));
    await seedTokenRow(handle, 'tok_a');
    await seedTokenRow(handle, 'tok_b');
  });
  afterEach(async () => close());

  it('stores every event and folds them into daily, route, IP and last-activity aggregates', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 60_000, maxBatchEvents: 7 } });
    const events = [
      event('tok_a', T0),
      event('tok_a', T0 + 1, { code: 'INSUFFICIENT_SCOPE', ip: '198.51.100.2' }),
      event('tok_a', T0 + 2000, { route: '/other' }), // the next UTC day
      event('tok_b', T0 + 5, { method: null, route: null, ip: null }),
      event(null, T0 + 6, { code: 'MALFORMED' }),
    ];
    for (let round = 0; round < 3; round += 1) for (const e of events) recorder.record(e);
    await recorder.close();
    expect(recorder.stats()).toMatchObject({ recorded: 15, flushed: 15, dropped: 0, buffered: 0 });

    // Identical events of a window are one row with a count.
    const rows = await handle.db.selectFrom('usage_events').select(['token_id', 'count', 'at', 'last_at']).execute();
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => Number(r.count))).toEqual([3, 3, 3, 3, 3]);
    const daily = await handle.db.selectFrom('usage_daily').selectAll().orderBy('token_id').orderBy('day').execute();
    const day = Math.floor(T0 / DAY_MS);
    expect(daily.map((r) => [r.token_id, r.day, Number(r.calls), Number(r.errors), Number(r.first_at), Number(r.last_at)])).toEqual([
      ['tok_a', day, 6, 3, T0, T0 + 1],
      ['tok_a', day + 1, 3, 0, T0 + 2000, T0 + 2000],
      ['tok_b', day, 3, 0, T0 + 5, T0 + 5],
    ]);
    const routes = await handle.db.selectFrom('usage_daily_routes').select(['token_id', 'route', 'calls']).orderBy('token_id').orderBy('day').orderBy('route').execute();
    expect(routes.map((r) => [r.token_id, r.route, Number(r.calls)])).toEqual([
      ['tok_a', '/r', 6],
      ['tok_a', '/other', 3],
      ['tok_b', '', 3],
    ]);
    const ips = await handle.db.selectFrom('token_ips').select(['token_id', 'ip', 'calls', 'first_seen_at']).orderBy('token_id').orderBy('ip').execute();
    expect(ips.map((r) => [r.token_id, r.ip, Number(r.calls)])).toEqual([
      ['tok_a', '198.51.100.1', 6],
      ['tok_a', '198.51.100.2', 3],
      ['tok_b', '', 3],
    ]);
    const tokens = await handle.db.selectFrom('tokens').select(['id', 'last_active_at', 'last_active_ip']).orderBy('id').execute();
    expect(tokens.map((r) => [r.id, Number(r.last_active_at), r.last_active_ip])).toEqual([
      ['tok_a', T0 + 2000, '198.51.100.1'],
      ['tok_b', T0 + 5, null],
    ]);
  });

  it('flushes early what reached the batch size while another flush was writing, without waiting for the window', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 60_000, maxBatchEvents: 1 } });
    const rowsOf = async (tokenId: string) => (await handle.db.selectFrom('usage_events').select('count').where('token_id', '=', tokenId).execute()).length;
    recorder.record(event('tok_a', T0));
    // The first event's early flush starts on the next turn of the event loop; the second event
    // arrives while it is writing, and that flush does not take it.
    await new Promise((resolve) => setImmediate(resolve));
    recorder.record(event('tok_b', T0));
    const deadline = Date.now() + 2000;
    while ((await rowsOf('tok_b')) === 0) {
      if (Date.now() > deadline) throw new Error('the event waited for the flush window');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await rowsOf('tok_a')).toBe(1);
    await recorder.close();
  });

  it('counts a token called the same way again into its group, across a day boundary and flushes, and apart from any field that differs', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 60_000, maxBatchEvents: 1000 } });
    const variants: Array<Partial<UsageEvent>> = [{}, { userAgent: 'curl/9' }, { upstreamStatus: 502 }, { upstreamAccount: 'acct' }, { orgId: `${ORG.slice(0, -1)}2` }, { method: 'POST' }];
    for (let i = 0; i < 4; i += 1) recorder.record(event('tok_a', T0)); // T0 is one second before midnight UTC
    for (const fields of variants.slice(1)) recorder.record(event('tok_a', T0, fields));
    recorder.record(event('tok_a', T0 + 1000)); // the next day: its own group
    recorder.record(event('tok_a', T0));
    recorder.record(event('tok_a', T0, { upstreamAccount: null })); // no account, as undefined
    await recorder.flush();
    recorder.record(event('tok_a', T0 + 1000));
    recorder.record(event('tok_a', T0 + 1000));
    await recorder.close();
    expect(recorder.stats()).toMatchObject({ recorded: 14, flushed: 14, dropped: 0 });
    const rows = await handle.db.selectFrom('usage_events').select(['at', 'count', 'user_agent', 'method', 'upstream_status', 'upstream_account', 'org_id']).orderBy('seq').execute();
    expect(rows.map((r) => [Number(r.at), Number(r.count), r.user_agent, r.method, r.upstream_status === null ? null : Number(r.upstream_status), r.upstream_account, r.org_id === ORG])).toEqual([
      [T0, 6, 'curl/8', 'GET', null, null, true],
      [T0, 1, 'curl/9', 'GET', null, null, true],
      [T0, 1, 'curl/8', 'GET', 502, null, true],
      [T0, 1, 'curl/8', 'GET', null, 'acct', true],
      [T0, 1, 'curl/8', 'GET', null, null, false],
      [T0, 1, 'curl/8', 'POST', null, null, true],
      [T0 + 1000, 1, 'curl/8', 'GET', null, null, true],
      [T0 + 1000, 2, 'curl/8', 'GET', null, null, true],
    ]);
  });

  it('past the buffer bound drops event detail but keeps calls, errors and last activity, and counts the drops', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 60_000, maxBatchEvents: 1000, maxBufferedEvents: 10 } });
    for (let i = 0; i < 25; i += 1) recorder.record(event('tok_a', T0 - 10_000 + i, { code: i % 5 === 0 ? 'EXPIRED' : 'VALID', route: `/r${i}` }));
    recorder.record(event('tok_a', T0 - 10_000, { code: 'EXPIRED', route: '/r0' })); // joins a kept group
    expect(recorder.stats()).toMatchObject({ recorded: 26, buffered: 11, dropped: 15 });
    await recorder.close();
    const events = await handle.db.selectFrom('usage_events').select('seq').execute();
    expect(events).toHaveLength(10);
    const daily = await handle.db.selectFrom('usage_daily').selectAll().executeTakeFirstOrThrow();
    expect([Number(daily.calls), Number(daily.errors), Number(daily.last_at)]).toEqual([26, 6, T0 - 10_000 + 24]);
    const token = await handle.db.selectFrom('tokens').select('last_active_at').where('id', '=', 'tok_a').executeTakeFirstOrThrow();
    expect(Number(token.last_active_at)).toBe(T0 - 10_000 + 24);
  });

  it('flushes on its own within the interval, and never moves last activity backwards', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 50 } });
    recorder.record(event('tok_a', T0 + 100));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(recorder.stats().flushed).toBe(1);
    recorder.record(event('tok_a', T0, { ip: '203.0.113.9' })); // an older event, flushed later
    await recorder.close();
    const token = await handle.db.selectFrom('tokens').select(['last_active_at', 'last_active_ip']).where('id', '=', 'tok_a').executeTakeFirstOrThrow();
    expect([Number(token.last_active_at), token.last_active_ip]).toEqual([T0 + 100, '198.51.100.1']);
  });

  it('purges raw events older than the retention, keeping the aggregates', async () => {
    const recorder = createUsageRecorder({ db: handle.db, options: { flushIntervalMs: 60_000 } });
    for (let i = 0; i < 30; i += 1) recorder.record(event('tok_a', T0 + i * 1000, { route: `/r${i}` }));
    await recorder.close();
    const store = createUsageStore(handle.db);
    expect(await store.purgeEventsBefore(T0 + 10_000, 7)).toBe(7);
    expect(await store.purgeEventsBefore(T0 + 10_000, 100)).toBe(3);
    expect(await handle.db.selectFrom('usage_events').select('seq').execute()).toHaveLength(20);
    const daily = await handle.db.selectFrom('usage_daily').select((eb) => eb.fn.sum<number>('calls').as('calls')).executeTakeFirstOrThrow();
    expect(Number(daily.calls)).toBe(30);
  });
});
