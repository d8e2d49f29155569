/**
 * The org's groups and their membership (directory part). Membership changes take a
 * whole list of user ids at once; ids that are not users of the org refuse the whole request.
 */
import { queryFingerprint } from '../domain/cursor.js';
import { cleanName } from '../domain/directory.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Group, GroupSummary } from '../domain/models.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import type { Caller, DirectoryServiceDeps, WithinTransaction } from './user-directory-service.js';

export interface GroupDetail extends GroupSummary {
  memberIds: string[];
}

type MembershipChange = 'replace' | 'add' | 'remove';

export function createGroupDirectoryService(deps: DirectoryServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, caller: Caller, orgId: string, action: string, groupId: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType: 'group', targetId: groupId, details }, clock));
  }

  async function mustFind(tx: Stores, orgId: string, groupId: string): Promise<Group> {
    const group = await tx.groups.findById(orgId, groupId);
    if (!group) throw new DomainError('GROUP_NOT_FOUND');
    return group;
  }

  /** mustFind for changes: holds the group's row lock until the transaction ends. */
  async function mustLock(tx: Stores, orgId: string, groupId: string): Promise<Group> {
    const group = await tx.groups.lockById(orgId, groupId);
    if (!group) throw new DomainError('GROUP_NOT_FOUND');
    return group;
  }

  async function detailOf(tx: Stores, group: Group): Promise<GroupDetail> {
    const memberIds = await tx.groups.memberIds(group.id);
    return { ...group, memberCount: memberIds.length, memberIds };
  }

  /** One query for all ids; 400 naming the ones that are not users of this org. */
  async function assertOrgUsers(tx: Stores, orgId: string, userIds: readonly string[]): Promise<void> {
    const found = await tx.users.findByIds(orgId, userIds);
    const unknown = [...new Set(userIds)].filter((id) => !found.has(id));
    if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Not users of this organization: ${unknown.join(', ')}.`);
  }

  async function changeMembers(caller: Caller, orgId: string, groupId: string, change: MembershipChange, userIds: readonly string[]): Promise<GroupDetail> {
    authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
    const detail = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const group = await mustLock(tx, orgId, groupId);
      await assertOrgUsers(tx, orgId, userIds);
      const now = clock();
      let added = 0;
      let removed = 0;
      if (change === 'replace') {
        removed = await tx.groups.removeMembersExcept(group.id, userIds);
        added = await tx.groups.addMembers(group.id, userIds, now);
      } else if (change === 'add') {
        added = await tx.groups.addMembers(group.id, userIds, now);
      } else {
        removed = await tx.groups.removeMembers(group.id, userIds);
      }
      const action = { replace: 'group.members_replaced', add: 'group.members_added', remove: 'group.members_removed' }[change];
      await audit(tx, caller, orgId, action, group.id, { userIds: [...new Set(userIds)], added, removed });
      return detailOf(tx, group);
    });
    // Policies are assigned to groups: members' effective policies may have changed.
    deps.bus?.orgChanged(orgId);
    return detail;
  }

  return {
    async createGroup(caller: Caller, orgId: string, input: { name: string }, within?: WithinTransaction<Group>): Promise<GroupDetail> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const group: Group = { id: newId('grp'), orgId, name: cleanName(input.name, 'name'), createdAt: clock() };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.groups.insert(group);
        await audit(tx, caller, orgId, 'group.created', group.id, { name: group.name });
        await within?.(tx, group);
        return { ...group, memberCount: 0, memberIds: [] };
      });
    },

    /** Keyset pages of groups, oldest first, each with its member count (one query per page). */
    async listGroups(caller: Caller, orgId: string, query: PageQuery): Promise<Page<GroupSummary>> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const fingerprint = queryFingerprint({ resource: 'groups', orgId });
      const { request, body } = keysetRequestOf(cursorKey, fingerprint, query);
      return pageOf(cursorKey, fingerprint, body, await stores.groups.list(orgId, request));
    },

    async getGroup(caller: Caller, orgId: string, groupId: string): Promise<GroupDetail> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      return detailOf(stores, await mustFind(stores, orgId, groupId));
    },

    async renameGroup(caller: Caller, orgId: string, groupId: string, input: { name: string }, within?: WithinTransaction<Group>): Promise<GroupDetail> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const name = cleanName(input.name, 'name');
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const before = await mustLock(tx, orgId, groupId);
        if (before.name !== name) {
          await tx.groups.rename(orgId, groupId, name);
          await audit(tx, caller, orgId, 'group.renamed', groupId, { from: before.name, to: name });
        }
        await within?.(tx, { ...before, name });
        return detailOf(tx, { ...before, name });
      });
    },

    async deleteGroup(caller: Caller, orgId: string, groupId: string): Promise<void> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const group = await mustLock(tx, orgId, groupId);
        const memberCount = (await tx.groups.memberIds(group.id)).length;
        await tx.groups.delete(orgId, groupId);
        await audit(tx, caller, orgId, 'group.deleted', groupId, { name: group.name, memberCount });
      });
      deps.bus?.orgChanged(orgId);
    },

    /** Makes the membership exactly `userIds`. */
    replaceMembers: (caller: Caller, orgId: string, groupId: string, userIds: readonly string[]) => changeMembers(caller, orgId, groupId, 'replace', userIds),
    /** Adds `userIds`; ones already members are left as they are. */
    addMembers: (caller: Caller, orgId: string, groupId: string, userIds: readonly string[]) => changeMembers(caller, orgId, groupId, 'add', userIds),
    /** Removes `userIds`; ones not members are ignored. */
    removeMembers: (caller: Caller, orgId: string, groupId: string, userIds: readonly string[]) => changeMembers(caller, orgId, groupId, 'remove', userIds),
  };
}

export type GroupDirectoryService = ReturnType<typeof createGroupDirectoryService>;
