/**
 * First start: create the org, its owner, the owner's one-time setup link and an org admin API key holding every admin scope, once
 * per database, even when several nodes start together (the `bootstrapped_at` setting is claimed
 * with an insert that only one transaction can win).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { StartupError } from '../domain/errors.js';
import type { Organization, User } from '../domain/models.js';
import { pepperFingerprint, type Pepper } from '../domain/token-digest.js';
import { digestsEqual } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import type { IssuedLink, LinkService } from './link-service.js';
import type { TokenService } from './token-service.js';
import { createOrganizationIn } from './org-setup.js';

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
    if (!(await tx.settings.insertIfAbsent('bootstrapped_at', clock().toISOString()))) return null;
    const input = { name: options.orgName, ownerEmail: options.ownerEmail, ownerName: options.ownerName, presetAdminKey: options.presetAdminKey, adminKeyLabel: 'bootstrap admin key' };
    return createOrganizationIn(tx, { clock, tokens: deps.tokens, links: deps.links }, input, { actorType: 'system', actorId: null, ip: null }, 'org.bootstrapped');
  });
  if (created) return { firstStart: true, ...created };
  return { firstStart: false, orgs: await createStores(db).organizations.listAll() };
}
