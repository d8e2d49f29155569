/**
 * A peer that accepts a connection and never answers, with the real server process and its
 * automation worker: a webhook receiver that hangs holds neither the other receivers' deliveries
 * nor a job run; each of its attempts ends at the webhook timeout and is retried.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { admin, startNode, stopNode, timeUntil, type Node } from '../support/fault-nodes.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const WEBHOOK_TIMEOUT_MS = 1000;

describe('slow and hanging peers', () => {
  let db: TestDatabase;
  let node: Node;
  let hanging: WebhookReceiver;
  let healthy: WebhookReceiver;
  let orgId: string;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    [hanging, healthy] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
    hanging.respondWith('hang');
    node = await startNode({
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: randomBytes(32).toString('base64url'),
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      TOKENWARD_AUTOMATION: 'on',
      TOKENWARD_SCHEDULER: 'off',
      TOKENWARD_WORKER_POLL_MS: '100',
      TOKENWARD_WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      TOKENWARD_RETRY_BASE_MS: '200',
      TOKENWARD_WEBHOOK_ALLOW_PRIVATE_URLS: 'on',
    });
    orgId = String(((await admin(node, adminKey, 'GET', '/admin/v1/orgs')).body.data as Array<{ id: string }>)[0]!.id);
  }, 180_000);

  afterAll(async () => {
    await stopNode(node);
    await Promise.all([hanging?.close(), healthy?.close()]);
    await db?.drop();
  });

  it('a webhook receiver that never answers: its attempts end at the timeout, other deliveries and a job run go on', async () => {
    for (const receiver of [hanging, healthy]) {
      const hook = await admin(node, adminKey, 'POST', `/admin/tokenward/v1/orgs/${orgId}/webhooks`, { url: receiver.url, eventTypes: ['admin_key.created'] });
      expect(hook.status).toBe(201);
    }
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      expect((await admin(node, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: `key ${i}` })).status).toBe(200);
    }
    // The healthy receiver gets all three while the hanging one holds its connections open.
    const deliveredMs = await timeUntil(async () => healthy.received.length >= 3, 20_000, 'the healthy receiver gets every event');
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
    // A job run answers meanwhile.
    const run = await admin(node, adminKey, 'POST', `/admin/tokenward/v1/orgs/${orgId}/jobs/expiry-warnings/run`);
    expect(run.status).toBe(200);
    // The hanging receiver's attempts end at the timeout and are retried (a second attempt comes).
    await timeUntil(async () => hanging.received.length >= 4, 20_000, 'a retry to the hanging receiver');
    expect(node.cli.child.exitCode).toBeNull();
    console.info(`hanging webhook receiver: the healthy one had all 3 events after ${Math.round(deliveredMs)} ms (run started ${Math.round(performance.now() - started)} ms ago)`);
  }, 120_000);
});
