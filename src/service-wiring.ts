/**
 * The services of a core, built from the configuration and an open database: what the composition
 * root (app.ts) wires together, kept apart so that file stays the order of start and stop.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { deriveCursorKey } from './domain/cursor.js';
import type { Pepper } from './domain/token-digest.js';
import { createApprovalService } from './service/approval-service.js';
import { createTeamApprovalService } from './service/team-approval-service.js';
import { createSelfTokenService } from './service/self-token-service.js';
import { createTokenControlsService } from './service/token-controls-service.js';
import { createServiceAccountOwnerService } from './service/service-account-owner-service.js';
import { createAuditChainService } from './service/audit-chain-service.js';
import { createAuditLogService } from './service/audit-log-service.js';
import { StartupError } from './service/bootstrap-service.js';
import { createGithubKeySource, type GithubKeySource } from './service/github-key-source.js';
import { createGroupDirectoryService } from './service/group-directory-service.js';
import { createIssuanceService } from './service/issuance-service.js';
import { createLeakedTokenService } from './service/leaked-token-service.js';
import { createOrganizationService } from './service/organization-service.js';
import { createInstanceService } from './service/instance-service.js';
import { createOrgTokenService } from './service/org-token-service.js';
import { createPolicyService } from './service/policy-service.js';
import { createGovernanceService } from './service/governance-service.js';
import { createPolicySetService } from './service/policy-set-service.js';
import { createSelfService } from './service/self-service.js';
import { createScimGroupService } from './service/scim-group-service.js';
import { createScimTokenService } from './service/scim-token-service.js';
import { createScimUserService } from './service/scim-user-service.js';
import { createServiceAccountService } from './service/service-account-service.js';
import { createTokenInventoryService } from './service/token-inventory-service.js';
import { createTokenService } from './service/token-service.js';
import { createUserDirectoryService } from './service/user-directory-service.js';
import { createLinkService, type LinkDelivery } from './service/link-service.js';
import { createOidcService } from './service/oidc-service.js';
import { createPasswordHasher } from './service/password-hasher.js';
import { createSessionService } from './service/session-service.js';
import { createSignInService } from './service/sign-in-service.js';
import { createSsoConfigService } from './service/sso-config-service.js';
import { createDeliveryService } from './service/delivery-service.js';
import { createHygieneJobs } from './service/hygiene-jobs.js';
import { createExternalHygiene } from './service/external-hygiene.js';
import type { ConnectorClientOptions } from './service/connectors/connector-types.js';
import { createJobService } from './service/job-service.js';
import { createNotificationSettingsService } from './service/notification-settings-service.js';
import { createWebhookService } from './service/webhook-service.js';
import { createEventLogService } from './service/event-log-service.js';
import { createConnectorService } from './service/connector-service.js';
import { createConnectorViolations } from './service/connector-violations.js';
import { createGithubRequestService } from './service/github-request-service.js';
import { createConnectorRotationService } from './service/connector-rotation-service.js';
import { createConnectorSyncService, type ConnectorSyncOptions } from './service/connector-sync-service.js';
import { createSecretBox } from './domain/secret-box.js';
import { DEFAULT_BACKOFF } from './domain/retry.js';
import { type TokenChangeBus } from './service/token-change-bus.js';
import { type UsageSink } from './service/usage-recorder.js';
import { createUsageService } from './service/usage-service.js';
import { type DatabaseHandle } from './store/db.js';

export interface ServiceWiring {
  config: Readonly<Config>;
  baseUrl: () => string;
  deliverLink: LinkDelivery;
  githubKeys: GithubKeySource;
  bus: TokenChangeBus;
  usage: UsageSink;
  connectors: ConnectorSyncOptions;
}

/** Where GitHub's secret-scanning keys come from: a fixed file when configured, else fetched. */
export function githubKeySourceOf(config: Readonly<Config>, clock: Clock): GithubKeySource {
  const { keysUrl, keysFile, githubToken } = config.secretScanning;
  let staticDocument: string | undefined;
  if (keysFile) {
    try {
      staticDocument = readFileSync(keysFile, 'utf8');
    } catch (error) {
      throw new StartupError(`TOKENWARD_GITHUB_KEYS_FILE ${keysFile} cannot be read: ${(error as Error).message}`);
    }
  }
  try {
    return createGithubKeySource({ keysUrl, staticDocument, githubToken, nowMs: () => clock().getTime() });
  } catch (error) {
    throw new StartupError(`TOKENWARD_GITHUB_KEYS_FILE ${keysFile}: ${(error as Error).message}`);
  }
}

export function createServices(database: DatabaseHandle, pepper: Pepper, clock: Clock, wiring: ServiceWiring) {
  const { db } = database;
  // Signs page cursors; services that page take it (see src/domain/cursor.ts).
  const cursorKey = deriveCursorKey(pepper);
  const { config, baseUrl, githubKeys, bus } = wiring;
  const auditChain = createAuditChainService({ db, clock });
  const sessions = createSessionService({
    db,
    pepper,
    clock,
    policy: { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionMaxHours * 3_600_000 },
  });
  const directoryUsers = createUserDirectoryService({ db, clock, cursorKey, bus });
  const directoryGroups = createGroupDirectoryService({ db, clock, cursorKey, bus });
  const tokens = createTokenService({ db, pepper, clock, usage: wiring.usage });
  const issuance = createIssuanceService({ db, clock, pepper, tokens, bus });
  const approvals = createApprovalService({ db, clock, cursorKey, issuance });
  const links = createLinkService({ db, pepper, clock, baseUrl, deliver: wiring.deliverLink });
  return {
    sessions,
    signIn: createSignInService({ db, pepper, clock, hasher: createPasswordHasher(pepper), sessions }),
    links,
    oidc: createOidcService({ db, pepper, clock, sessions, baseUrl }),
    ssoConfigs: createSsoConfigService({ db, pepper, clock }),
    ...createAutomationServices(database, pepper, clock, config, cursorKey, bus, wiring.connectors.client),
    tokens,
    organizations: createOrganizationService({ db }),
    instance: createInstanceService({ db, pepper, clock, tokens, links, bus }),
    directoryUsers,
    directoryGroups,
    // SCIM provisioning changes the directory only through the two services above.
    scimTokens: createScimTokenService({ db, pepper, clock, cursorKey }),
    scimUsers: createScimUserService({ db, clock, directoryUsers }),
    scimGroups: createScimGroupService({ db, clock, directoryGroups }),
    serviceAccounts: createServiceAccountService({ db, clock, cursorKey, bus }),
    inventory: createTokenInventoryService({ db, dialect: database.dialect, clock, cursorKey, bus }),
    orgTokens: createOrgTokenService({ db, dialect: database.dialect, clock, cursorKey }),
    usage: createUsageService({ db, clock, cursorKey }),
    policies: createPolicyService({ db, clock, cursorKey, bus }),
    governance: createGovernanceService({ db, clock }),
    policySets: createPolicySetService({ db, clock, bus }),
    issuance,
    approvals,
    teamApprovals: createTeamApprovalService({ db, clock, cursorKey, approvals }),
    selfTokens: createSelfTokenService({ db, pepper, clock, issuance, bus }),
    tokenControls: createTokenControlsService({ db, clock, bus }),
    serviceAccountOwners: createServiceAccountOwnerService({ db, clock }),
    selfService: createSelfService({ db, clock, cursorKey, issuance, approvals, bus }),
    auditChain,
    auditLog: createAuditLogService({ db, clock, cursorKey, purgeExpiredEntries: auditChain.purgeExpiredEntries }),
    leakedTokens: createLeakedTokenService({ db, pepper, clock, githubKeys, bus }),
    ...createConnectorServices(database, pepper, clock, wiring.connectors),
  };
}

/** Connectors: tokens of connected systems (docs/connectors-atlassian.md). */
export function createConnectorServices(database: DatabaseHandle, pepper: Pepper, clock: Clock, options: ConnectorSyncOptions) {
  const credentials = createSecretBox(pepper, 'connector-credential');
  const githubRequests = createGithubRequestService({ db: database.db, clock, credentials, client: options.client });
  // GitHub's pending requests are read and decided with every sync: the backstop for a missed webhook.
  const connectorSync = createConnectorSyncService({ db: database.db, clock, credentials, options, afterLists: async (connector) => void (await githubRequests.poll(connector)) });
  return {
    connectorSync,
    githubRequests,
    connectors: createConnectorService({ db: database.db, clock, credentials, sync: connectorSync, client: options.client }),
    connectorViolations: createConnectorViolations({ db: database.db, clock }),
    connectorRotations: createConnectorRotationService({ db: database.db, clock, pepper, credentials, client: options.client }),
  };
}

/** A schedule for a job that does not exist is a typo: stop at start, before opening anything. */
export function assertKnownJobs(config: Readonly<Config>): void {
  const names = createHygieneJobs({ clock: systemClock }).map((job) => job.name);
  const unknown = Object.keys(config.automation.jobSchedules).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new ConfigError(`TOKENWARD_JOB_SCHEDULES names unknown jobs: ${unknown.join(', ')}; the jobs are ${names.join(', ')}.`);
}

/** Webhooks, e-mail settings, deliveries and jobs (docs/automation.md). */
export function createAutomationServices(database: DatabaseHandle, pepper: Pepper, clock: Clock, config: Readonly<Config>, cursorKey: Buffer, bus: TokenChangeBus, connectorClient: ConnectorClientOptions | undefined) {
  const { db } = database;
  const webhookSecrets = createSecretBox(pepper, 'webhook-secret');
  const smtpPasswords = createSecretBox(pepper, 'smtp-password');
  const automation = config.automation;
  const backoff = { ...DEFAULT_BACKOFF, baseMs: automation.retryBaseMs, maxAttempts: automation.maxAttempts };
  // Connected tokens join the idle-revoke and expiry-warning jobs, revoked through their connector.
  const external = createExternalHygiene({ clock, credentials: createSecretBox(pepper, 'connector-credential'), client: connectorClient });
  const jobs = createHygieneJobs({ clock, schedules: automation.jobSchedules, bus, external });
  return {
    webhooks: createWebhookService({ db, clock, webhookSecrets, cursorKey, allowPrivateUrls: automation.allowPrivateWebhookUrls }),
    eventLog: createEventLogService({ db, cursorKey }),
    notificationSettings: createNotificationSettingsService({ db, clock, smtpPasswords }),
    deliveries: createDeliveryService({ db, clock, webhookSecrets, smtpPasswords, options: { backoff, webhookTimeoutMs: automation.webhookTimeoutMs, smtpTimeoutMs: automation.smtpTimeoutMs, publicUrl: config.publicUrl ?? null } }),
    jobs: createJobService({
      db,
      clock,
      cursorKey,
      jobs,
      options: { leaseMs: automation.jobLeaseMs, stepDelayMs: automation.jobStepDelayMs, backoff: { ...backoff, maxAttempts: Math.min(backoff.maxAttempts, 5) } },
    }),
  };
}
