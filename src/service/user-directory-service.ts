/**
 * The org's users (directory part): create, list, read, change, deactivate and
 * reactivate. Each change and its audit entry commit in one short transaction.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { assertKeepsAnOwner, cleanEmail, cleanName } from '../domain/directory.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AccountType, User, UserRole, UserStatus } from '../domain/models.js';
import { actorOf, authorizeOrgAccess, type Principal } from '../domain/principal.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { actorRef } from './event-recorder.js';
import type { TokenChangeBus } from './token-change-bus.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';

/** Who asks, for authorization and the audit log. */
export interface Caller {
  principal: Principal;
  ip: string | null;
}

export interface NewUser {
  email: string;
  name: string;
  role?: UserRole | undefined;
  accountType?: AccountType | undefined;
}

export interface UserPatch {
  email?: string | undefined;
  name?: string | undefined;
  role?: UserRole | undefined;
}

export interface UserQuery extends PageQuery {
  q?: string | undefined;
  status?: UserStatus | undefined;
  role?: UserRole | undefined;
}

/**
 * Work another service (SCIM) does in the same transaction as a directory change, after
 * it and before the commit: if it throws, the change is rolled back with it.
 */
export type WithinTransaction<T> = (tx: Stores, result: T) => Promise<void>;

export interface DirectoryServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  /** Told after each commit whose owner changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

export function createUserDirectoryService(deps: DirectoryServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, caller: Caller, orgId: string, action: string, userId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType: 'user', targetId: userId, details }, clock));
  }

  async function mustFind(tx: Stores, orgId: string, userId: string): Promise<User> {
    const user = await tx.users.findById(orgId, userId);
    if (!user) throw new DomainError('USER_NOT_FOUND');
    return user;
  }

  /** Sets the status and moves the user's tokens with it, in the caller's transaction. */
  async function changeStatus(caller: Caller, orgId: string, userId: string, status: UserStatus): Promise<{ user: User; tokens: number }> {
    authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
    const result = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      await tx.users.lockOrgOwners(orgId);
      const user = await mustFind(tx, orgId, userId);
      // Idempotent: a second deactivate changes nothing and records nothing.
      if (user.status === status) return { user, tokens: 0 };
      if (status === 'deactivated') assertKeepsAnOwner(user, { status }, await tx.users.countActiveOwners(orgId));
      const updated = (await tx.users.update(orgId, userId, { status, updatedAt: clock() }))!;
      const tokens =
        status === 'deactivated'
          ? await tx.tokenStatus.suspendActiveUserTokens(orgId, userId)
          : await tx.tokenStatus.restoreSuspendedUserTokens(orgId, userId);
      // A deactivated person is signed out everywhere at once; sessions are not restored.
      if (status === 'deactivated') await tx.sessions.deleteByUser(userId);
      // The service accounts they answer for are flagged, not left silently without anyone.
      const accountsToReassign = status === 'deactivated' ? await tx.serviceAccountOwners.flagOwnedBy(orgId, userId, clock()) : 0;
      await audit(
        tx,
        caller,
        orgId,
        status === 'deactivated' ? 'user.deactivated' : 'user.reactivated',
        userId,
        status === 'deactivated' ? { tokensSuspended: tokens, serviceAccountsToReassign: accountsToReassign } : { tokensRestored: tokens },
      );
      const actor = actorRef(actorOf(caller.principal));
      if (status === 'deactivated') await tx.events.record({ orgId, type: 'user.deactivated', payload: { userId, tokensSuspended: tokens, actor }, occurredAt: clock() });
      else await tx.events.record({ orgId, type: 'user.reactivated', payload: { userId, tokensRestored: tokens, actor }, occurredAt: clock() });
      return { user: updated, tokens };
    });
    // Suspension and restore act on the owner: every cached token of theirs goes.
    deps.bus?.ownerChanged(orgId, { type: 'user', id: userId });
    return result;
  }

  return {
    async createUser(caller: Caller, orgId: string, input: NewUser, within?: WithinTransaction<User>): Promise<User> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const now = clock();
      const user: User = {
        id: newId('usr'),
        orgId,
        email: cleanEmail(input.email),
        name: cleanName(input.name, 'name'),
        role: input.role ?? 'member',
        accountType: input.accountType ?? 'managed',
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.users.insert(user);
        await audit(tx, caller, orgId, 'user.created', user.id, { email: user.email, role: user.role, accountType: user.accountType });
        await within?.(tx, user);
        return user;
      });
    },

    /** Keyset pages, oldest first, filtered by `q` (name or e-mail, any case), `status` and `role`. */
    async listUsers(caller: Caller, orgId: string, query: UserQuery): Promise<Page<User>> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const q = query.q?.trim() || undefined;
      const fingerprint = queryFingerprint({ resource: 'users', orgId, q, status: query.status, role: query.role });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      const result = await stores.users.list(orgId, { q, status: query.status, role: query.role }, request);
      return pageOf(cursorKey, fingerprint, body, result);
    },

    async getUser(caller: Caller, orgId: string, userId: string): Promise<User> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      return mustFind(stores, orgId, userId);
    },

    /** Name, e-mail and role. Demoting the last active owner is CONFLICT. */
    async updateUser(caller: Caller, orgId: string, userId: string, patch: UserPatch, within?: WithinTransaction<User>): Promise<User> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const changes = {
        ...(patch.email !== undefined ? { email: cleanEmail(patch.email) } : {}),
        ...(patch.name !== undefined ? { name: cleanName(patch.name, 'name') } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
      };
      const updated = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (changes.role !== undefined) await tx.users.lockOrgOwners(orgId);
        const before = await mustFind(tx, orgId, userId);
        if (changes.role !== undefined) assertKeepsAnOwner(before, { role: changes.role }, await tx.users.countActiveOwners(orgId));
        const updated = (await tx.users.update(orgId, userId, { ...changes, updatedAt: clock() }))!;
        if (updated.name !== before.name || updated.email !== before.email) {
          // `q` of the token inventory searches owners' names and e-mails.
          await tx.tokens.refreshOwnerSearchText({ type: 'user', id: userId }, updated.name, updated.email);
        }
        const changed = Object.fromEntries(
          (Object.keys(changes) as Array<keyof typeof changes>)
            .filter((field) => before[field] !== updated[field])
            .map((field) => [field, { from: before[field], to: updated[field] }]),
        );
        await audit(tx, caller, orgId, 'user.updated', userId, { changes: changed });
        await within?.(tx, updated);
        return updated;
      });
      // Verification answers carry the owner's name and e-mail.
      deps.bus?.ownerChanged(orgId, { type: 'user', id: userId });
      return updated;
    },

    /** Deactivates the user and suspends every active token they own, at once. */
    async deactivateUser(caller: Caller, orgId: string, userId: string): Promise<{ user: User; tokensSuspended: number }> {
      const { user, tokens } = await changeStatus(caller, orgId, userId, 'deactivated');
      return { user, tokensSuspended: tokens };
    },

    /** Reactivates the user and restores their suspended tokens; expired stay expired, revoked stay revoked. */
    async reactivateUser(caller: Caller, orgId: string, userId: string): Promise<{ user: User; tokensRestored: number }> {
      const { user, tokens } = await changeStatus(caller, orgId, userId, 'active');
      return { user, tokensRestored: tokens };
    },
  };
}

export type UserDirectoryService = ReturnType<typeof createUserDirectoryService>;
