/** Kysely table types (migration 0010): usage events and their daily aggregates. See schema.ts for the conventions. */
import type { Generated } from 'kysely';

/** Migration 0010: `count` identical verifications from `at` to `last_at`. */
export interface UsageEventTable {
  seq: Generated<number>;
  org_id: string;
  token_id: string | null;
  at: number;
  last_at: number;
  count: number;
  code: string;
  method: string | null;
  route: string | null;
  ip: string | null;
  user_agent: string | null;
  upstream_status: number | null;
  /** Delegated gateway calls: the upstream account the call was made as. */
  upstream_account: string | null;
}

/** Per token and UTC day (`day` = epoch day number). */
export interface UsageDailyTable {
  token_id: string;
  day: number;
  org_id: string;
  calls: number;
  errors: number;
  first_at: number;
  last_at: number;
}

export interface UsageDailyRouteTable {
  token_id: string;
  day: number;
  /** '' when unknown. */
  method: string;
  route: string;
  org_id: string;
  calls: number;
  errors: number;
}

export interface UsageDailyIpTable {
  token_id: string;
  day: number;
  /** '' when unknown. */
  ip: string;
  org_id: string;
  calls: number;
}

export interface TokenIpTable {
  token_id: string;
  ip: string;
  org_id: string;
  first_seen_at: number;
  last_seen_at: number;
  calls: number;
}
