/** Kysely table types (migration 0007): scope catalogue, policies, token requests and one-time deliveries. See schema.ts for the conventions. */
/** The org's scope catalogue. `is_builtin` 1 for the seeded scopes, 0 for admins' own. */
export interface ScopeCatalogueTable {
  org_id: string;
  name: string;
  description: string;
  scope_class: string;
  is_builtin: number;
  created_at: number;
}

export interface PolicyTable {
  id: string;
  org_id: string;
  name: string;
  status: string;
  priority: number;
  /** 1 for the org's one default policy (its id is derived from the org id). */
  is_default: number;
  /** JSON of the domain `PolicyRule`. */
  rule: string;
  created_at: number;
  updated_at: number;
}

export interface PolicyAssignmentTable {
  policy_id: string;
  org_id: string;
  /** user | group | service_account */
  assignee_type: string;
  assignee_id: string;
}

export interface TokenRequestTable {
  id: string;
  org_id: string;
  requester_id: string;
  label: string;
  /** JSON array. */
  scopes: string;
  lifetime_days: number;
  justification: string | null;
  /** The policy that governed the requester when they filed it. */
  policy_id: string;
  /** pending | approved | denied */
  status: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  granted_scopes: string | null;
  granted_lifetime_days: number | null;
  token_id: string | null;
  created_at: number;
  /** Migration 0013: what the requested token is for, and its tags (JSON array). */
  purpose: string | null;
  tags: string | null;
}

/**
 * A token whose secret is born when its recipient retrieves it, once, within 7 days: an approved
 * request (`request_id`) or a central issuance delivered by link (`link_digest`, HMAC of the link).
 */
export interface TokenDeliveryTable {
  id: string;
  org_id: string;
  token_id: string;
  recipient_user_id: string;
  request_id: string | null;
  link_digest: string | null;
  expires_at: number;
  redeemed_at: number | null;
  created_at: number;
}

/** Migration 0013: who decides a group's token requests (team leads). */
export interface GroupApproverTable {
  group_id: string;
  user_id: string;
  org_id: string;
  created_at: number;
}

/** Migration 0013: a token's purpose and tags, and an admin's suspension of it. */
export interface TokenControlTable {
  token_id: string;
  org_id: string;
  purpose: string | null;
  /** JSON array. */
  tags: string;
  suspended_at: number | null;
  suspended_by: string | null;
  suspend_reason: string | null;
  updated_at: number;
}

/** Migration 0013: who answers for a service account (a person or a group). */
export interface ServiceAccountOwnerTable {
  service_account_id: string;
  org_id: string;
  /** user | group */
  owner_type: string;
  owner_id: string;
  /** 1 when the owning person was deactivated: someone must take the account over. */
  needs_reassignment: number;
  updated_at: number;
}
