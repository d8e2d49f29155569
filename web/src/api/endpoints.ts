/**
 * Every API path the console calls, in one place: when an API moves, only this file
 * changes. Paths marked "issue N" belong to APIs built elsewhere; the console treats a 404 NOT_FOUND
 * (no such route) from them as "not available on this server yet".
 */
const enc = encodeURIComponent;

export const endpoints = {
  // Sign-in and sessions.
  login: '/api/v1/auth/login',
  logout: '/api/v1/auth/logout',
  session: '/api/v1/auth/session',
  me: '/api/v1/me',
  // The member's own tokens and requests.
  myPolicy: '/api/v1/me/effective-policy',
  myTokens: '/api/v1/me/tokens',
  myToken: (tokenId: string) => `/api/v1/me/tokens/${enc(tokenId)}`,
  rotateMyToken: (tokenId: string) => `/api/v1/me/tokens/${enc(tokenId)}/rotate`,
  myTokenRequests: '/api/v1/me/token-requests',
  retrieveMyRequest: (requestId: string) => `/api/v1/me/token-requests/${enc(requestId)}/retrieve`,
  /** A token an admin issued by one-time link, and a connected token's rotation sent to its owner. */
  redeemDeliveryLink: '/api/v1/me/token-deliveries/redeem',
  redeemRotationLink: '/api/v1/me/connector-rotations/redeem',
  /** One-time links: the console pages /setup, /invite and /reset-password post their token here. */
  redeemLink: {
    owner_setup: '/api/v1/auth/owner-setup',
    invite: '/api/v1/auth/invites/accept',
    password_reset: '/api/v1/auth/password-reset/complete',
  },
  passwordResetRequest: '/api/v1/auth/password-reset/request',

  // Organizations (Atlassian-compatible).
  orgs: '/admin/v1/orgs',
  org: (orgId: string) => `/admin/v1/orgs/${enc(orgId)}`,

  // Tokenward's inventory of every token and, on the same paths, issuance.
  tokens: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens`,
  tokenCounts: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/counts`,
  tokensCsv: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/export.csv`,
  token: (orgId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/${enc(tokenId)}`,

  // Connectors: tokens of connected systems.
  connectors: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors`,
  connectorTest: (orgId: string, connectorId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/${enc(connectorId)}/test`,
  connectorSync: (orgId: string, connectorId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/${enc(connectorId)}/sync`,
  connectorToken: (orgId: string, connectorId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/${enc(connectorId)}/tokens/${enc(tokenId)}`,
  githubRequestQueue: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/requests`,
  decideGithubRequests: (orgId: string, connectorId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/${enc(connectorId)}/requests/decide`,
  connectorViolations: (orgId: string, connectorId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/connectors/${enc(connectorId)}/violations`,

  // Per-kind revocation on the Atlassian-compatible API.
  revokeUserToken: (userId: string, tokenId: string) => `/users/${enc(userId)}/manage/api-tokens/${enc(tokenId)}`,
  revokeAdminKey: (orgId: string, keyId: string) => `/admin/api-access/v1/orgs/${enc(orgId)}/api-keys/revoke/${enc(keyId)}`,

  // Rotation, policies, scope catalogue, approvals.
  rotateToken: (orgId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/${enc(tokenId)}/rotate`,
  policies: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/policies`,
  policyCoverage: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/policies/coverage`,
  peopleColumns: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/people-columns`,
  serviceAccountColumns: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/service-account-columns`,
  scopes: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/scopes`,
  tokenRequests: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/token-requests`,
  approveRequest: (orgId: string, id: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/token-requests/${enc(id)}/approve`,
  denyRequest: (orgId: string, id: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/token-requests/${enc(id)}/deny`,

  // Policy editor: one policy, and the impact preview of creating or replacing one.
  policy: (orgId: string, policyId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/policies/${enc(policyId)}`,
  previewNewPolicy: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/policies/preview`,
  previewPolicy: (orgId: string, policyId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/policies/${enc(policyId)}/preview`,

  // Automation and settings.
  jobs: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/jobs`,
  jobRuns: (orgId: string, job: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/jobs/${enc(job)}/runs`,
  runJob: (orgId: string, job: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/jobs/${enc(job)}/run`,
  dryRunJob: (orgId: string, job: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/jobs/${enc(job)}/dry-run`,
  automationSettings: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/automation/settings`,
  smtp: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/notifications/smtp`,
  webhooks: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/webhooks`,
  webhook: (orgId: string, id: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/webhooks/${enc(id)}`,
  webhookDeliveries: (orgId: string, id: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/webhooks/${enc(id)}/deliveries`,
  redeliver: (orgId: string, id: string, deliveryId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`,
  sso: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/sso`,
  rateLimits: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/rate-limits`,
  idlePastPolicy: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/idle-past-policy`,

  // Activity.
  orgUsageDaily: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/usage/daily`,
  myTokenUsageSummary: (tokenId: string) => `/api/v1/me/tokens/${enc(tokenId)}/usage/summary`,
  tokenLimits: (orgId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/${enc(tokenId)}/limits`,
  tokenUsageEvents: (orgId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/${enc(tokenId)}/usage/events`,
  topTokens: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/usage/top-tokens`,
  newIps: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/usage/new-ips`,
  tokenUsageSummary: (orgId: string, tokenId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/tokens/${enc(tokenId)}/usage/summary`,

  // Audit log.
  names: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/names`,
  auditLog: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/audit-log`,
  auditExport: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/audit-log/export`,

  // Directory.
  users: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users`,
  user: (orgId: string, userId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users/${enc(userId)}`,
  inviteUser: (orgId: string, userId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users/${enc(userId)}/invite`,
  deactivateUser: (orgId: string, userId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users/${enc(userId)}/deactivate`,
  reactivateUser: (orgId: string, userId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users/${enc(userId)}/reactivate`,
  userEffectivePolicy: (orgId: string, userId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/users/${enc(userId)}/effective-policy`,
  groups: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/groups`,
  group: (orgId: string, groupId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/groups/${enc(groupId)}`,

  // Service accounts (Atlassian-compatible).
  serviceAccounts: (orgId: string) => `/admin/api-access/v1/orgs/${enc(orgId)}/service-accounts`,
  serviceAccountsNeedingOwner: (orgId: string) => `/admin/tokenward/v1/orgs/${enc(orgId)}/service-accounts/needing-owner`,
  serviceAccount: (orgId: string, id: string) => `/admin/api-access/v1/orgs/${enc(orgId)}/service-accounts/${enc(id)}`,
  serviceAccountTokens: (orgId: string, id: string) => `/admin/api-access/v1/orgs/${enc(orgId)}/service-accounts/${enc(id)}/api-tokens`,
} as const;
