/**
 * A Tokenward data dir ready for a bench: the org bootstrapped with a known admin key (it holds
 * `verify:tokens`) and N member tokens, written by this process before `tokenward serve` starts on
 * it, plus the env to start that server with. SQLite in a temp dir, or a fresh PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createCore } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateToken } from '../../src/domain/token-format.js';
import { bootstrap } from '../../src/service/bootstrap-service.js';
import type { DialectName } from '../../src/store/db.js';

export const BENCH_SCOPE = 'read:jira-work';

export interface TokenwardFixture {
  /** The env for `tokenward serve` on this data. */
  env: Record<string, string | undefined>;
  /** The bootstrap admin key: the verifier credential. */
  adminKey: string;
  /** Member tokens holding BENCH_SCOPE. */
  secrets: string[];
  cleanup(): Promise<void>;
}

/** A fresh PostgreSQL database for a bench (TOKENWARD_BENCH_PG_URL names the server), and its drop. */
export async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TOKENWARD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tw_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function createTokenwardFixture(options: { tokens: number; dialect?: DialectName }): Promise<TokenwardFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-bench-'));
  const database = options.dialect === 'postgres' ? await pgDatabase() : null;
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const adminKey = generateToken('admin_key').secret;
  const env = {
    PORT: '0',
    TOKENWARD_DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    TOKENWARD_PEPPER: randomBytes(32).toString('base64url'),
    TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
    // Per-request info logs would be measured otherwise.
    LOG_LEVEL: 'warn',
  };
  try {
    const core = await createCore({ config: loadConfig(env) });
    try {
      const boot = await bootstrap(
        { db: core.database.db, pepper: core.pepper, clock: core.clock, tokens: core.services.tokens, links: core.services.links },
        { orgName: 'bench', ownerEmail: 'owner@bench.test', ownerName: 'Owner', presetAdminKey: adminKey },
      );
      if (!boot.firstStart) throw new Error('expected a fresh database');
      const secrets: string[] = [];
      for (let i = 0; i < options.tokens; i += 1) {
        const { secret } = await core.services.tokens.issueOwnedToken({
          orgId: boot.org.id,
          owner: { type: 'user', id: boot.owner.id },
          label: `bench-${i}`,
          scopes: [BENCH_SCOPE],
          createdBy: null,
          audit: { actorType: 'system', actorId: 'bench', ip: null },
        });
        secrets.push(secret);
      }
      return { env, adminKey, secrets, cleanup };
    } finally {
      await core.close();
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
}
