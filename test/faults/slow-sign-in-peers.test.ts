/**
 * Sign-in's and e-mail's peers that accept a connection and never answer: an SMTP server that
 * never greets (a real server process, its automation worker sending) and an identity provider
 * whose token endpoint stalls (the provider is real, behind a TCP proxy that freezes only the
 * connection that asks for tokens). Each wait ends at its timeout, in words, and nothing else
 * waits meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { admin, call, logLines, startNode, stopNode, timeUntil, type Node } from '../support/fault-nodes.js';
import { signInWithSso, startTestProvider, type TestProvider } from '../support/oidc.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SMTP_TIMEOUT_MS = 1500;

/** Accepts connections and says nothing, ever; remembers when each one came and went. */
async function startSilentServer(): Promise<{ port: number; connections: Array<{ openedMs: number; closedMs: number | null }>; close(): Promise<void> }> {
  const connections: Array<{ openedMs: number; closedMs: number | null }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const entry = { openedMs: performance.now(), closedMs: null as number | null };
    connections.push(entry);
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      entry.closedMs = performance.now();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('an SMTP server that never answers', () => {
  let db: TestDatabase;
  let node: Node;
  let smtp: Awaited<ReturnType<typeof startSilentServer>>;
  let receiver: WebhookReceiver;
  let orgId: string;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    [smtp, receiver] = await Promise.all([startSilentServer(), startWebhookReceiver()]);
    node = await startNode({
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: randomBytes(32).toString('base64url'),
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      TOKENWARD_OWNER_EMAIL: 'owner@acme.test',
      TOKENWARD_AUTOMATION: 'on',
      TOKENWARD_SCHEDULER: 'off',
      TOKENWARD_WORKER_POLL_MS: '100',
      TOKENWARD_SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
      TOKENWARD_RETRY_BASE_MS: '200',
      TOKENWARD_WEBHOOK_ALLOW_PRIVATE_URLS: 'on',
    });
    orgId = String(((await admin(node, adminKey, 'GET', '/admin/v1/orgs')).body.data as Array<{ id: string }>)[0]!.id);
  }, 180_000);

  afterAll(async () => {
    await stopNode(node);
    await Promise.all([smtp?.close(), receiver?.close()]);
    await db?.drop();
  });

  it('ends each e-mail at the timeout and retries it, while webhooks and sign-in links go on at once', async () => {
    const prefix = `/admin/tokenward/v1/orgs/${orgId}`;
    expect((await admin(node, adminKey, 'PUT', `${prefix}/notifications/smtp`, { host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'tokenward@acme.test', enabled: true })).status).toBe(200);
    expect((await admin(node, adminKey, 'POST', `${prefix}/webhooks`, { url: receiver.url, eventTypes: ['admin_key.created'] })).status).toBe(201);

    // The weekly digest goes to the owner by e-mail: the SMTP server takes the connection and hangs.
    expect((await admin(node, adminKey, 'POST', `${prefix}/jobs/weekly-digest/run`)).status).toBe(200);
    await timeUntil(async () => smtp.connections.length >= 1, 10_000, 'the e-mail attempt reaches the SMTP server');

    // Meanwhile a webhook is delivered and a password-reset request is answered at once.
    expect((await admin(node, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: 'while SMTP hangs' })).status).toBe(200);
    await timeUntil(async () => receiver.received.length >= 1, 5000, 'the webhook delivered while the e-mail waits');
    const resetStarted = performance.now();
    const reset = await call(`${node.baseUrl}/api/v1/auth/password-reset/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@acme.test' }) });
    expect(reset.status).toBe(202);
    expect(performance.now() - resetStarted).toBeLessThan(1000);

    // The attempt is ended by Tokenward at the timeout, and a retry comes.
    await timeUntil(async () => smtp.connections[0]!.closedMs !== null, SMTP_TIMEOUT_MS + 5000, 'the first attempt ended');
    const first = smtp.connections[0]!;
    // Its clock starts before the connection is made, so the server sees a little less.
    expect(first.closedMs! - first.openedMs).toBeGreaterThanOrEqual(SMTP_TIMEOUT_MS * 0.7);
    await timeUntil(async () => smtp.connections.length >= 3, 3 * SMTP_TIMEOUT_MS + 5000, 'the digest retried (the reset e-mail tried too)');
    // The link e-mail failed in words, without the link.
    await timeUntil(async () => logLines(node, /one-time link could not be e-mailed/).length === 1, SMTP_TIMEOUT_MS + 5000, 'the reset e-mail failure logged');
    expect(logLines(node, /one-time link could not be e-mailed/)[0]).not.toMatch(/token=/);
    expect(node.cli.child.exitCode).toBeNull();
  }, 60_000);
});

describe('an identity provider that stalls while signing in', () => {
  let t: TestApp;
  let base: string;
  let idp: TestProvider;
  let proxy: TcpProxy;
  const target = { host: '127.0.0.1', port: 0 };

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    base = await t.app.listen();
    proxy = await startTcpProxy(target);
    idp = await startTestProvider(`${base}/api/v1/auth/sso/callback`, {
      issuerFor: (port) => {
        target.port = port;
        return `http://${proxy.address}`;
      },
    });
    idp.accounts.set('alice', { email: 'alice@acme.test', name: 'Alice Liddell' });
    const put = await fetch(`${base}/admin/tokenward/v1/orgs/${t.orgId}/sso`, {
      method: 'PUT',
      headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
      body: JSON.stringify({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid email profile', allowedDomains: ['acme.test'], jitEnabled: true }),
    });
    expect(put.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await idp?.close();
    await t?.close();
  });

  it('fails the sign-in in words at the timeout, and answers everything else meanwhile', async () => {
    // Only the connection on which Tokenward asks for tokens freezes; the browser's steps go through.
    proxy.stall({ matching: 'POST /token' });
    const started = performance.now();
    const signingIn = signInWithSso(base, t.orgId, 'alice');
    let otherAnswers = 0;
    const others = (async () => {
      for (let i = 0; i < 5; i += 1) {
        const answered = performance.now();
        const health = await fetch(`${base}/healthz`);
        expect(health.status).toBe(200);
        expect(performance.now() - answered).toBeLessThan(1000);
        otherAnswers += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const outcome = await signingIn;
    await others;
    const tookMs = performance.now() - started;
    expect(otherAnswers).toBe(5);
    expect(outcome.sessionSecret).toBeUndefined();
    expect(outcome.body).toContain('SSO_FAILED');
    expect(outcome.body).toMatch(/did not answer within 10 s/);
    // The provider is given 10 s.
    expect(tookMs).toBeGreaterThanOrEqual(9000);
    expect(tookMs).toBeLessThan(20_000);
    proxy.restore();
    console.info(`stalled token endpoint: sign-in failed after ${Math.round(tookMs)} ms`);
  }, 60_000);
});
