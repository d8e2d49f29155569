/**
 * Policies at scale: an org with U users in G groups, P policies assigned to groups and
 * T live tokens. Times `effectivePolicyOf` (what the verifier calls on a cache miss) p50/p95,
 * and the impact preview of tightening a policy (which walks every live token).
 *
 *   npx tsx bench/policies.ts [--users 5000] [--groups 50] [--policies 10] [--tokens 50000] [--dialect sqlite|postgres|both]
 *
 * PostgreSQL: TOKENWARD_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { deriveCursorKey } from '../src/domain/cursor.js';
import { newOrgId } from '../src/domain/ids.js';
import type { AdminKeyPrincipal } from '../src/domain/principal.js';
import { createPolicyService } from '../src/service/policy-service.js';
import { ensurePolicyDefaults } from '../src/service/policy-setup.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DialectName } from '../src/store/db.js';
import type { TokenTable } from '../src/store/schema.js';
import { createStores } from '../src/store/stores.js';
import { DAY_MS } from '../src/domain/time.js';

const DAY = DAY_MS;
const NOW = Date.parse('2026-06-01T00:00:00Z');

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function seed(handle: DatabaseHandle, sizes: { users: number; groups: number; policies: number; tokens: number }) {
  const { db } = handle;
  const orgId = newOrgId();
  await db.insertInto('organizations').values({ id: orgId, name: 'bench', created_at: NOW }).execute();
  await ensurePolicyDefaults(createStores(db), orgId, new Date(NOW));
  const users = Array.from({ length: sizes.users }, (_, i) => ({
    id: `usr_b${i}`, org_id: orgId, email: `u${i}@bench.test`, email_lower: `u${i}@bench.test`, name: `User ${i}`, role: 'member', account_type: 'managed', status: 'active', created_at: NOW, updated_at: NOW,
  }));
  for (let i = 0; i < users.length; i += 2000) await db.insertInto('users').values(users.slice(i, i + 2000)).execute();
  const groups = Array.from({ length: sizes.groups }, (_, i) => ({ id: `grp_b${i}`, org_id: orgId, name: `Group ${i}`, created_at: NOW }));
  await db.insertInto('groups').values(groups).execute();
  // Every user in two groups.
  const members = users.flatMap((u, i) => [{ group_id: `grp_b${i % sizes.groups}`, user_id: u.id, created_at: NOW }, { group_id: `grp_b${(i * 7 + 3) % sizes.groups}`, user_id: u.id, created_at: NOW }]);
  const unique = [...new Map(members.map((m) => [`${m.group_id}/${m.user_id}`, m])).values()];
  for (let i = 0; i < unique.length; i += 2000) await db.insertInto('group_members').values(unique.slice(i, i + 2000)).execute();
  for (let p = 0; p < sizes.policies; p += 1) {
    const id = `pol_b${p}`;
    const rule = { tokenCreation: 'allowed', tokenUse: 'allowed', maxLifetimeDays: 365, defaultLifetimeDays: 365, allowedScopes: ['class:read', 'class:write'], ipAllowlist: [], idleRevokeAfterDays: null, requireJustification: false };
    await db.insertInto('policies').values({ id, org_id: orgId, name: `Policy ${p}`, status: 'enabled', priority: p + 1, is_default: 0, rule: JSON.stringify(rule), created_at: NOW + p, updated_at: NOW }).execute();
    const assigned = groups.filter((_, g) => g % sizes.policies === p).map((g) => ({ policy_id: id, org_id: orgId, assignee_type: 'group', assignee_id: g.id }));
    if (assigned.length > 0) await db.insertInto('policy_assignments').values(assigned).execute();
  }
  const tokens: Array<Insertable<TokenTable>> = Array.from({ length: sizes.tokens }, (_, i) => ({
    id: `tok_b${String(i).padStart(8, '0')}`, org_id: orgId, kind: 'user', owner_user_id: users[i % users.length]!.id, label: `t${i}`, digest: randomBytes(24).toString('base64url'), display_prefix: 'twu_bench',
    scopes: i % 3 === 0 ? '["read:jira-work","write:jira-work"]' : '["read:jira-work"]', status: 'active', created_at: NOW - 10 * DAY, expires_at: NOW + 300 * DAY, search_text: `t${i}`,
  }));
  for (let i = 0; i < tokens.length; i += 1000) await db.insertInto('tokens').values(tokens.slice(i, i + 1000)).execute();
  return { orgId, userIds: users.map((u) => u.id) };
}

async function run(dialect: DialectName, sizes: { users: number; groups: number; policies: number; tokens: number }) {
  let url: string | undefined;
  let cleanup = async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-bench-pol-'));
  if (dialect === 'postgres') {
    const admin = process.env.TOKENWARD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `tw_bench_pol_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const parsed = new URL(admin);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const handle = openDatabase({ databaseUrl: url, dataDir });
  try {
    await migrateToLatest(handle);
    const { orgId, userIds } = await seed(handle, sizes);
    const clock = () => new Date(NOW);
    const policies = createPolicyService({ db: handle.db, clock, cursorKey: deriveCursorKey(Buffer.alloc(32, 1)) });
    const times: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const started = performance.now();
      await policies.effectivePolicyOf(orgId, { type: 'user', id: userIds[(i * 37) % userIds.length]! });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const principal: AdminKeyPrincipal = { kind: 'admin_key', tokenId: 'tok_bench', orgId, scopes: [] };
    const top = sizes.policies - 1;
    const started = performance.now();
    const preview = await policies.updatePolicy(
      { principal, ip: null },
      orgId,
      // The highest-priority policy: it governs everyone in its groups.
      `pol_b${top}`,
      { name: `Policy ${top}`, priority: top + 1, rule: { tokenCreation: 'allowed', maxLifetimeDays: 90, allowedScopes: ['class:read'] }, assignees: { groupIds: [...Array(sizes.groups).keys()].filter((g) => g % sizes.policies === top).map((g) => `grp_b${g}`) } },
      { preview: true },
    );
    const previewMs = performance.now() - started;
    console.log(
      `${dialect}: users=${sizes.users} groups=${sizes.groups} policies=${sizes.policies} tokens=${sizes.tokens} | effectivePolicyOf p50=${percentile(times, 50).toFixed(2)} ms p95=${percentile(times, 95).toFixed(2)} ms | preview examined=${preview.impact.examined} affected=${preview.impact.affected.length} in ${previewMs.toFixed(0)} ms`,
    );
  } finally {
    await handle.close();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sizes = { users: arg('users', 5000), groups: arg('groups', 50), policies: arg('policies', 10), tokens: arg('tokens', 50000) };
const which = process.argv.includes('--dialect') ? process.argv[process.argv.indexOf('--dialect') + 1] : 'both';
for (const dialect of (which === 'both' ? ['sqlite', 'postgres'] : [which]) as DialectName[]) await run(dialect, sizes);
