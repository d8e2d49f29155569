/** The API's shapes, taken from the server's TypeBox schemas (`import type` only: no server code ships). */
export type { OrgTokenCountsResponse, OrgTokenJson, OrgTokenListResponse } from '../../../src/http/schemas/org-tokens.ts';
export type { GroupDetailJson, GroupJson, UserJson } from '../../../src/http/schemas/directory.ts';
export type { OrgListResponse, OrgResponse } from '../../../src/http/schemas/organizations.ts';
export type { ServiceAccountItem, ServiceAccountListResponse, ServiceAccountTokenList } from '../../../src/http/schemas/service-accounts.ts';

export interface PageLinks {
  self?: string;
  next: string | null;
  prev: string | null;
}

export type Role = 'owner' | 'admin' | 'approver' | 'auditor' | 'member';

/** A service account nobody answers for: none named, the person deactivated, or the owner gone. */
export interface AccountNeedingOwner {
  id: string;
  displayName: string;
  email: string;
  reason: 'none' | 'owner_deactivated' | 'owner_gone';
}

export interface AccountsNeedingOwnerResponse {
  data: AccountNeedingOwner[];
}

/** `GET /api/v1/auth/session` and the sign-in answer. */
export interface SessionJson {
  user: { id: string; orgId: string; email: string; name: string; role: Role };
  csrfToken: string;
  expiresAt: string;
}

export type LifecycleStatus = 'active' | 'suspended' | 'expired' | 'revoked';
export type OwnerKind = 'user' | 'service-account' | 'admin-key';
export const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = ['active', 'suspended', 'expired', 'revoked'];
export const OWNER_KINDS: readonly OwnerKind[] = ['user', 'service-account', 'admin-key'];

import type { Static } from 'typebox';
import type { TokenRequestJson as TokenRequestSchema, TokenRequestList as TokenRequestListSchema, IssuedTokenJson as IssuedTokenSchema } from '../../../src/http/schemas/issuance.ts';
import type { PolicyListResponse as PolicyListSchema, ScopeListResponse as ScopeListSchema } from '../../../src/http/schemas/policies.ts';
import type { AuditEntryJson as AuditEntrySchema, AuditLogPage as AuditLogPageSchema, NamedThingJson as NamedThingSchema } from '../../../src/http/schemas/audit-log.ts';

export type TokenRequestJson = Static<typeof TokenRequestSchema>;
export type TokenRequestList = Static<typeof TokenRequestListSchema>;
export type IssuedTokenJson = Static<typeof IssuedTokenSchema>;
export type PolicyListResponse = Static<typeof PolicyListSchema>;
export type PolicyResource = PolicyListResponse['data'][number];
export type ScopeListResponse = Static<typeof ScopeListSchema>;
export type AuditEntryJson = Static<typeof AuditEntrySchema>;
export type AuditLogPage = Static<typeof AuditLogPageSchema>;
export type NamedThing = Static<typeof NamedThingSchema>;
export type AuditNames = AuditLogPage['names'];

import type { UsageSummaryResponse as UsageSummarySchema } from '../../../src/http/schemas/usage.ts';
export type UsageSummary = Static<typeof UsageSummarySchema>;
import type { UsageEventsResponse as UsageEventsSchema, TopTokensResponse as TopTokensSchema, NewIpsResponse as NewIpsSchema } from '../../../src/http/schemas/usage.ts';
export type UsageEvents = Static<typeof UsageEventsSchema>;
export type UsageEvent = UsageEvents['data'][number];
export type TopTokens = Static<typeof TopTokensSchema>;
export type NewIps = Static<typeof NewIpsSchema>;

import type { EffectivePolicyResponse as EffectivePolicySchema } from '../../../src/http/schemas/policies.ts';
import type { TokenJson as TokenSchema } from '../../../src/http/schemas/issuance.ts';
export type EffectivePolicy = Static<typeof EffectivePolicySchema>['data'];
export type MyTokenJson = Static<typeof TokenSchema>;

import type { ImpactResponse as ImpactSchema, PolicyBody as PolicyBodySchema, PolicyResponse as PolicyResponseSchema } from '../../../src/http/schemas/policies.ts';
export type PolicyImpact = Static<typeof ImpactSchema>['data'];
export type PolicyBody = Static<typeof PolicyBodySchema>;
export type PolicyRule = PolicyBody['data']['attributes']['rule'];
export type ExistingTokensMode = 'leave' | 'clamp' | 'revoke';
export type PolicySaved = Static<typeof PolicyResponseSchema>;

import type {
  AutomationSettingsJson as AutomationSettingsSchema,
  DeliveryListResponse as DeliveryListSchema,
  DryRunResponse as DryRunSchema,
  JobListResponse as JobListSchema,
  JobRunJson as JobRunSchema,
  JobRunListResponse as JobRunListSchema,
  SmtpJson as SmtpSchema,
  WebhookListResponse as WebhookListSchema,
  WebhookWithSecretJson as WebhookWithSecretSchema,
} from '../../../src/http/schemas/automation.ts';
export type JobList = Static<typeof JobListSchema>;
export type JobItem = JobList['data'][number];
export type JobRun = Static<typeof JobRunSchema>;
export type JobRunList = Static<typeof JobRunListSchema>;
export type DryRun = Static<typeof DryRunSchema>;
export type AutomationSettings = Static<typeof AutomationSettingsSchema>;
export type SmtpSettings = Static<typeof SmtpSchema>;
export type WebhookList = Static<typeof WebhookListSchema>;
export type WebhookItem = WebhookList['data'][number];
export type WebhookWithSecret = Static<typeof WebhookWithSecretSchema>;
export type DeliveryList = Static<typeof DeliveryListSchema>;
export type DeliveryItem = DeliveryList['data'][number];

import type { SsoConfigJson as SsoConfigSchema } from '../../../src/http/schemas/sign-in.ts';
export type SsoConfig = Static<typeof SsoConfigSchema>;

import type { RateLimitsJson as RateLimitsSchema } from '../../../src/http/schemas/rate-limits.ts';
export type RateLimits = Static<typeof RateLimitsSchema>;
import type { OrgDailyResponse as OrgDailySchema } from '../../../src/http/schemas/usage.ts';
export type OrgDaily = Static<typeof OrgDailySchema>;
export type { PeopleColumnsResponse, PolicyCoverageResponse, ServiceAccountColumnsResponse } from '../../../src/http/schemas/governance.ts';
