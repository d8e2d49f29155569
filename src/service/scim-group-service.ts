/**
 * SCIM Groups (docs/scim.md), through the group directory service: names unique per
 * org, membership of the org's users only, every change audited with the SCIM token as the actor.
 * A membership change is computed as the users to remove and the users to add, and applied as
 * those two directory operations, so the audit log says who joined and who left.
 */
import { DomainError } from '../domain/errors.js';
import type { Group } from '../domain/models.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { applyPatch, parsePatchBody } from '../domain/scim-patch.js';
import { readGroupResource, type GroupMemberRef, type GroupView, type ScimGroupInput } from '../domain/scim-resources.js';
import { GROUP_SCHEMA } from '../domain/scim-schemas.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { GroupDirectoryService } from './group-directory-service.js';
import { scimListRequest, type ScimListQuery } from './scim-paging.js';
import type { ScimServiceDeps } from './scim-user-service.js';
import type { Caller } from './user-directory-service.js';

export interface ScimGroupRecord {
  group: GroupView;
  /** Undefined when the caller asked to leave members out. */
  members: GroupMemberRef[] | undefined;
}

export function createScimGroupService(deps: ScimServiceDeps & { directoryGroups: GroupDirectoryService }) {
  const { db, clock, directoryGroups } = deps;
  const stores = createStores(db);

  async function mustFind(orgId: string, groupId: string, withMembers = true): Promise<ScimGroupRecord> {
    const group = await stores.scim.findGroup(orgId, groupId);
    if (!group) throw new DomainError('GROUP_NOT_FOUND');
    return { group, members: withMembers ? ((await stores.scim.membersOf([group.id])).get(group.id) ?? []) : undefined };
  }

  async function saveExternalId(tx: Stores, caller: Caller, group: Group, before: string | null, externalId: string | null): Promise<void> {
    await tx.scim.saveGroupExternalId(group, externalId, clock());
    if (before !== externalId) {
      await tx.audit.append(
        auditEntry(
          { orgId: group.orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'group.scim_identity_changed', targetType: 'group', targetId: group.id, details: { from: before, to: externalId } },
          clock,
        ),
      );
    }
  }

  /** Name, externalId, then membership (when `memberIds` is given). */
  async function applyInput(caller: Caller, record: ScimGroupRecord, input: ScimGroupInput): Promise<ScimGroupRecord> {
    const { group } = record;
    const orgId = caller.principal.orgId;
    const asGroup: Group = { id: group.id, orgId, name: group.name, createdAt: group.createdAt };
    if (input.displayName !== group.name) {
      await directoryGroups.renameGroup(caller, orgId, group.id, { name: input.displayName }, (tx, renamed) => saveExternalId(tx, caller, renamed, group.externalId, input.externalId));
    } else if (input.externalId !== group.externalId) {
      await db.transaction().execute((trx) => saveExternalId(createStores(trx), caller, asGroup, group.externalId, input.externalId));
    }
    if (input.memberIds !== undefined) {
      const current = new Set((record.members ?? []).map((m) => m.id));
      const wanted = new Set(input.memberIds);
      const leaving = [...current].filter((id) => !wanted.has(id));
      const joining = [...wanted].filter((id) => !current.has(id));
      if (leaving.length > 0) await directoryGroups.removeMembers(caller, orgId, group.id, leaving);
      if (joining.length > 0) await directoryGroups.addMembers(caller, orgId, group.id, joining);
    }
    return mustFind(orgId, group.id);
  }

  return {
    async listGroups(caller: Caller, query: ScimListQuery & { withMembers: boolean }): Promise<{ total: number; startIndex: number; items: ScimGroupRecord[] }> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const request = scimListRequest(query, 'Group');
      const { total, items } = await stores.scim.listGroups(orgId, request.filter, request.page);
      const members = query.withMembers ? await stores.scim.membersOf(items.map((g) => g.id)) : null;
      return { total, startIndex: request.startIndex, items: items.map((group) => ({ group, members: members ? (members.get(group.id) ?? []) : undefined })) };
    },

    async getGroup(caller: Caller, groupId: string, withMembers: boolean): Promise<ScimGroupRecord> {
      authorizeOrgAccess(caller.principal, caller.principal.orgId, 'read:directory:admin');
      return mustFind(caller.principal.orgId, groupId, withMembers);
    },

    /** POST /Groups; a taken displayName is 409. */
    async createGroup(caller: Caller, body: unknown): Promise<ScimGroupRecord> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const input = readGroupResource(body);
      const created = await directoryGroups.createGroup(caller, orgId, { name: input.displayName }, (tx, group) => saveExternalId(tx, caller, group, null, input.externalId));
      if (input.memberIds && input.memberIds.length > 0) await directoryGroups.addMembers(caller, orgId, created.id, input.memberIds);
      return mustFind(orgId, created.id);
    },

    /** PUT /Groups/{id}. A body without `members` leaves the membership as it is. */
    async replaceGroup(caller: Caller, groupId: string, body: unknown): Promise<ScimGroupRecord> {
      authorizeOrgAccess(caller.principal, caller.principal.orgId, 'write:directory:admin');
      const record = await mustFind(caller.principal.orgId, groupId);
      return applyInput(caller, record, readGroupResource(body));
    },

    /** PATCH /Groups/{id}: the operations on the current group (name, externalId, members). */
    async patchGroup(caller: Caller, groupId: string, body: unknown): Promise<ScimGroupRecord> {
      authorizeOrgAccess(caller.principal, caller.principal.orgId, 'write:directory:admin');
      const operations = parsePatchBody(body);
      const record = await mustFind(caller.principal.orgId, groupId);
      const current = {
        displayName: record.group.name,
        ...(record.group.externalId ? { externalId: record.group.externalId } : {}),
        members: (record.members ?? []).map((m) => ({ value: m.id })),
      };
      const patched = applyPatch(current, operations, [], GROUP_SCHEMA);
      const input = readGroupResource(patched);
      // Removing `members` altogether empties the group.
      return applyInput(caller, record, { ...input, memberIds: input.memberIds ?? [] });
    },

    async deleteGroup(caller: Caller, groupId: string): Promise<void> {
      // The SCIM row goes with the group (foreign key, on delete cascade).
      await directoryGroups.deleteGroup(caller, caller.principal.orgId, groupId);
    },
  };
}

export type ScimGroupService = ReturnType<typeof createScimGroupService>;
