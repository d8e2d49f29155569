/** Tables of the gateway's delegated mode (migration 0014). */
export interface UpstreamGrantTable {
  id: string;
  org_id: string;
  user_id: string;
  upstream: string;
  subject: string | null;
  /** `active`, or `reconnect` once the upstream refused the grant (revoked, expired). */
  status: string;
  /** Sealed. */
  refresh_token: string | null;
  /** Sealed. */
  access_token: string | null;
  access_expires_at: number | null;
  refresh_claimed_until: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}
