/**
 * Baseline of bench/baselines.ts: Better Auth (1.7.5) with its API-key plugin, rate limit OFF, on
 * SQLite (better-sqlite3, WAL), mounted in Fastify. The plugin's defaults otherwise: keys hashed
 * (SHA-256), looked up in the database on every verification, and the key's row updated on every
 * verification (its `lastRequest`/`updatedAt`) as the plugin does. It creates its own user and keys:
 *
 *   BENCH_KEYS=N (default 1) BENCH_DATA_DIR=<dir>  ->  stdout `ready {"keys":[...]}`, `listening on <url> `
 *
 * Keys hold the permissions `{"jira-work": ["read"]}` (Tokenward's scope `read:jira-work` in Better
 * Auth's shape). `POST /verify` with `{"key": "...", "permissions": {...}}` calls
 * `auth.api.verifyApiKey` (which checks the permissions asked for) and answers 200 with the key's
 * owner and permissions, or 401 for a key it does not accept.
 */
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKey } from '@better-auth/api-key';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import Fastify from 'fastify';

const sqlite = new Database(join(process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-better-auth-')), 'better-auth.db'));
sqlite.pragma('journal_mode = WAL');

const auth = betterAuth({
  database: sqlite,
  secret: randomBytes(32).toString('base64url'),
  baseURL: 'http://127.0.0.1',
  emailAndPassword: { enabled: true },
  plugins: [apiKey({ rateLimit: { enabled: false } })],
  logger: { disabled: true },
  telemetry: { enabled: false },
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const { user } = await auth.api.signUpEmail({ body: { email: 'owner@bench.test', password: randomBytes(16).toString('base64url'), name: 'Owner' } });
const keys: string[] = [];
for (let i = 0; i < Number(process.env.BENCH_KEYS ?? '1'); i += 1) {
  const created = await auth.api.createApiKey({ body: { userId: user.id, name: `bench-${i}`, permissions: { 'jira-work': ['read'] } } });
  keys.push(created.key);
}

const app = Fastify({ logger: false });
app.post<{ Body: { key?: unknown; permissions?: Record<string, string[]> } }>('/verify', async (request, reply) => {
  const key = typeof request.body?.key === 'string' ? request.body.key : '';
  const result = await auth.api.verifyApiKey({ body: { key, ...(request.body?.permissions ? { permissions: request.body.permissions } : {}) } });
  if (!result.valid || !result.key) return reply.code(401).send({ valid: false, code: result.error?.code ?? 'INVALID' });
  return { valid: true, keyId: result.key.id, owner: result.key.referenceId, permissions: result.key.permissions ?? null };
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`ready ${JSON.stringify({ keys })}\nlistening on ${url} \n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
