/**
 * SQLite storage faults with the real server process. A full disk is made with a file-size limit
 * on the process (`ulimit -f`: a write past it fails with EFBIG, as one on a full disk fails with
 * ENOSPC; both reach SQLite as SQLITE_FULL), since a small filesystem of its own would need
 * privileges a test should not need. A read-only data directory is made with file modes, the
 * server running as an unprivileged user (root ignores modes).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { admin, logLines, metric, readyz, startNode, stopNode, timeUntil, verifyCode, type Node } from '../support/fault-nodes.js';
import { runCli } from '../support/process.js';

const NOBODY = 65534;

describe('SQLite storage faults', () => {
  const dirs: string[] = [];
  const nodes: Node[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((node) => stopNode(node)));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenward-fault-'));
    dirs.push(dir);
    return dir;
  };

  it('a full disk: changes get 503 DATABASE_READ_ONLY with Retry-After, reads and verifications go on, nothing acknowledged is lost, the database stays sound', async () => {
    const dataDir = newDataDir();
    const adminKey = generateToken('admin_key').secret;
    const env = { TOKENWARD_DATA_DIR: dataDir, TOKENWARD_PEPPER: randomBytes(32).toString('base64url'), TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey };
    // A first start creates the database; the second runs with room for a few changes only.
    await stopNode(await startNode(env));
    const largestKb = Math.max(...readdirSync(dataDir).map((name) => statSync(join(dataDir, name)).size)) / 1024;
    const node = await startNode(env, { fileSizeLimitKb: Math.ceil(largestKb) + 48 });
    nodes.push(node);
    const orgId = String(((await admin(node, adminKey, 'GET', '/admin/v1/orgs')).body.data as Array<{ id: string }>)[0]!.id);

    const acknowledged: string[] = [];
    let refused: Awaited<ReturnType<typeof admin>> | undefined;
    for (let i = 0; i < 200 && !refused; i += 1) {
      const answer = await admin(node, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: `key ${i}`, scopes: ['read:tokens:admin'] });
      if (answer.status === 200) acknowledged.push(String(answer.body.token));
      else refused = answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000)); // its log lines come through a pipe
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused?.status, JSON.stringify(refused?.body)).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('5');
    expect(refused?.body).toMatchObject({ errors: [{ title: 'DATABASE_READ_ONLY' }] });
    // Reads and verifications go on; /readyz stays ready and says the disk is full.
    expect((await admin(node, adminKey, 'GET', '/admin/v1/orgs')).status).toBe(200);
    expect(await verifyCode(node, adminKey, acknowledged[0]!)).toBe('VALID');
    // Still ready (it verifies); the fault is logged once and counted. (`checks.disk` in /readyz
    // says full until a small test write fits again, which may already be the case here.)
    expect((await readyz(node)).body).toMatchObject({ status: 'ready', checks: { database: 'up' } });
    await timeUntil(async () => logLines(node, /disk unavailable/).length === 1, 5000, 'the fault logged');
    expect(await metric(node, 'tokenward_dependency_outages_total{dependency="disk"}')).toBeGreaterThanOrEqual(1);
    expect(node.cli.child.exitCode).toBeNull();

    await stopNode(node);
    const file = new SQLite(join(dataDir, 'tokenward.db'));
    try {
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      file.close();
    }
    // Restarted with room again: every acknowledged key is there and works.
    const again = await startNode(env);
    nodes.push(again);
    for (const key of acknowledged) expect(await verifyCode(again, adminKey, key)).toBe('VALID');
    expect((await admin(again, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: 'after', scopes: ['read:tokens:admin'] })).status).toBe(200);
    console.info(`full disk: ${acknowledged.length} changes acknowledged before it filled, all kept; integrity_check ok`);
  }, 180_000);

  it('a read-only data directory: the server says so in words at start and changes nothing', async () => {
    const dataDir = newDataDir();
    const env = { TOKENWARD_DATA_DIR: dataDir, TOKENWARD_PEPPER: randomBytes(32).toString('base64url'), PORT: '0', LOG_LEVEL: 'warn' };
    chownSync(dataDir, NOBODY, NOBODY);
    const first = await startNode(env, { uid: NOBODY, gid: NOBODY });
    await stopNode(first);
    const before = readdirSync(dataDir).map((name) => `${name}:${statSync(join(dataDir, name)).size}`);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o444);
    chmodSync(dataDir, 0o555);

    const cli = runCli(['serve'], env, { uid: NOBODY, gid: NOBODY });
    const exit = await cli.exited;
    expect(exit.code).toBe(1);
    expect(cli.stderr()).toMatch(/^tokenward: cannot write the database in .*writable by the user running Tokenward\.\n$/);
    expect(readdirSync(dataDir).map((name) => `${name}:${statSync(join(dataDir, name)).size}`)).toEqual(before);
  }, 120_000);
});
