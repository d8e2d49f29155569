/**
 * Accountable owners of service accounts (docs/policies.md "Who answers for a service account"):
 * a person or a group answers for each account, and its tokens' expiry, idle and leak notices go
 * to them. Accounts nobody answers for, or whose owning person was deactivated, are listed for the
 * overview until someone takes them over.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import type { AccountableOwner, AccountNeedingOwner, OwnerRecord } from '../store/service-account-owner-store.js';

export type { AccountableOwner, AccountNeedingOwner, OwnerRecord };
import { auditEntry } from './audit-service.js';
import type { Caller } from './user-directory-service.js';

const NEEDING_OWNER_SHOWN = 500;

export function createServiceAccountOwnerService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  const stores = createStores(db);

  return {
    async getOwner(caller: Caller, orgId: string, serviceAccountId: string): Promise<OwnerRecord | null> {
      authorizeOrgAccess(caller.principal, orgId, 'read:service-accounts:admin');
      if (!(await stores.serviceAccounts.findById(orgId, serviceAccountId))) throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND');
      return stores.serviceAccountOwners.find(serviceAccountId);
    },

    /** Names who answers for the account: an active person or a group of the org; clears a reassignment flag. */
    async setOwner(caller: Caller, orgId: string, serviceAccountId: string, owner: AccountableOwner): Promise<OwnerRecord> {
      authorizeOrgAccess(caller.principal, orgId, 'write:service-accounts:admin');
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.serviceAccounts.findById(orgId, serviceAccountId))) throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND');
        if (owner.type === 'user') {
          const user = await tx.users.findById(orgId, owner.id);
          if (!user || user.status !== 'active') throw new DomainError('VALIDATION_FAILED', 'The owner must be an active person of this organization.');
        } else if (!(await tx.groups.findById(orgId, owner.id))) {
          throw new DomainError('GROUP_NOT_FOUND');
        }
        await tx.serviceAccountOwners.set(orgId, serviceAccountId, owner, clock());
        await tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'service_account.owner_changed', targetType: 'service_account', targetId: serviceAccountId, details: { owner } }, clock));
        return (await tx.serviceAccountOwners.find(serviceAccountId))!;
      });
    },

    /** For the overview: accounts nobody answers for, or whose owning person was deactivated. */
    async listNeedingOwner(caller: Caller, orgId: string): Promise<AccountNeedingOwner[]> {
      authorizeOrgAccess(caller.principal, orgId, 'read:service-accounts:admin');
      return stores.serviceAccountOwners.listNeedingOwner(orgId, NEEDING_OWNER_SHOWN);
    },
  };
}

export type ServiceAccountOwnerService = ReturnType<typeof createServiceAccountOwnerService>;
