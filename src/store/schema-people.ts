/** Kysely table types: sign-in (migration 0005) and SCIM (migration 0006). See schema.ts for the conventions. */
/** Migration 0005: a user's argon2id password hash, apart from `users`. */
export interface UserCredentialTable {
  user_id: string;
  password_hash: string;
  updated_at: number;
}

/** Server-side sessions; `digest` is the HMAC of the cookie's secret, never the secret. */
export interface SessionTable {
  id: string;
  digest: string;
  org_id: string;
  user_id: string;
  /** `password` or `sso`. */
  method: string;
  created_at: number;
  last_seen_at: number;
  ip: string | null;
}

/** One-time links (invite, password_reset, owner_setup); `digest` is the HMAC of the link's secret. */
export interface AuthLinkTable {
  id: string;
  digest: string;
  kind: string;
  org_id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  created_by: string | null;
}

/** An org's OIDC single sign-on; the client secret is AES-256-GCM sealed under a pepper-derived key. */
export interface SsoConfigTable {
  org_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  /** Space-separated, as OAuth sends them. */
  scopes: string;
  /** JSON array of lower-case domains. */
  allowed_domains: string;
  group_claim: string | null;
  /** JSON object: claim value -> group id. */
  group_mapping: string;
  jit_enabled: number;
  created_at: number;
  updated_at: number;
}

/** Migration 0006 (docs/scim.md): SCIM bearer tokens, kept apart from `tokens`. */
export interface ScimTokenTable {
  id: string;
  org_id: string;
  label: string;
  /** HMAC-SHA256 of the secret under the pepper; the secret itself is never stored. */
  digest: string;
  display_prefix: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** Migration 0006: what SCIM knows of a user beyond the directory's columns. */
export interface ScimUserTable {
  user_id: string;
  org_id: string;
  user_name: string;
  user_name_lower: string;
  external_id: string | null;
  /** JSON object: the other SCIM attributes as the client sent them (never `password`). */
  attributes: string;
  created_at: number;
  updated_at: number;
  /** Set when a SCIM client deleted the user: hidden from SCIM, kept (deactivated) in Tokenward. */
  deleted_at: number | null;
}

/** Migration 0006: a group's SCIM `externalId`. */
export interface ScimGroupTable {
  group_id: string;
  org_id: string;
  external_id: string | null;
  created_at: number;
  updated_at: number;
}
