/**
 * All stores over one executor: the database itself, or a transaction a service opened
 * (`db.transaction().execute((trx) => work(createStores(trx)))`).
 */
import type { Kysely } from 'kysely';
import { createAuditChainStore } from './audit-chain-store.js';
import { createAuditStore } from './audit-store.js';
import { createAuthLinkStore } from './auth-link-store.js';
import { createCredentialStore } from './credential-store.js';
import { createGroupStore } from './group-store.js';
import { createGroupApproverStore } from './group-approver-store.js';
import { createTokenControlStore } from './token-control-store.js';
import { createServiceAccountOwnerStore } from './service-account-owner-store.js';
import { createOrganizationStore } from './organization-store.js';
import { createInstanceKeyStore } from './instance-key-store.js';
import { createPolicyStore } from './policy-store.js';
import { createScopeStore } from './scope-store.js';
import { createScimStore } from './scim-store.js';
import { createScimTokenStore } from './scim-token-store.js';
import type { Database } from './schema.js';
import { createServiceAccountStore } from './service-account-store.js';
import { createSessionStore } from './session-store.js';
import { createSettingsStore } from './settings-store.js';
import { createTokenDeliveryStore } from './token-delivery-store.js';
import { createTokenRequestStore } from './token-request-store.js';
import { createSsoConfigStore } from './sso-config-store.js';
import { createTokenLeakQueries } from './token-leak-queries.js';
import { createTokenStatusQueries } from './token-status-queries.js';
import { createTokenStore } from './token-store.js';
import { createUserStore } from './user-store.js';
import { createDeliveryStore } from './delivery-store.js';
import { createEventStore } from './event-store.js';
import { createHygieneQueries } from './hygiene-queries.js';
import { createIdlePolicyQueries } from './idle-policy-queries.js';
import { createJobRunStore } from './job-run-store.js';
import { createNotificationSettingsStore } from './notification-settings-store.js';
import { createWebhookStore } from './webhook-store.js';
import { createConnectorStore } from './connector-store.js';
import { createExternalRequestStore } from './external-request-store.js';
import { createExternalTokenStore } from './external-token-store.js';
import { createConnectorRotationStore } from './connector-rotation-store.js';
import { createAssigneeNameQueries } from './assignee-names.js';

export function createStores(db: Kysely<Database>) {
  return {
    settings: createSettingsStore(db),
    organizations: createOrganizationStore(db),
    instanceKeys: createInstanceKeyStore(db),
    users: createUserStore(db),
    serviceAccounts: createServiceAccountStore(db),
    tokens: createTokenStore(db),
    audit: createAuditStore(db),
    auditChains: createAuditChainStore(db),
    groups: createGroupStore(db),
    tokenStatus: createTokenStatusQueries(db),
    scopes: createScopeStore(db),
    policies: createPolicyStore(db),
    tokenRequests: createTokenRequestStore(db),
    groupApprovers: createGroupApproverStore(db),
    tokenControls: createTokenControlStore(db),
    serviceAccountOwners: createServiceAccountOwnerStore(db),
    tokenDeliveries: createTokenDeliveryStore(db),
    credentials: createCredentialStore(db),
    sessions: createSessionStore(db),
    authLinks: createAuthLinkStore(db),
    ssoConfigs: createSsoConfigStore(db),
    scimTokens: createScimTokenStore(db),
    scim: createScimStore(db),
    tokenLeaks: createTokenLeakQueries(db),
    // Automation and notifications.
    events: createEventStore(db),
    webhooks: createWebhookStore(db),
    deliveries: createDeliveryStore(db),
    notificationSettings: createNotificationSettingsStore(db),
    jobRuns: createJobRunStore(db),
    hygiene: createHygieneQueries(db),
    idlePolicy: createIdlePolicyQueries(db),
    // Connectors: tokens of connected systems (migration 0012).
    connectors: createConnectorStore(db),
    externalTokens: createExternalTokenStore(db),
    externalRequests: createExternalRequestStore(db),
    connectorRotations: createConnectorRotationStore(db),
    // Policy files name assignees instead of giving ids.
    assigneeNames: createAssigneeNameQueries(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
