import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { Organization } from '../domain/models.js';
import { authorizeOrgAccess, type Principal } from '../domain/principal.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';

export function createOrganizationService(deps: { db: Kysely<Database> }) {
  const stores = createStores(deps.db);
  return {
    /** The orgs a principal can reach: an org admin API key reaches its own org. */
    async listReachable(principal: Principal): Promise<Organization[]> {
      const org = await stores.organizations.findById(principal.orgId);
      return org ? [org] : [];
    },
    async get(principal: Principal, orgId: string): Promise<Organization> {
      authorizeOrgAccess(principal, orgId, null);
      const org = await stores.organizations.findById(orgId);
      if (!org) throw new DomainError('ORG_NOT_FOUND');
      return org;
    },
    /** For the CLI: an org by id, or by name when no id matches. */
    async resolve(idOrName: string): Promise<Organization> {
      const org = (await stores.organizations.findById(idOrName)) ?? (await stores.organizations.findByName(idOrName));
      if (!org) throw new DomainError('ORG_NOT_FOUND', `No organization has the id or name "${idOrName}".`);
      return org;
    },
    /** For the CLI: the org named, or the only one when none is named (VALIDATION_FAILED when there are several). */
    async resolveOnly(idOrName: string | undefined): Promise<Organization> {
      if (idOrName !== undefined) return this.resolve(idOrName);
      const all = await stores.organizations.listAll();
      if (all.length !== 1) throw new DomainError('VALIDATION_FAILED', `There are ${all.length} organizations: name one with --org.`);
      return all[0]!;
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
