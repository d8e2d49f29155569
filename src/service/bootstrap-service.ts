/**
 * First start: create the org, its owner, the owner's one-time setup link and an org admin API key holding every admin scope, once
 * per database, even when several nodes start together (the `bootstrapped_at` setting is claimed
 * with an insert that only one transaction can win).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { StartupError } from '../domain/errors.js';
import { newId, newOrgId } from '../domain/ids.js';
import type { Organization, User } from '../domain/models.js';
import { SAFE_DEFAULT_RULE } from '../domain/policy.js';
import { pepperFingerprint, type Pepper } from '../domain/token-digest.js';
import { digestsEqual } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { ensurePolicyDefaults } from './policy-setup.js';
import type { IssuedLink, LinkService } from './link-service.js';
import { ALL_ADMIN_SCOPES, type TokenService } from './token-service.js';

/** A reason the server must not start; the CLI prints `message` and exits 1. */
export { StartupError } from '../domain/errors.js';

export interface BootstrapOptions {
  orgName: string;
  ownerEmail: string;
  ownerName: string;
  presetAdminKey?: string | undefined;
}

export type BootstrapResult =
  | { firstStart: true; org: Organization; owner: User; adminKey: { id: string; secret: string }; ownerLink: IssuedLink }
  | { firstStart: false; orgs: Organization[] };

export interface BootstrapDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  tokens: TokenService;
  links: Pick<LinkService, 'issueIn'>;
}

export async function checkPepper(db: Kysely<Database>, pepper: Pepper): Promise<void> {
  const settings = createStores(db).settings;
  const fingerprint = pepperFingerprint(pepper);
  if (await settings.insertIfAbsent('pepper_fingerprint', fingerprint)) return;
  const stored = await settings.get('pepper_fingerprint');
  if (stored === null || !digestsEqual(stored, fingerprint)) {
    throw new StartupError(
      'TOKENWARD_PEPPER does not match the pepper this database was created with: no stored token would verify. ' +
        'Start with the original pepper (the TOKENWARD_PEPPER value, or the data dir\'s pepper file).',
    );
  }
}

/** Call after `checkPepper` (the composition root does). */
export async function bootstrap(deps: BootstrapDeps, options: BootstrapOptions): Promise<BootstrapResult> {
  const { db, clock } = deps;
  const created = await db.transaction().execute(async (trx) => {
    const tx = createStores(trx);
    const now = clock();
    if (!(await tx.settings.insertIfAbsent('bootstrapped_at', now.toISOString()))) return null;
    const org: Organization = { id: newOrgId(), name: options.orgName, createdAt: now };
    await tx.organizations.insert(org);
    const owner: User = {
      id: newId('usr'),
      orgId: org.id,
      email: options.ownerEmail,
      name: options.ownerName,
      role: 'owner',
      accountType: 'managed',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await tx.users.insert(owner);
    await ensurePolicyDefaults(tx, org.id, now, SAFE_DEFAULT_RULE);
    await tx.audit.append(
      auditEntry({ orgId: org.id, actorType: 'system', actorId: null, action: 'org.bootstrapped', targetType: 'org', targetId: org.id, details: { name: org.name, ownerId: owner.id } }, clock),
    );
    const issued = await deps.tokens.issueAdminKeyIn(tx, {
      orgId: org.id,
      label: 'bootstrap admin key',
      scopes: ALL_ADMIN_SCOPES,
      expiresAt: null,
      createdBy: owner.id,
      presetSecret: options.presetAdminKey,
      audit: { actorType: 'system', actorId: null, ip: null },
    });
    // The owner's one-time link (24 hours) to set a password and reach the console.
    const ownerLink = await deps.links.issueIn(tx, owner, 'owner_setup', { actorType: 'system', actorId: null, ip: null });
    return { org, owner, adminKey: { id: issued.token.id, secret: issued.secret }, ownerLink };
  });
  if (created) return { firstStart: true, ...created };
  return { firstStart: false, orgs: await createStores(db).organizations.listAll() };
}
