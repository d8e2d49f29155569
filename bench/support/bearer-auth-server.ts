/**
 * Baseline of bench/baselines.ts: the checker a team would write by hand: Fastify +
 * @fastify/bearer-auth, the presented token hashed (SHA-256) and looked up in SQLite (better-sqlite3,
 * WAL, one prepared statement, an index on the hash). It creates its own keys at start:
 *
 *   BENCH_KEYS=N (default 1) BENCH_DATA_DIR=<dir>  ->  stdout `ready {"keys":[...]}`, `listening on <url> `
 *
 * `POST /verify` with `Authorization: Bearer <key>` and `{"scopes": [...]}` (the scopes the caller's
 * route needs, as Tokenward's verify is asked) answers 200 with the key's owner and scopes, 403 when
 * the key lacks one of them, or 401 (the plugin's answer) for a key it does not hold.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bearerAuth from '@fastify/bearer-auth';
import Database from 'better-sqlite3';
import Fastify, { type FastifyRequest } from 'fastify';

interface KeyRow {
  id: string;
  owner_id: string;
  scopes: string;
  expires_at: number | null;
  revoked_at: number | null;
}

const db = new Database(join(process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-bearer-')), 'bearer-auth.db'));
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE api_keys (
  id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, owner_id TEXT NOT NULL, scopes TEXT NOT NULL,
  expires_at INTEGER, revoked_at INTEGER)`);
const sha256 = (key: string) => createHash('sha256').update(key).digest('base64url');

const keys: string[] = [];
const insert = db.prepare('INSERT INTO api_keys (id, key_hash, owner_id, scopes, expires_at, revoked_at) VALUES (?, ?, ?, ?, NULL, NULL)');
for (let i = 0; i < Number(process.env.BENCH_KEYS ?? '1'); i += 1) {
  const key = `bk_${randomBytes(32).toString('base64url')}`;
  insert.run(`key-${i}`, sha256(key), `user-${i}`, 'read:jira-work');
  keys.push(key);
}

const findByHash = db.prepare<[string], KeyRow>('SELECT id, owner_id, scopes, expires_at, revoked_at FROM api_keys WHERE key_hash = ?');
const found = new WeakMap<FastifyRequest, KeyRow>();

const app = Fastify({ logger: false });
await app.register(bearerAuth, {
  // The plugin compares against `keys` only when no `auth` function is given.
  keys: new Set<string>(),
  auth(key, request) {
    const row = findByHash.get(sha256(key));
    if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= Date.now())) return false;
    found.set(request, row);
    return true;
  },
});
app.post<{ Body: { scopes?: unknown } }>('/verify', async (request, reply) => {
  const row = found.get(request)!;
  const held = row.scopes.split(' ');
  const wanted = Array.isArray(request.body?.scopes) ? request.body.scopes : [];
  if (!wanted.every((scope) => typeof scope === 'string' && held.includes(scope))) return reply.code(403).send({ valid: false, code: 'INSUFFICIENT_SCOPE' });
  return { valid: true, keyId: row.id, owner: row.owner_id, scopes: held };
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`ready ${JSON.stringify({ keys })}\nlistening on ${url} \n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
