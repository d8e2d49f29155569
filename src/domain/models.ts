/** Domain shapes returned by the stores. Times are `Date`; absent times are `null`. */
import type { TokenKind } from './token-format.js';

export type UserRole = 'owner' | 'admin' | 'approver' | 'auditor' | 'member';
export type AccountType = 'managed' | 'external';
export type UserStatus = 'active' | 'deactivated';
export type TokenStatus = 'active' | 'suspended' | 'revoked';
export type ServiceAccountStatus = 'ACTIVE' | 'INACTIVE';

export interface Organization {
  id: string;
  name: string;
  createdAt: Date;
  /** Set while the instance administrator has disabled the org: nothing of it authenticates. */
  disabledAt?: Date | null;
}

export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: UserRole;
  accountType: AccountType;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const USER_ROLES: readonly UserRole[] = ['owner', 'admin', 'approver', 'auditor', 'member'];
export const ACCOUNT_TYPES: readonly AccountType[] = ['managed', 'external'];
export const USER_STATUSES: readonly UserStatus[] = ['active', 'deactivated'];

export interface Group {
  id: string;
  orgId: string;
  name: string;
  createdAt: Date;
}

/** A group as lists show it: the member count comes from the same query (no N+1). */
export interface GroupSummary extends Group {
  memberCount: number;
}

export interface ServiceAccount {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  description: string | null;
  picture: string | null;
  status: ServiceAccountStatus;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type TokenOwner = { type: 'user'; id: string } | { type: 'service_account'; id: string };

export interface Token {
  id: string;
  orgId: string;
  kind: TokenKind;
  /** Admin API keys belong to the org, not to a person: owner is null for them. */
  owner: TokenOwner | null;
  label: string;
  displayPrefix: string;
  scopes: string[];
  status: TokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastActiveAt: Date | null;
  createdBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokedReason: string | null;
}

export interface AuditEntry {
  id: string;
  orgId: string | null;
  at: Date;
  actorType: 'user' | 'admin_key' | 'scim_token' | 'instance_key' | 'system';
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Why a token may not be used right now, or null when it may. Pure: takes `now`. */
export function tokenUnusableReason(token: Token, now: Date): 'REVOKED' | 'SUSPENDED' | 'EXPIRED' | null {
  if (token.status === 'revoked') return 'REVOKED';
  if (token.status === 'suspended') return 'SUSPENDED';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return null;
}
