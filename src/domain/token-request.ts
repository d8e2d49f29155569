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
