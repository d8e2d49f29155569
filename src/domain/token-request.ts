/** A member's request for a token, waiting for an approver. */
/** `cancelled`: withdrawn by the requester while pending. */
export type TokenRequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled';

export interface TokenRequest {
  id: string;
  orgId: string;
  requesterId: string;
  label: string;
  scopes: string[];
  lifetimeDays: number;
  justification: string | null;
  policyId: string;
  status: TokenRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  grantedScopes: string[] | null;
  grantedLifetimeDays: number | null;
  tokenId: string | null;
  createdAt: Date;
  /** What the requested token is for; carried onto the token at approval. Absent: none given. */
  purpose?: string | null | undefined;
  tags?: string[] | undefined;
}

/** Who decides a request: its requester's groups' approvers, or, when none of those groups has any, the org's approvers. */
export type ApprovalRoute = { to: 'group'; approverIds: string[] } | { to: 'org' };

/**
 * The route of a request from its requester's groups (each with its approvers):
 *
 *   approvalRouteOf([{ approverIds: ['usr_b', 'usr_a'] }, { approverIds: ['usr_a'] }])  // -> { to: 'group', approverIds: ['usr_a', 'usr_b'] }
 *   approvalRouteOf([{ approverIds: [] }])  // -> { to: 'org' }
 */
export function approvalRouteOf(groups: readonly { approverIds: readonly string[] }[]): ApprovalRoute {
  const approverIds = [...new Set(groups.flatMap((g) => g.approverIds))].sort();
  return approverIds.length > 0 ? { to: 'group', approverIds } : { to: 'org' };
}
