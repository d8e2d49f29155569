/**
 * What a new organization starts with, whether the first one at install or one the instance
 * administrator creates later: its owner, the safe default policy, an admin API key holding every
 * admin scope and the owner's one-time setup link (both shown once to whoever asked).
 */
import type { Clock } from '../domain/clock.js';
import { newId, newOrgId } from '../domain/ids.js';
import type { AuditEntry, Organization, User } from '../domain/models.js';
import { SAFE_DEFAULT_RULE } from '../domain/policy.js';
import type { Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { IssuedLink, LinkService } from './link-service.js';
import { ensurePolicyDefaults } from './policy-setup.js';
import { ALL_ADMIN_SCOPES, type TokenService } from './token-service.js';

export interface NewOrganization {
  name: string;
  ownerEmail: string;
  ownerName: string;
  /** An exact admin key secret (TOKENWARD_BOOTSTRAP_ADMIN_KEY at install); normally a fresh one. */
  presetAdminKey?: string | undefined;
  /** Label of the org's first admin key. */
  adminKeyLabel: string;
}

export interface CreatedOrganization {
  org: Organization;
  owner: User;
  /** The secret in clear: shown once, never stored or logged. */
  adminKey: { id: string; secret: string };
  ownerLink: IssuedLink;
}

export interface OrgSetupDeps {
  clock: Clock;
  tokens: Pick<TokenService, 'issueAdminKeyIn'>;
  links: Pick<LinkService, 'issueIn'>;
}

type Actor = { actorType: AuditEntry['actorType']; actorId: string | null; ip: string | null };

/** In the caller's transaction: the org and everything it starts with, audited in its own chain. */
export async function createOrganizationIn(tx: Stores, deps: OrgSetupDeps, input: NewOrganization, actor: Actor, action: string): Promise<CreatedOrganization> {
  const now = deps.clock();
  const org: Organization = { id: newOrgId(), name: input.name, createdAt: now, disabledAt: null };
  await tx.organizations.insert(org);
  const owner: User = {
    id: newId('usr'),
    orgId: org.id,
    email: input.ownerEmail,
    name: input.ownerName,
    role: 'owner',
    accountType: 'managed',
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await tx.users.insert(owner);
  await ensurePolicyDefaults(tx, org.id, now, SAFE_DEFAULT_RULE);
  await tx.audit.append(auditEntry({ orgId: org.id, ...actor, action, targetType: 'org', targetId: org.id, details: { name: org.name, ownerId: owner.id } }, deps.clock));
  const issued = await deps.tokens.issueAdminKeyIn(tx, {
    orgId: org.id,
    label: input.adminKeyLabel,
    scopes: ALL_ADMIN_SCOPES,
    expiresAt: null,
    createdBy: owner.id,
    presetSecret: input.presetAdminKey,
    audit: actor,
  });
  // The owner's one-time link (24 hours) to set a password and reach the console.
  const ownerLink = await deps.links.issueIn(tx, owner, 'owner_setup', actor);
  return { org, owner, adminKey: { id: issued.token.id, secret: issued.secret }, ownerLink };
}
