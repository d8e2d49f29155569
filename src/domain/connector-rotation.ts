/**
 * Rotation of a connected token (GitLab): the upstream replaces the token with a new one and
 * revokes the old. GitLab treats a second rotation of an already rotated token as theft and
 * revokes the whole chain of tokens it came from, so a rotation is sent at most once; when its
 * answer is lost, the outcome is `unknown` until the token is read again.
 */
import { DAY_MS } from './time.js';

/**
 * - `pending`: the owner has not opened the one-time link yet; nothing happened upstream.
 * - `rotating`: the link was opened and the upstream is being asked (or the node died asking).
 * - `rotated`: the upstream answered with the new token, handed to the owner in that answer.
 * - `refused`: the upstream answered no; the old token is unchanged.
 * - `unknown`: the answer was lost; the upstream may or may not have rotated.
 * - `resolved_rotated`: read again after `unknown`: the old token is revoked, so the rotation
 *   happened and its new value is lost (nobody ever saw it).
 * - `resolved_not_rotated`: read again after `unknown`: the old token still works; nothing happened.
 */
export type RotationState = 'pending' | 'rotating' | 'rotated' | 'refused' | 'unknown' | 'resolved_rotated' | 'resolved_not_rotated';

export interface ConnectorRotation {
  id: string;
  orgId: string;
  connectorId: string;
  externalTokenId: string;
  recipientUserId: string;
  /** Lifetime of the new token, in days from the rotation. */
  expiresInDays: number;
  state: RotationState;
  newExternalId: string | null;
  upstreamStatus: number | null;
  outcome: string | null;
  requestedBy: string | null;
  createdAt: Date;
  linkExpiresAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const DEFAULT_ROTATION_LIFETIME_DAYS = 30;
/** GitLab refuses a lifetime over a year (400 days where the instance allows the longer limit). */
export const MAX_ROTATION_LIFETIME_DAYS = 365;

/** The new token's expiry date as GitLab takes it (`YYYY-MM-DD`, UTC). */
export function expiryDateOf(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
