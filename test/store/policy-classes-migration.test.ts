/**
 * Creation mode per scope class: an existing database migrates with every policy's decisions
 * unchanged. The resolution as it was before modes per class is frozen here (`decisionBefore`) and
 * compared with the one in force, over random rules, catalogues and requests: first on the pure
 * rules, then on rules written by the old schema and read back after the real migration, on both
 * dialects.
 */
import fc from 'fast-check';
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { newOrgId } from '../../src/domain/ids.js';
import { decideCreation, selfCreationPathFor } from '../../src/domain/policy-creation.js';
import { grantWithinPolicy, type EnforceableRule } from '../../src/domain/policy-enforcement.js';
import type { PolicyRule, TokenCreation } from '../../src/domain/policy.js';
import { allowedScopeNames, assertKnownScopes, DEFAULT_SCOPE_CATALOGUE, SCOPE_CLASSES, type ScopeDefinition } from '../../src/domain/scope-catalogue.js';
import { pepperFingerprint } from '../../src/domain/token-digest.js';
import { migrateToLatest, openDatabase } from '../../src/store/db.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { withCreationByClass } from '../../src/store/migrations/0013_policy_classes.js';
import { createStores } from '../../src/store/stores.js';
import { createTestDatabase, DIALECTS } from '../support/databases.js';

const PEPPER = Buffer.from('p'.repeat(40));
const CUSTOM: ScopeDefinition[] = SCOPE_CLASSES.map((scopeClass) => ({ name: `${scopeClass}:reports`, description: 'custom', scopeClass, isBuiltin: false }));
const CATALOGUE = [...DEFAULT_SCOPE_CATALOGUE, ...CUSTOM];
const NAMES = CATALOGUE.map((s) => s.name);
const ENTRIES = [...NAMES, ...SCOPE_CLASSES.map((c) => `class:${c}`)];

/** A rule as the schema before modes per class stored it: one creation mode for every scope. */
type RuleBefore = Omit<PolicyRule, 'creationByClass'>;

const ruleBeforeArb: fc.Arbitrary<RuleBefore> = fc
  .record({
    tokenCreation: fc.constantFrom<TokenCreation>('allowed', 'approval', 'blocked'),
    tokenUse: fc.constantFrom<'allowed' | 'blocked'>('allowed', 'blocked'),
    maxLifetimeDays: fc.integer({ min: 1, max: 365 }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    allowedScopes: fc.subarray(ENTRIES, { maxLength: 8 }),
    requireJustification: fc.boolean(),
  })
  .map(({ fraction, ...rule }) => ({ ...rule, defaultLifetimeDays: Math.max(1, Math.round(rule.maxLifetimeDays * fraction)), ipAllowlist: [], idleRevokeAfterDays: null }));

const requestArb = fc.record({
  path: fc.constantFrom<'create' | 'request'>('create', 'request'),
  scopes: fc.subarray([...NAMES, 'read:unknown-thing', 'write:nowhere'], { maxLength: 5 }),
  lifetimeDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
});
type Request = typeof requestArb extends fc.Arbitrary<infer R> ? R : never;

function enforceableOf(rule: PolicyRule | RuleBefore, catalogue: readonly ScopeDefinition[]): EnforceableRule {
  return { policyId: 'pol_x', policyName: 'P', rule: rule as PolicyRule, allowedScopeNames: allowedScopeNames(rule.allowedScopes, catalogue) };
}

/** What self-service did after the creation step: known scopes, then the grant within the policy. */
function afterCreationStep(enforceable: EnforceableRule, catalogue: readonly ScopeDefinition[], request: Request, success: string): string {
  try {
    assertKnownScopes(request.scopes, catalogue);
    grantWithinPolicy(enforceable, { scopes: request.scopes, lifetimeDays: request.lifetimeDays });
    return success;
  } catch (error) {
    return (error as DomainError).code;
  }
}

/** Frozen: the resolution before modes per class (one `tokenCreation` for the whole policy). */
function decisionBefore(rule: RuleBefore, catalogue: readonly ScopeDefinition[], request: Request): string {
  if (rule.tokenCreation === 'blocked') return 'TOKEN_CREATION_BLOCKED';
  if (request.path === 'create' && rule.tokenCreation === 'approval') return 'APPROVAL_REQUIRED';
  return afterCreationStep(enforceableOf(rule, catalogue), catalogue, request, request.path === 'create' ? 'created' : 'filed');
}

/** The resolution in force, in the order the self-service and approval services apply it. */
function decisionNow(rule: PolicyRule, catalogue: readonly ScopeDefinition[], request: Request): string {
  const enforceable = enforceableOf(rule, catalogue);
  let path: 'direct' | 'approval';
  try {
    path = selfCreationPathFor(enforceable, decideCreation(enforceable, catalogue, request.scopes));
  } catch (error) {
    return (error as DomainError).code;
  }
  if (request.path === 'create' && path === 'approval') return 'APPROVAL_REQUIRED';
  return afterCreationStep(enforceable, catalogue, request, request.path === 'create' ? 'created' : 'filed');
}

const migrated = (rule: RuleBefore): PolicyRule => JSON.parse(withCreationByClass(JSON.stringify(rule))) as PolicyRule;

describe('modes per class keep every migrated decision', () => {
  it('holds on the pure rules for random rules, catalogues and requests', () => {
    fc.assert(
      fc.property(ruleBeforeArb, requestArb, fc.subarray(CUSTOM), (rule, request, custom) => {
        const catalogue = [...DEFAULT_SCOPE_CATALOGUE, ...custom];
        expect(decisionNow(migrated(rule), catalogue, request)).toBe(decisionBefore(rule, catalogue, request));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a rule that already names modes per class as it is', () => {
    const json = JSON.stringify({ tokenCreation: 'approval', creationByClass: { read: 'allowed', write: 'approval', delete: 'approval', admin: 'blocked' } });
    expect(withCreationByClass(json)).toBe(json);
  });
});

describe.each(DIALECTS)('migration 0013 on %s', (dialect) => {
  it('rewrites stored rules so that every policy decides as before', async () => {
    const test = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir, pepper: PEPPER });
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrationsFor(dialect) } });
      expect((await migrator.migrateTo('0010_usage')).error).toBeUndefined();
      const db = handle.db as unknown as Kysely<any>;
      await db.insertInto('instance_settings').values({ key: 'pepper_fingerprint', value: pepperFingerprint(PEPPER) }).execute();
      const orgId = newOrgId();
      await db.insertInto('organizations').values({ id: orgId, name: 'acme', created_at: 1 }).execute();
      await db.insertInto('scope_catalogue').values(CATALOGUE.map((s) => ({ org_id: orgId, name: s.name, description: s.description, scope_class: s.scopeClass, is_builtin: s.isBuiltin ? 1 : 0, created_at: 1 }))).execute();
      const rules = fc.sample(ruleBeforeArb, { numRuns: 150, seed: 13 });
      await db
        .insertInto('policies')
        .values(rules.map((rule, i) => ({ id: `pol_${i}`, org_id: orgId, name: `P${i}`, status: 'enabled', priority: i, is_default: 0, rule: JSON.stringify(rule), created_at: i, updated_at: i })))
        .execute();

      expect(await migrateToLatest(handle)).toContain('0013_policy_classes');

      const stores = createStores(handle.db);
      const catalogue = await stores.scopes.list(orgId);
      const after = new Map((await stores.policies.listAll(orgId)).map((p) => [p.id, p.rule]));
      const requests = fc.sample(requestArb, { numRuns: 40, seed: 31 });
      rules.forEach((before, i) => {
        const now = after.get(`pol_${i}`)!;
        const { creationByClass, ...rest } = now;
        expect(rest).toEqual(before);
        expect(Object.values(creationByClass)).toEqual(SCOPE_CLASSES.map(() => before.tokenCreation));
        for (const request of requests) expect(decisionNow(now, catalogue, request)).toBe(decisionBefore(before, catalogue, request));
      });
    } finally {
      await handle.close();
      await test.drop();
    }
  });
});
