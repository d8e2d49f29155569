/**
 * Service accounts and their tokens (CONTRACT.md §2 T4/T5, §3, §4). Every change runs in
 * one transaction with its audit entry; reads are single queries over any number of accounts.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AuditEntry, ServiceAccount, Token } from '../domain/models.js';
import { apiTokenStatus, clampPageSize, serviceAccountEmail, type ApiTokenStatus } from '../domain/service-accounts.js';
import type { Database } from '../store/schema.js';
import type { AccountKey } from '../store/service-account-store.js';
import { createServiceAccountTokenQueries } from '../store/service-account-token-queries.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { actorRef, recordRevocations, unrevokedTokenIdsOfAccount } from './event-recorder.js';
import type { TokenChangeBus } from './token-change-bus.js';

export interface AuditActor {
  actorType: AuditEntry['actorType'];
  actorId: string | null;
  ip: string | null;
}

export interface ServiceAccountPage {
  items: ServiceAccount[];
  total: number;
  next: string | null;
  prev: string | null;
}

export interface CreateServiceAccountInput {
  displayName: string;
  description?: string | undefined;
  /**
   * Atlassian invites the new account with product permission rules and group memberships.
   * Tokenward governs tokens, not product access: both are recorded in the audit entry, not applied.
   */
  permissionRules?: readonly unknown[] | undefined;
  groupIds?: readonly string[] | undefined;
}

export interface UpdateServiceAccountInput {
  id: string;
  displayName?: string | undefined;
  /** null clears the description. */
  description?: string | null | undefined;
}

/** A listed token, its owning account, and its Atlassian status as of now. */
export interface ServiceAccountTokenView {
  token: Token;
  account: ServiceAccount;
  status: ApiTokenStatus;
}

export interface TokenCounts {
  valid: Array<{ serviceAccountId: string; credentialsCount: number }>;
  invalid: string[];
}

export interface ServiceAccountServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  /** Told after each commit whose owner changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

/** Reasons written on tokens this service revokes, so the token history says why. */
const REVOKED_WITH_ACCOUNT = 'service account deleted';
const REVOKED_BY_ADMIN = 'all tokens of the service account revoked by an admin';

export function createServiceAccountService(deps: ServiceAccountServiceDeps) {
  const { db, clock, cursorKey } = deps;
  const stores = createStores(db);
  const tokenQueries = createServiceAccountTokenQueries(db);
  // Binds a cursor to its list and org, so one from another list or org fails the MAC.
  const fingerprint = (orgId: string) => queryFingerprint({ list: 'service-accounts', orgId });

  function parseCursor(orgId: string, cursor: string): { after?: AccountKey; before?: AccountKey } {
    const payload = decodeCursor(cursorKey, fingerprint(orgId), cursor);
    const key = payload.k;
    if (!Array.isArray(key) || key.length !== 2 || !Number.isSafeInteger(key[0]) || typeof key[1] !== 'string') {
      throw new DomainError('INVALID_PAGE_CURSOR');
    }
    const at: AccountKey = { createdAtMs: key[0] as number, id: key[1] };
    if (payload.d === 'after') return { after: at };
    if (payload.d === 'before') return { before: at };
    throw new DomainError('INVALID_PAGE_CURSOR');
  }

  function cursorOf(orgId: string, direction: 'after' | 'before', account: ServiceAccount): string {
    return encodeCursor(cursorKey, fingerprint(orgId), { d: direction, k: [account.createdAt.getTime(), account.id] });
  }

  async function requireAccount(orgId: string, id: string): Promise<ServiceAccount> {
    const account = await stores.serviceAccounts.findById(orgId, id);
    if (!account) throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND', `No service account ${id} in this organization.`);
    return account;
  }

  return {
    /**
     * SA3: one keyset page of the org's live accounts, oldest first, with `total`. `next` resumes
     * after the last item, `prev` walks back from the first; each is null when nothing lies there.
     */
    async list(orgId: string, request: { cursor?: string | undefined; pageSize?: number | undefined }): Promise<ServiceAccountPage> {
      const limit = clampPageSize(request.pageSize);
      const position = request.cursor ? parseCursor(orgId, request.cursor) : {};
      const { items, hasMore } = await stores.serviceAccounts.listPage(orgId, { ...position, limit });
      const total = await stores.serviceAccounts.countLive(orgId);
      const first = items[0];
      const last = items[items.length - 1];
      // Walking backward, more rows before is `hasMore`; rows after exist because we came from there.
      const hasBefore = position.before ? hasMore : position.after !== undefined;
      const hasAfter = position.before ? true : hasMore;
      return {
        items,
        total,
        next: hasAfter && last ? cursorOf(orgId, 'after', last) : null,
        prev: hasBefore && first ? cursorOf(orgId, 'before', first) : null,
      };
    },

    get: requireAccount,

    /**
     * SA4: a new ACTIVE account with a generated e-mail (see serviceAccountEmail). Our reading where the contract is silent
     * (docs/atlassian-service-accounts.md): names may repeat, no account limit, 201 with the item.
     */
    async create(orgId: string, input: CreateServiceAccountInput, actor: AuditActor): Promise<ServiceAccount> {
      const displayName = input.displayName.trim();
      if (displayName.length === 0) throw new DomainError('VALIDATION_FAILED', 'displayName must not be blank.');
      const now = clock();
      const account: ServiceAccount = {
        id: newId('sa'),
        orgId,
        email: serviceAccountEmail(displayName, randomBytes(6).toString('hex')),
        displayName,
        description: input.description ?? null,
        picture: null,
        status: 'ACTIVE',
        createdById: actor.actorId,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.serviceAccounts.insert(account);
        await tx.audit.append(
          auditEntry(
            {
              orgId,
              ...actor,
              action: 'service_account.created',
              targetType: 'service_account',
              targetId: account.id,
              details: { displayName, email: account.email, permissionRules: input.permissionRules ?? [], groupIds: input.groupIds ?? [] },
            },
            clock,
          ),
        );
      });
      return account;
    },

    /**
     * SA5: changes the display name and/or description. Our reading: at least one must be given, so a
     * misspelt field is a 400 rather than a silent success; `description: null` clears it.
     */
    async update(orgId: string, input: UpdateServiceAccountInput, actor: AuditActor): Promise<ServiceAccount> {
      const displayName = input.displayName?.trim();
      if (displayName === '') throw new DomainError('VALIDATION_FAILED', 'displayName must not be blank.');
      if (displayName === undefined && input.description === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'Nothing to update: give displayName and/or description.');
      }
      const updated = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const changes = { ...(displayName !== undefined ? { displayName } : {}), ...(input.description !== undefined ? { description: input.description } : {}) };
        if (!(await tx.serviceAccounts.update(orgId, input.id, changes, clock()))) {
          throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND', `No service account ${input.id} in this organization.`);
        }
        await tx.audit.append(
          auditEntry({ orgId, ...actor, action: 'service_account.updated', targetType: 'service_account', targetId: input.id, details: { changes } }, clock),
        );
        const updated = (await tx.serviceAccounts.findById(orgId, input.id))!;
        if (displayName !== undefined) {
          // The token inventory's `q` searches owners' names.
          await tx.tokens.refreshOwnerSearchText({ type: 'service_account', id: updated.id }, updated.displayName, updated.email);
        }
        return updated;
      });
      deps.bus?.ownerChanged(orgId, { type: 'service_account', id: input.id });
      return updated;
    },

    /**
     * SA6 (what happens to the tokens is our reading): revokes every token of the account and marks it
     * deleted, in one transaction. The row and its revoked tokens stay for the history; every
     * endpoint then answers 404 for the id.
     */
    async delete(orgId: string, id: string, actor: AuditActor): Promise<{ revokedTokens: number }> {
      const result = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        if (!(await tx.serviceAccounts.markDeleted(orgId, id, actor.actorId, now))) {
          throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND', `No service account ${id} in this organization.`);
        }
        const tokenIds = await unrevokedTokenIdsOfAccount(tx, orgId, id);
        const revokedTokens = await createServiceAccountTokenQueries(trx).revokeAllOfAccount(orgId, id, actor.actorId, REVOKED_WITH_ACCOUNT, now);
        await recordRevocations(tx, orgId, tokenIds, actorRef(actor), REVOKED_WITH_ACCOUNT, now);
        await tx.events.record({ orgId, type: 'service_account.deleted', payload: { serviceAccountId: id, revokedTokens, actor: actorRef(actor) }, occurredAt: now });
        await tx.audit.append(
          auditEntry({ orgId, ...actor, action: 'service_account.deleted', targetType: 'service_account', targetId: id, details: { revokedTokens } }, clock),
        );
        return { revokedTokens };
      });
      deps.bus?.ownerChanged(orgId, { type: 'service_account', id });
      return result;
    },

    /** SA1 (no account) and SA2 (one account, 404 when unknown): unrevoked tokens with their owner. */
    async listTokens(orgId: string, filter: { serviceAccountId?: string | undefined; tokenLabel?: string | undefined }): Promise<ServiceAccountTokenView[]> {
      if (filter.serviceAccountId !== undefined) await requireAccount(orgId, filter.serviceAccountId);
      const rows = await tokenQueries.listUnrevoked(orgId, { serviceAccountId: filter.serviceAccountId, labelContains: filter.tokenLabel });
      const now = clock();
      return rows.map((row) => ({ ...row, status: apiTokenStatus(row.token, now) }));
    },

    /**
     * T4: unrevoked tokens per id, in the order given, duplicates once. Our reading: the count is API
     * tokens only (expired and suspended included: they exist until revoked); ids that are not live
     * accounts of this org (unknown, deleted, another org's) are invalid. Two queries for any count.
     */
    async countTokens(orgId: string, ids: readonly string[]): Promise<TokenCounts> {
      const unique = [...new Set(ids)];
      const liveIds = await stores.serviceAccounts.findLiveIds(orgId, unique);
      const counts = await tokenQueries.countUnrevokedByAccount(orgId, [...liveIds]);
      return {
        valid: unique.filter((id) => liveIds.has(id)).map((id) => ({ serviceAccountId: id, credentialsCount: counts.get(id) ?? 0 })),
        invalid: unique.filter((id) => !liveIds.has(id)),
      };
    },

    /** T5: revokes every unrevoked token of the account; the account itself stays. */
    async revokeTokens(orgId: string, id: string, actor: AuditActor): Promise<{ revokedTokens: number }> {
      const result = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.serviceAccounts.findById(orgId, id))) {
          throw new DomainError('SERVICE_ACCOUNT_NOT_FOUND', `No service account ${id} in this organization.`);
        }
        const tokenIds = await unrevokedTokenIdsOfAccount(tx, orgId, id);
        const revokedTokens = await createServiceAccountTokenQueries(trx).revokeAllOfAccount(orgId, id, actor.actorId, REVOKED_BY_ADMIN, clock());
        await recordRevocations(tx, orgId, tokenIds, actorRef(actor), REVOKED_BY_ADMIN, clock());
        await tx.audit.append(
          auditEntry(
            { orgId, ...actor, action: 'service_account.tokens_revoked', targetType: 'service_account', targetId: id, details: { revokedTokens } },
            clock,
          ),
        );
        return { revokedTokens };
      });
      deps.bus?.ownerChanged(orgId, { type: 'service_account', id });
      return result;
    },
  };
}

export type ServiceAccountService = ReturnType<typeof createServiceAccountService>;
