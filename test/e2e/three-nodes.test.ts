/**
 * Three real server processes on one PostgreSQL database and one Redis, under verify load:
 * - a revocation through node A is refused by nodes B and C within 1 s (p99 over 20 revocations);
 * - a token's rate limit and quota are counted once across the three nodes (Redis counts them
 *   atomically: the documented bound is no overshoot while Redis answers).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { generateToken } from '../../src/domain/token-format.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli, type RunningCli } from '../support/process.js';
import { seedToken, seedUser } from '../support/seed.js';

const PROPAGATION_LIMIT_MS = 1000;
const REVOCATIONS = 20;

type Node = { cli: RunningCli; baseUrl: string };

async function startNode(env: Record<string, string | undefined>): Promise<Node> {
  const cli = runCli(['serve'], env);
  const [, baseUrl] = await cli.waitFor(/listening on (http:\/\/\S+) /, 90_000);
  return { cli, baseUrl: baseUrl! };
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.cli.child.exitCode !== null) return;
  node.cli.child.kill('SIGTERM');
  await node.cli.exited;
}

describe('three nodes on PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let adminKey: string;
  let core: Core;
  let orgId: string;
  let nodes: Node[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    adminKey = generateToken('admin_key').secret;
    const pepper = randomBytes(32).toString('base64url');
    const env = {
      PORT: '0',
      DATABASE_URL: db.databaseUrl,
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: pepper,
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      REDIS_URL: 'redis://127.0.0.1:6379',
      // Their own keys: other test files' nodes on the same Redis must not spend these budgets.
      TOKENWARD_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    };
    // The first creates the schema; the other two start side by side.
    nodes = [await startNode(env)];
    nodes.push(...(await Promise.all([startNode(env), startNode(env)])));
    core = await createCore({ config: testConfig(db, { pepper }) });
    orgId = (await core.services.organizations.resolve('default')).id;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(nodes.map(stopNode));
    await core?.close();
    await db?.drop();
  });

  const verifyOn = async (baseUrl: string, token: string) => {
    const response = await fetch(`${baseUrl}/api/v1/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { code: string }).code;
  };
  const newToken = async () => {
    const user = await seedUser({ core } as never, orgId);
    return { user, ...(await seedToken({ core } as never, orgId, { type: 'user', id: user.id })) };
  };

  /** Verifications in a loop on every node, until stopped: the load the nodes answer meanwhile. */
  function startLoad(secrets: string[], loopsPerNode: number) {
    let isRunning = true;
    let answered = 0;
    const loops = nodes.flatMap((node) =>
      Array.from({ length: loopsPerNode }, async (_, i) => {
        for (let n = i; isRunning; n += 1) {
          await verifyOn(node.baseUrl, secrets[n % secrets.length]!);
          answered += 1;
        }
      }),
    );
    return {
      answered: () => answered,
      async stop() {
        isRunning = false;
        await Promise.all(loops);
      },
    };
  }

  it('refuses a token revoked on node A on nodes B and C within 1 s (p99 of 20 revocations under load)', async () => {
    const background = await Promise.all(Array.from({ length: 10 }, newToken));
    const load = startLoad(background.map((b) => b.secret), 2);
    const [a, b, c] = nodes as [Node, Node, Node];
    const delays: number[] = [];
    try {
      for (let i = 0; i < REVOCATIONS; i += 1) {
        const { user, token, secret } = await newToken();
        // Cached on B and C first, so the refusal must come from an invalidation, not a miss.
        expect(await verifyOn(b.baseUrl, secret)).toBe('VALID');
        expect(await verifyOn(c.baseUrl, secret)).toBe('VALID');
        const revoked = await fetch(`${a.baseUrl}/users/${user.id}/manage/api-tokens/${token.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminKey}` } });
        expect(revoked.status).toBe(204);
        // From node A's answer: the revocation is committed then.
        const revokedAt = performance.now();
        await Promise.all(
          [b, c].map(async (node) => {
            while ((await verifyOn(node.baseUrl, secret)) !== 'REVOKED') {
              if (performance.now() - revokedAt > 5000) throw new Error('never refused');
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            delays.push(performance.now() - revokedAt);
          }),
        );
      }
    } finally {
      await load.stop();
    }
    delays.sort((x, y) => x - y);
    const p99 = delays[Math.ceil(delays.length * 0.99) - 1]!;
    console.log(`three nodes: ${delays.length} refusals after a revocation, p50 ${delays[Math.floor(delays.length / 2)]!.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, ${load.answered()} background verifications`);
    expect(load.answered()).toBeGreaterThan(0);
    expect(p99).toBeLessThan(PROPAGATION_LIMIT_MS);
  }, 120_000);

  it('counts a rate limit and a quota once across the three nodes (no overshoot while Redis answers)', async () => {
    const limited = await newToken();
    const quota = await newToken();
    const put = (tokenId: string, body: unknown) =>
      fetch(`${nodes[0]!.baseUrl}/admin/tokenward/v1/orgs/${orgId}/tokens/${tokenId}/limits`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(limited.token.id, { rateLimits: [{ limit: 150, windowSeconds: 3600 }] })).status).toBe(200);
    expect((await put(quota.token.id, { quota: { uses: 90, refillEverySeconds: null } })).status).toBe(200);
    // 8 concurrent callers per node and token, 300 attempts each token: 2x the limit, 3.3x the quota.
    const codes = { limited: [] as string[], quota: [] as string[] };
    await Promise.all(
      nodes.flatMap((node) =>
        Array.from({ length: 8 }, async (_, i) => {
          for (let n = i; n < 100; n += 8) {
            codes.limited.push(await verifyOn(node.baseUrl, limited.secret));
            codes.quota.push(await verifyOn(node.baseUrl, quota.secret));
          }
        }),
      ),
    );
    const count = (list: string[], code: string) => list.filter((c) => c === code).length;
    expect(codes.limited.length).toBe(300);
    expect(count(codes.limited, 'VALID')).toBe(150);
    expect(count(codes.limited, 'RATE_LIMITED')).toBe(150);
    expect(count(codes.quota, 'VALID')).toBe(90);
    expect(count(codes.quota, 'QUOTA_EXHAUSTED')).toBe(210);
  }, 120_000);
});
