/**
 * All stores over one executor: the database itself, or a transaction a service opened
 * (`db.transaction().execute((trx) => work(createStores(trx)))`).
 */
import type { Kysely } from 'kysely';
import { createAuditChainStore } from './audit-chain-store.js';
import { createAuditStore } from './audit-store.js';
import { createGroupStore } from './group-store.js';
import { createOrganizationStore } from './organization-store.js';
import type { Database } from './schema.js';
import { createServiceAccountStore } from './service-account-store.js';
import { createSettingsStore } from './settings-store.js';
import { createTokenLeakQueries } from './token-leak-queries.js';
import { createTokenStatusQueries } from './token-status-queries.js';
import { createTokenStore } from './token-store.js';
import { createUserStore } from './user-store.js';

export function createStores(db: Kysely<Database>) {
  return {
    settings: createSettingsStore(db),
    organizations: createOrganizationStore(db),
    users: createUserStore(db),
    serviceAccounts: createServiceAccountStore(db),
    tokens: createTokenStore(db),
    audit: createAuditStore(db),
    auditChains: createAuditChainStore(db),
    groups: createGroupStore(db),
    tokenStatus: createTokenStatusQueries(db),
    tokenLeaks: createTokenLeakQueries(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
