/**
 * A real PostgreSQL restart (`pg_ctl restart -m fast` on a server of the test's own) under two
 * server processes with verify and admin load. Unlike the proxy-made outages beside this file, the
 * server itself goes away: every backend is ended, the listening socket closes, and a new server
 * process comes up with the committed data. Checked: no 500, 503 with Retry-After meanwhile, every
 * acknowledged revocation holds on both nodes, no revoked token answered VALID more than 1 s after
 * its acknowledgement (including one revoked while the nodes were still reconnecting), and usage
 * buffered during the restart written after it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { generateToken } from '../../src/domain/token-format.js';
import { testConfig } from '../support/app.js';
import { admin, readyz, startNode, startOutageLoad, stopNode, timeUntil, verifyCode, watchRevocation, type Node } from '../support/fault-nodes.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { seedToken, seedUser } from '../support/seed.js';

describe('PostgreSQL restarted under load, two nodes', () => {
  let postgres: PrivatePostgres;
  let nodeA: Node;
  let nodeB: Node;
  let core: Core;
  let orgId: string;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const db = postgres.database;
    const pepper = randomBytes(32).toString('base64url');
    const env = { DATABASE_URL: db.databaseUrl, TOKENWARD_DATA_DIR: db.dataDir, TOKENWARD_PEPPER: pepper, TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey, TOKENWARD_USAGE_FLUSH_MS: '1000' };
    nodeA = await startNode(env);
    nodeB = await startNode(env);
    core = await createCore({ config: testConfig(db, { pepper }) });
    orgId = (await core.services.organizations.resolve('default')).id;
  }, 300_000);

  afterAll(async () => {
    await Promise.all([stopNode(nodeA), stopNode(nodeB)]);
    await core?.close().catch(() => undefined);
    postgres?.stop();
  });

  const newToken = async () => {
    const user = await seedUser({ core } as never, orgId);
    const { token, secret } = await seedToken({ core } as never, orgId, { type: 'user', id: user.id });
    return { secret, revokePath: `/users/${user.id}/manage/api-tokens/${token.id}` };
  };

  it('keeps every promise through the restart, and both nodes come back by themselves', async () => {
    const live = await newToken();
    const toRevoke = await Promise.all(Array.from({ length: 30 }, () => newToken()));
    const lateRevocation = await newToken();
    for (const node of [nodeA, nodeB]) expect(await verifyCode(node, adminKey, lateRevocation.secret)).toBe('VALID');

    const load = startOutageLoad([nodeA, nodeB], adminKey, live.secret, toRevoke, '/during-restart');

    await new Promise((resolve) => setTimeout(resolve, 700));
    const restartStarted = performance.now();
    await postgres.restart();
    const restartedAt = performance.now();

    // Revoked on node A as soon as it takes writes again, while node B may still be reconnecting.
    let ackedAt: number | null = null;
    const watch = watchRevocation([nodeA, nodeB], adminKey, lateRevocation.secret, () => ackedAt);
    await timeUntil(async () => (await admin(nodeA, adminKey, 'DELETE', lateRevocation.revokePath)).status === 204, 20_000, 'node A takes the revocation');
    ackedAt = performance.now();
    const recovery = await Promise.all([nodeA, nodeB].map((node) => timeUntil(async () => JSON.stringify((await readyz(node)).body).includes('"verification":"cache"'), 20_000, 'node back on its cache')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const late = await watch.stop();
    const { answers, validAnswers, acknowledged, retryAfterMissing } = await load.stop();

    expect([nodeA.cli.child.exitCode, nodeB.cli.child.exitCode]).toEqual([null, null]);
    expect(late.filter((answer) => answer.code === 'VALID')).toEqual([]);
    expect([...answers.keys()].filter((status) => status !== 204 && status !== 503)).toEqual([]);
    expect(retryAfterMissing).toBe(0);
    for (const secret of [...acknowledged, lateRevocation.secret]) {
      expect(await verifyCode(nodeA, adminKey, secret)).toBe('REVOKED');
      expect(await verifyCode(nodeB, adminKey, secret)).toBe('REVOKED');
    }
    // The seeding connection of this process lived through the restart too (the pool reconnects).
    const usageWritten = async () => {
      const row = await core.database.db.selectFrom('usage_events').select((eb) => eb.fn.sum<number>('count').as('n')).where('route', '=', '/during-restart').executeTakeFirst();
      return Number(row?.n ?? 0);
    };
    await timeUntil(async () => (await usageWritten().catch(() => -1)) >= validAnswers, 10_000, 'buffered usage written');
    expect(await usageWritten()).toBe(validAnswers);
    console.info(
      `real restart took ${Math.round(restartedAt - restartStarted)} ms; nodes back on their caches ${recovery.map((ms) => Math.round(ms + ackedAt! - restartedAt)).join(' / ')} ms after it; answers ${JSON.stringify(Object.fromEntries(answers))}; ${validAnswers} VALID, all in the usage log; ${acknowledged.length} of ${toRevoke.length} revocations acknowledged`,
    );
  }, 180_000);
});
