/**
 * Pure rules of the directory: users and groups of an org. No I/O; the services load the
 * facts (how many active owners there are) and ask these functions.
 */
import { DomainError } from './errors.js';
import type { User, UserRole, UserStatus } from './models.js';

/** A display name or group name: trimmed, and not blank once trimmed. */
export function cleanName(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new DomainError('VALIDATION_FAILED', `${field} must not be blank.`);
  return trimmed;
}

/** E-mails keep the case they were given in; uniqueness and search ignore case. */
export function cleanEmail(value: string): string {
  const trimmed = value.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw new DomainError('VALIDATION_FAILED', 'email is not an e-mail address.');
  return trimmed;
}

/**
 * Throws CONFLICT when a change would leave the org without an active owner: the org would then
 * have nobody who can manage owners. `activeOwnerCount` includes `user` itself.
 *
 *   assertKeepsAnOwner(user, { role: 'admin' }, 1) // throws when `user` is the only active owner
 */
export function assertKeepsAnOwner(user: User, next: { role?: UserRole; status?: UserStatus }, activeOwnerCount: number): void {
  const isActiveOwner = user.role === 'owner' && user.status === 'active';
  if (!isActiveOwner) return;
  const staysActiveOwner = (next.role ?? user.role) === 'owner' && (next.status ?? user.status) === 'active';
  if (!staysActiveOwner && activeOwnerCount <= 1) {
    throw new DomainError('CONFLICT', 'This user is the last active owner of the organization; make another user owner first.');
  }
}
