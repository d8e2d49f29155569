import type { Kysely, Selectable } from 'kysely';
import type { Token, TokenOwner, TokenStatus } from '../domain/models.js';
import type { TokenKind } from '../domain/token-format.js';
import { searchTextOf } from '../domain/token-query.js';
import type { Database, TokenTable } from './schema.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import { parseJsonArray, revocationColumns, toDate, toDateOrNull, toMsOrNull } from './rows.js';
import type { UsageLimits } from '../domain/usage-limits.js';
import { orgOfIdList } from './org-id-list.js';

export function toToken(row: Selectable<TokenTable>): Token {
  let owner: TokenOwner | null = null;
  if (row.owner_user_id) owner = { type: 'user', id: row.owner_user_id };
  else if (row.owner_service_account_id) owner = { type: 'service_account', id: row.owner_service_account_id };
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind as TokenKind,
    owner,
    label: row.label,
    displayPrefix: row.display_prefix,
    scopes: parseJsonArray(row.scopes),
    status: row.status as TokenStatus,
    createdAt: toDate(row.created_at),
    expiresAt: toDateOrNull(row.expires_at),
    lastActiveAt: toDateOrNull(row.last_active_at),
    createdBy: row.created_by,
    revokedAt: toDateOrNull(row.revoked_at),
    revokedBy: row.revoked_by,
    revokedReason: row.revoked_reason,
  };
}

/** A token found by the digest of a presented secret. */
export interface SecretMatch {
  token: Token;
  digest: string;
  isPrevious: boolean;
  /** The end of a previous secret's grace period (ms, as stored); null for the current secret. */
  graceUntilMs: number | null;
  /** The token's expiry (ms, as stored), for callers that keep times in ms (verification). */
  expiresAtMs: number | null;
  /** The token's own rate limits and quota; null: none. */
  usageLimits: UsageLimits | null;
  /** The token's own IP allowlist (CIDR blocks); empty: none. */
  ipAllowlist: string[];
}

/** Stored limits; unreadable JSON reads as none (the column is only written from checked limits). */
export function usageLimitsOf(json: string | null): UsageLimits | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as Partial<UsageLimits>;
    return { rateLimits: parsed.rateLimits ?? [], quota: parsed.quota ?? null };
  } catch {
    return null;
  }
}

export interface KeysetPage {
  /** The last row of the previous page, as `(createdAt, id)`. */
  after?: { createdAtMs: number; id: string } | undefined;
  limit: number;
}

export function createTokenStore(db: Kysely<Database>) {
  async function revokeMany(orgId: string, ids: readonly string[], by: string | null, reason: string | null, at: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .updateTable('tokens')
      .set(revocationColumns(by, reason, at))
      .where(orgOfIdList(db, 'org_id', orgId))
      .where('id', 'in', ids)
      .where('status', '!=', 'revoked')
      .returning('id')
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The owner's name and e-mail join the label in the denormalized search column. */
  async function searchTextFor(token: Token): Promise<string> {
    if (token.owner?.type === 'user') {
      const user = await db.selectFrom('users').select(['name', 'email']).where('id', '=', token.owner.id).executeTakeFirst();
      return searchTextOf(token.label, user?.name ?? null, user?.email ?? null);
    }
    if (token.owner?.type === 'service_account') {
      const account = await db
        .selectFrom('service_accounts')
        .select(['display_name', 'email'])
        .where('id', '=', token.owner.id)
        .executeTakeFirst();
      return searchTextOf(token.label, account?.display_name ?? null, account?.email ?? null);
    }
    return searchTextOf(token.label, null, null);
  }

  return {
    /**
     * Rewrites the denormalized search text of an owner's tokens after the owner's name or e-mail
     * changed. Per row, in the caller's transaction: the text is lower-cased by the application
     * (SQLite's lower() folds ASCII only), and one owner holds few tokens.
     */
    async refreshOwnerSearchText(owner: TokenOwner, ownerName: string, ownerEmail: string): Promise<number> {
      const column = owner.type === 'user' ? 'owner_user_id' : 'owner_service_account_id';
      const rows = await db.selectFrom('tokens').select(['id', 'label']).where(column, '=', owner.id).execute();
      for (const row of rows) {
        await db.updateTable('tokens').set({ search_text: searchTextOf(row.label, ownerName, ownerEmail) }).where('id', '=', row.id).execute();
      }
      return rows.length;
    },

    /** The digest is the only form of the secret that is ever stored. */
    async insert(token: Token, digest: string): Promise<void> {
      await db
        .insertInto('tokens')
        .values({
          id: token.id,
          org_id: token.orgId,
          kind: token.kind,
          owner_user_id: token.owner?.type === 'user' ? token.owner.id : null,
          owner_service_account_id: token.owner?.type === 'service_account' ? token.owner.id : null,
          label: token.label,
          digest,
          display_prefix: token.displayPrefix,
          scopes: JSON.stringify(token.scopes),
          status: token.status,
          created_at: token.createdAt.getTime(),
          expires_at: toMsOrNull(token.expiresAt),
          last_active_at: toMsOrNull(token.lastActiveAt),
          created_by: token.createdBy,
          revoked_at: toMsOrNull(token.revokedAt),
          revoked_by: token.revokedBy,
          revoked_reason: token.revokedReason,
          search_text: await searchTextFor(token),
        })
        .execute();
    },

    /** Returns the token and its stored digest, so the caller can compare in constant time. */
    async findByDigest(digest: string): Promise<{ token: Token; digest: string } | null> {
      const row = await db.selectFrom('tokens').selectAll().where('digest', '=', digest).executeTakeFirst();
      return row ? { token: toToken(row), digest: row.digest } : null;
    },

    /**
     * THE lookup of a presented secret's digest, for every verifier (admin keys here, members' and
     * service accounts' tokens): the current digest, or the digest a rotation replaced
     * while its grace period lasts (`previous_digest_until` after `now`). Returns the digest that
     * matched, for a constant-time compare, and whether it was the previous one.
     */
    async findBySecretDigest(digest: string, now: Date): Promise<SecretMatch | null> {
      const current = await db.selectFrom('tokens').selectAll().where('digest', '=', digest).executeTakeFirst();
      if (current) return { token: toToken(current), digest: current.digest, isPrevious: false, graceUntilMs: null, expiresAtMs: current.expires_at, usageLimits: usageLimitsOf(current.usage_limits), ipAllowlist: parseJsonArray(current.ip_allowlist ?? '[]') };
      const previous = await db
        .selectFrom('tokens')
        .selectAll()
        .where('previous_digest', '=', digest)
        .where('previous_digest_until', '>', now.getTime())
        .executeTakeFirst();
      return previous?.previous_digest
        ? { token: toToken(previous), digest: previous.previous_digest, isPrevious: true, graceUntilMs: previous.previous_digest_until, expiresAtMs: previous.expires_at, usageLimits: usageLimitsOf(previous.usage_limits), ipAllowlist: parseJsonArray(previous.ip_allowlist ?? '[]') }
        : null;
    },

    /** Sets (null: removes) a token's own rate limits and quota; false when the org has no such token. */
    async setUsageLimits(orgId: string, id: string, limits: UsageLimits | null): Promise<boolean> {
      const result = await db
        .updateTable('tokens')
        .set({ usage_limits: limits ? JSON.stringify(limits) : null })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Sets (empty: removes) a token's own IP allowlist, as normalized CIDR blocks. */
    async setIpAllowlist(orgId: string, id: string, allowlist: readonly string[]): Promise<void> {
      await db
        .updateTable('tokens')
        .set({ ip_allowlist: allowlist.length > 0 ? JSON.stringify(allowlist) : null })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    },

    /** A token's own IP allowlist; empty when it has none or the org has no such token. */
    async ipAllowlistOf(orgId: string, id: string): Promise<string[]> {
      const row = await db.selectFrom('tokens').select('ip_allowlist').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return parseJsonArray(row?.ip_allowlist ?? '[]');
    },

    /** A token's own rate limits and quota, with its kind and status; null when the org has no such token. */
    async usageLimitsOfToken(orgId: string, id: string): Promise<{ token: Token; usageLimits: UsageLimits | null } | null> {
      const row = await db.selectFrom('tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? { token: toToken(row), usageLimits: usageLimitsOf(row.usage_limits) } : null;
    },

    /** The stored digest of one token, for rotation. */
    async digestOf(orgId: string, id: string): Promise<string | null> {
      const row = await db.selectFrom('tokens').select('digest').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row?.digest ?? null;
    },

    /**
     * Gives the token a new secret (rotation, one-time delivery). `previous`: the replaced digest
     * keeps verifying until `until`; null forgets it at once.
     */
    async replaceDigest(orgId: string, id: string, digest: string, displayPrefix: string, previous: { digest: string; until: Date } | null): Promise<void> {
      await db
        .updateTable('tokens')
        .set({ digest, display_prefix: displayPrefix, previous_digest: previous?.digest ?? null, previous_digest_until: previous ? previous.until.getTime() : null })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    },

    /** Shortens expiry and narrows scopes (policy clamp). */
    async clamp(orgId: string, id: string, expiresAt: Date, scopes: readonly string[]): Promise<void> {
      await db.updateTable('tokens').set({ expires_at: expiresAt.getTime(), scopes: JSON.stringify(scopes) }).where('org_id', '=', orgId).where('id', '=', id).execute();
    },

    /**
     * A page of the org's live members' and service accounts' tokens (active or suspended, not yet
     * expired) by id, with the address of their last use: what a policy change may break.
     */
    async listGoverned(orgId: string, now: Date, afterId: string | null, limit: number): Promise<Array<{ token: Token; lastActiveIp: string | null }>> {
      let query = db
        .selectFrom('tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('kind', 'in', ['user', 'service_account'])
        .where('status', '!=', 'revoked')
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.getTime())]));
      if (afterId !== null) query = query.where('id', '>', afterId);
      const rows = await query.orderBy('id').limit(limit).execute();
      return rows.map((row) => ({ token: toToken(row), lastActiveIp: row.last_active_ip }));
    },

    /** A keyset page of one owner's tokens (every status), oldest first. */
    async listOfOwner(orgId: string, owner: TokenOwner, page: KeysetRequest): Promise<KeysetResult<Token>> {
      const column = owner.type === 'user' ? 'owner_user_id' : 'owner_service_account_id';
      let query = db.selectFrom('tokens').selectAll().where('org_id', '=', orgId).where(column, '=', owner.id);
      const condition = keysetCondition('tokens', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toToken);
    },

    async findById(orgId: string, id: string): Promise<Token | null> {
      const row = await db.selectFrom('tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toToken(row) : null;
    },

    /** One query for many ids (no N+1 when a list names who made each token). */
    async findByIds(orgId: string, ids: readonly string[]): Promise<Map<string, Token>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('tokens').selectAll().where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((row) => [row.id, toToken(row)]));
    },

    /** Keyset page over one kind of token of an org, oldest first. Fetches `limit + 1` to know if more exist. */
    async listByKind(orgId: string, kind: TokenKind, page: KeysetPage): Promise<{ items: Token[]; hasMore: boolean }> {
      let query = db.selectFrom('tokens').selectAll().where('org_id', '=', orgId).where('kind', '=', kind);
      if (page.after) {
        const { createdAtMs, id } = page.after;
        query = query.where((eb) =>
          eb.or([eb('created_at', '>', createdAtMs), eb.and([eb('created_at', '=', createdAtMs), eb('id', '>', id)])]),
        );
      }
      const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
      return { items: rows.slice(0, page.limit).map(toToken), hasMore: rows.length > page.limit };
    },

    /** Revokes those of these tokens not revoked yet, in one statement; answers the ids it revoked. */
    revokeMany,

    /** Revokes one token unless already revoked; true when this call revoked it. */
    async revoke(orgId: string, id: string, by: string | null, reason: string | null, at: Date): Promise<boolean> {
      return (await revokeMany(orgId, [id], by, reason, at)).has(id);
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
