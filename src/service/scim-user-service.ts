/**
 * SCIM Users (docs/scim.md). Every change goes through the directory service, so its
 * rules apply as for an admin: unique e-mails, the last active owner, tokens suspended on
 * deactivation and restored on reactivation, audit entries (with the SCIM token as the actor). The
 * SCIM row (userName, externalId, other attributes) is written in the same transaction as the
 * directory change where there is one.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { applyPatch, parsePatchBody } from '../domain/scim-patch.js';
import { readUserResource, userResource, type ScimUserData, type ScimUserInput } from '../domain/scim-resources.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../domain/scim-schemas.js';
import type { Database } from '../store/schema.js';
import type { ScimUserRecord } from '../store/scim-store.js';

export type { ScimUserRecord };
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { scimListRequest, type ScimListQuery } from './scim-paging.js';
import type { Caller, UserDirectoryService, UserPatch } from './user-directory-service.js';

export interface ScimServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export function createScimUserService(deps: ScimServiceDeps & { directoryUsers: UserDirectoryService }) {
  const { db, clock, directoryUsers } = deps;
  const stores = createStores(db);

  async function mustFind(orgId: string, userId: string): Promise<ScimUserRecord> {
    const record = await stores.scim.findUser(orgId, userId);
    if (!record) throw new DomainError('USER_NOT_FOUND');
    return record;
  }

  async function assertUserNameFree(orgId: string, userName: string, exceptUserId: string | null): Promise<void> {
    if (await stores.scim.userNameHolder(orgId, userName, exceptUserId)) {
      throw new DomainError('CONFLICT', 'A user with this userName already exists in the organization.');
    }
  }

  /** Saves the SCIM row and, when userName or externalId changed, audits it; in the caller's transaction. */
  async function saveScimRow(tx: Stores, caller: Caller, record: ScimUserRecord, input: ScimUserInput): Promise<void> {
    const now = clock();
    const data: ScimUserData = { userName: input.userName, externalId: input.externalId, attributes: input.attributes, createdAt: record.scim?.createdAt ?? now, updatedAt: now };
    await tx.scim.saveUser(record.user.orgId, record.user.id, data);
    const before = { userName: record.scim?.userName ?? null, externalId: record.scim?.externalId ?? null };
    if (before.userName !== data.userName || before.externalId !== data.externalId) {
      await tx.audit.append(
        auditEntry(
          {
            orgId: record.user.orgId,
            ...actorOf(caller.principal),
            ip: caller.ip,
            action: 'user.scim_identity_changed',
            targetType: 'user',
            targetId: record.user.id,
            details: { from: before, to: { userName: data.userName, externalId: data.externalId } },
          },
          clock,
        ),
      );
    }
  }

  /** Brings the user to what `input` says: directory fields, SCIM row, then status. */
  async function applyInput(caller: Caller, record: ScimUserRecord, input: ScimUserInput): Promise<ScimUserRecord> {
    const { user } = record;
    const patch: UserPatch = {
      ...(input.email !== user.email ? { email: input.email } : {}),
      ...(input.name !== user.name ? { name: input.name } : {}),
    };
    if (Object.keys(patch).length > 0) {
      await directoryUsers.updateUser(caller, user.orgId, user.id, patch, (tx) => saveScimRow(tx, caller, record, input));
    } else {
      await db.transaction().execute((trx) => saveScimRow(createStores(trx), caller, record, input));
    }
    const isActive = user.status === 'active';
    if (input.active === false && isActive) await directoryUsers.deactivateUser(caller, user.orgId, user.id);
    if (input.active === true && !isActive) await directoryUsers.reactivateUser(caller, user.orgId, user.id);
    return mustFind(user.orgId, user.id);
  }

  return {
    /** A page of the org's users matching the filter, oldest first, with the total. */
    async listUsers(caller: Caller, query: ScimListQuery): Promise<{ total: number; startIndex: number; items: ScimUserRecord[] }> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const request = scimListRequest(query, 'User');
      const { total, items } = await stores.scim.listUsers(orgId, request.filter, request.page);
      return { total, startIndex: request.startIndex, items };
    },

    async getUser(caller: Caller, userId: string): Promise<ScimUserRecord> {
      authorizeOrgAccess(caller.principal, caller.principal.orgId, 'read:directory:admin');
      return mustFind(caller.principal.orgId, userId);
    },

    /** POST /Users: a new managed user; `active: false` creates it deactivated. 409 on a taken userName or e-mail. */
    async createUser(caller: Caller, body: unknown): Promise<ScimUserRecord> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const input = readUserResource(body);
      await assertUserNameFree(orgId, input.userName, null);
      const user = await directoryUsers.createUser(caller, orgId, { email: input.email, name: input.name, accountType: 'managed' }, (tx, created) =>
        saveScimRow(tx, caller, { user: created, scim: null }, input),
      );
      if (input.active === false) await directoryUsers.deactivateUser(caller, orgId, user.id);
      return mustFind(orgId, user.id);
    },

    /** PUT /Users/{id}: the whole resource. */
    async replaceUser(caller: Caller, userId: string, body: unknown): Promise<ScimUserRecord> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const record = await mustFind(orgId, userId);
      const input = readUserResource(body);
      await assertUserNameFree(orgId, input.userName, userId);
      return applyInput(caller, record, input);
    },

    /** PATCH /Users/{id}: the operations on the current resource, then read as a PUT body. */
    async patchUser(caller: Caller, userId: string, body: unknown): Promise<ScimUserRecord> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const operations = parsePatchBody(body);
      const record = await mustFind(orgId, userId);
      const current = userResource(record.user, record.scim, '');
      const input = readUserResource(applyPatch(current, operations, [ENTERPRISE_USER_SCHEMA], USER_SCHEMA));
      if (input.userName.toLowerCase() !== (record.scim?.userName ?? record.user.email).toLowerCase()) await assertUserNameFree(orgId, input.userName, userId);
      return applyInput(caller, record, input);
    },

    /**
     * DELETE /Users/{id}: Tokenward keeps the person for the token history, so the user is
     * deactivated (tokens suspended) and hidden from SCIM; GET answers 404 afterwards.
     */
    async deleteUser(caller: Caller, userId: string): Promise<void> {
      const orgId = caller.principal.orgId;
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      const record = await mustFind(orgId, userId);
      if (record.user.status === 'active') await directoryUsers.deactivateUser(caller, orgId, userId);
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        if (!record.scim) {
          await tx.scim.saveUser(orgId, userId, { userName: record.user.email, externalId: null, attributes: {}, createdAt: now, updatedAt: now });
        }
        await tx.scim.markUserDeleted(orgId, userId, now);
        await tx.audit.append(
          auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'user.scim_deleted', targetType: 'user', targetId: userId, details: {} }, clock),
        );
      });
    },
  };
}

export type ScimUserService = ReturnType<typeof createScimUserService>;
