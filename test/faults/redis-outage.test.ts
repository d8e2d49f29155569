/**
 * Redis lost, with two real server processes on PostgreSQL that use Redis for rate-limit and
 * sign-in counters and for the token change bus, each through a TCP proxy the test controls (the
 * shared Redis keeps running): limits keep holding (per node) and answer at once, token changes
 * still reach the other node within 1 s (it reads the database while it cannot hear them), the
 * outage is logged once and shown in /metrics and /readyz, and all is back to normal when Redis is.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { generateToken } from '../../src/domain/token-format.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { admin, call, logLines, metric, readyz, startNode, stopNode, timeUntil, verifyCode, type Node } from '../support/fault-nodes.js';
import { seedToken, seedUser } from '../support/seed.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const API_LIMIT = 8;
const SIGN_IN_LIMIT_PER_EMAIL = 3;

describe('Redis lost, two nodes', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let nodeA: Node;
  let nodeB: Node;
  let core: Core;
  let orgId: string;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    const pepper = randomBytes(32).toString('base64url');
    const env = {
      DATABASE_URL: db.databaseUrl,
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: pepper,
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      REDIS_URL: `redis://${proxy.address}`,
      // Its own keys: other test files' nodes on the same Redis (and earlier runs within the
      // window) must not spend the budgets this test counts.
      TOKENWARD_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
      TOKENWARD_RATE_LIMIT_MAX: String(API_LIMIT),
      TOKENWARD_LOGIN_RATE_LIMIT_PER_EMAIL: String(SIGN_IN_LIMIT_PER_EMAIL),
      TOKENWARD_LOGIN_RATE_LIMIT_PER_IP: '1000',
    };
    nodeA = await startNode(env);
    nodeB = await startNode(env);
    core = await createCore({ config: testConfig(db, { pepper }) });
    orgId = (await core.services.organizations.resolve('default')).id;
  }, 300_000);

  afterAll(async () => {
    await Promise.all([stopNode(nodeA), stopNode(nodeB)]);
    await core?.close();
    await proxy?.close();
    await db?.drop();
  });

  /** Statuses of `count` admin reads with a fresh key's worth of budget, alternating nodes when asked. */
  const adminReads = async (key: string, count: number, nodes: Node[]) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push((await admin(nodes[i % nodes.length]!, key, 'GET', '/admin/v1/orgs')).status);
    return statuses;
  };
  const signIns = async (node: Node, email: string, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const answer = await call(`${node.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'not-the-password-1' }),
      });
      statuses.push(answer.status);
    }
    return statuses;
  };
  const newAdminKey = async () => {
    const answer = await admin(nodeA, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: 'rate limit probe', scopes: ['read:tokens:admin'] });
    expect(answer.status).toBe(200);
    return String(answer.body.token);
  };

  it('keeps every limit, the change bus and the nodes working through an outage, logs it once, and recovers', async () => {
    // Redis up: one budget shared by both nodes.
    const shared = await newAdminKey();
    expect(await adminReads(shared, API_LIMIT + 1, [nodeA, nodeB])).toEqual([...Array(API_LIMIT).fill(200), 429]);
    expect(await signIns(nodeA, `a.${randomBytes(4).toString('hex')}@example.com`, SIGN_IN_LIMIT_PER_EMAIL + 1)).toEqual([...Array(SIGN_IN_LIMIT_PER_EMAIL).fill(401), 429]);
    const user = await seedUser({ core } as never, orgId);
    const { token, secret } = await seedToken({ core } as never, orgId, { type: 'user', id: user.id });
    expect(await verifyCode(nodeB, adminKey, secret)).toBe('VALID');

    // A busy machine can starve a node past Redis's command timeout before the outage: that is
    // logged and counted as a short outage of its own, so this outage is counted from here.
    const loggedBefore = { down: logLines(nodeA, /redis unavailable/).length, back: logLines(nodeA, /redis is back/).length };
    const outagesBefore = await Promise.all([nodeA, nodeB].map((node) => metric(node, 'tokenward_dependency_outages_total{dependency="redis"}')));
    proxy.refuse();
    proxy.cut();
    const outageStarted = performance.now();

    // Limits still hold, counted by each node alone, and nobody waits on Redis.
    const perNode = await newAdminKey();
    const started = performance.now();
    expect(await adminReads(perNode, API_LIMIT + 1, [nodeA])).toEqual([...Array(API_LIMIT).fill(200), 429]);
    expect(await signIns(nodeA, `b.${randomBytes(4).toString('hex')}@example.com`, SIGN_IN_LIMIT_PER_EMAIL + 1)).toEqual([...Array(SIGN_IN_LIMIT_PER_EMAIL).fill(401), 429]);
    expect((performance.now() - started) / (API_LIMIT + SIGN_IN_LIMIT_PER_EMAIL + 2)).toBeLessThan(1000);

    // A revocation on node A reaches node B within 1 s though the bus is gone: B reads the database.
    expect((await admin(nodeA, adminKey, 'DELETE', `/users/${user.id}/manage/api-tokens/${token.id}`)).status).toBe(204);
    const revokedAt = performance.now();
    await timeUntil(async () => (await verifyCode(nodeB, adminKey, secret)) === 'REVOKED', 5000, 'node B refuses the revoked token');
    expect(performance.now() - revokedAt).toBeLessThan(1000);

    // Ready (verification is correct), and saying what is degraded; one log line, one metric.
    for (const node of [nodeA, nodeB]) {
      await timeUntil(async () => JSON.stringify((await readyz(node)).body).includes('"redis":"down"'), 5000, 'readyz shows redis down');
      expect((await readyz(node)).status).toBe(200);
      expect(await metric(node, 'tokenward_dependency_up{dependency="redis"}')).toBe(0);
    }
    await timeUntil(async () => logLines(nodeA, /redis unavailable/).length === loggedBefore.down + 1, 5000, 'the outage logged');
    // Logged once however many requests and reconnection attempts failed meanwhile.
    expect(logLines(nodeA, /redis unavailable/)).toHaveLength(loggedBefore.down + 1);

    const restoredAt = performance.now();
    proxy.restore();
    const recoveredMs = await timeUntil(
      async () => {
        const states = await Promise.all([nodeA, nodeB].map(async (node) => JSON.stringify((await readyz(node)).body)));
        return states.every((state) => state.includes('"redis":"up"') && state.includes('"verification":"cache"'));
      },
      15_000,
      'both nodes back on Redis',
    );
    // Back to the shared counters: the budget spent before the outage is still spent.
    expect((await admin(nodeB, shared, 'GET', '/admin/v1/orgs')).status).toBe(429);
    for (const [index, node] of [nodeA, nodeB].entries()) {
      expect(await metric(node, 'tokenward_dependency_up{dependency="redis"}')).toBe(1);
      expect(await metric(node, 'tokenward_dependency_outages_total{dependency="redis"}')).toBe((outagesBefore[index] ?? 0) + 1);
      expect(node.cli.child.exitCode).toBeNull();
    }
    await timeUntil(async () => logLines(nodeA, /redis is back/).length === loggedBefore.back + 1, 5000, 'the recovery logged');
    console.info(`redis outage of ${Math.round(restoredAt - outageStarted)} ms; both nodes back on Redis ${Math.round(recoveredMs)} ms after it returned`);
  }, 120_000);
});
