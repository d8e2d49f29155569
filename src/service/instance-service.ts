/**
 * The instance administrator: one level above every organization. Their key (`twi_...`) creates,
 * lists, disables and enables organizations, and nothing else: it opens no org's data, and no org's
 * key or session opens the instance routes. Keys are stored as peppered digests, like admin keys.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Organization } from '../domain/models.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import { generateToken, parseToken, type ParsedToken } from '../domain/token-format.js';
import type { StoredAuditEntry } from '../store/audit-store.js';
import type { InstanceKey } from '../store/instance-key-store.js';

export type { InstanceKey };
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { LinkService } from './link-service.js';
import { createOrganizationIn, type CreatedOrganization } from './org-setup.js';
import type { TokenChangeBus } from './token-change-bus.js';
import type { TokenService } from './token-service.js';

/** Who calls an instance route: an instance key, never an org's key or a person's session. */
export interface InstanceAdminPrincipal {
  kind: 'instance_key';
  keyId: string;
}

export interface InstanceCaller {
  principal: InstanceAdminPrincipal;
  ip: string | null;
}

export interface IssuedInstanceKey {
  key: InstanceKey;
  /** The secret in clear: shown once, never stored or logged. */
  secret: string;
}

export interface NewOrganizationRequest {
  name: string;
  ownerEmail: string;
  ownerName?: string | undefined;
}

export interface InstanceServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  tokens: Pick<TokenService, 'issueAdminKeyIn'>;
  links: Pick<LinkService, 'issueIn'>;
  bus?: Pick<TokenChangeBus, 'orgChanged'> | undefined;
}

/** The setting claimed once per database when the first instance key is issued. */
const FIRST_KEY_SETTING = 'instance_key_issued_at';

export function createInstanceService(deps: InstanceServiceDeps) {
  const { db, pepper, clock } = deps;
  const stores = createStores(db);

  /**
   * In the caller's transaction. Audited in the instance chain (entries of no org). The actor is
   * the instance key that asked, or the system (install, local command line).
   */
  async function issueKeyIn(tx: Stores, request: { label: string; createdBy: string | null; presetSecret?: string | undefined; ip: string | null }): Promise<IssuedInstanceKey> {
    const parsed = request.presetSecret === undefined ? generateToken('instance') : parseToken(request.presetSecret);
    if (parsed.kind !== 'instance') throw new DomainError('VALIDATION_FAILED', 'The preset secret is not an instance key (twi_...).');
    const key: InstanceKey = { id: newId('ik'), label: request.label, displayPrefix: parsed.displayPrefix, createdAt: clock(), createdBy: request.createdBy, revokedAt: null };
    await tx.instanceKeys.insert(key, digestToken(pepper, parsed.secret));
    await tx.audit.append(
      auditEntry(
        {
          orgId: null,
          actorType: request.createdBy ? 'instance_key' : 'system',
          actorId: request.createdBy,
          ip: request.ip,
          action: 'instance_key.created',
          targetType: 'instance_key',
          targetId: key.id,
          details: { label: key.label },
        },
        clock,
      ),
    );
    return { key, secret: parsed.secret };
  }

  async function findOrg(orgId: string): Promise<Organization> {
    const org = await stores.organizations.findById(orgId);
    if (!org) throw new DomainError('ORG_NOT_FOUND');
    return org;
  }

  return {
    /**
     * The instance's first key, once per database (at install, or at the first start of a version
     * that has instance keys), even when several nodes start together; null when one was issued before.
     */
    async issueFirstKey(presetSecret: string | undefined): Promise<IssuedInstanceKey | null> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.settings.insertIfAbsent(FIRST_KEY_SETTING, clock().toISOString()))) return null;
        return issueKeyIn(tx, { label: 'instance administrator key', createdBy: null, presetSecret, ip: null });
      });
    },

    /** `tokenward instance-key create`, on the local database: for a lost key. */
    async issueKeyLocally(label: string): Promise<IssuedInstanceKey> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.settings.insertIfAbsent(FIRST_KEY_SETTING, clock().toISOString());
        return issueKeyIn(tx, { label, createdBy: null, ip: null });
      });
    },

    /** The bearer credential of an instance route, or UNAUTHENTICATED / FORBIDDEN in words. */
    async authenticate(secret: string | undefined): Promise<InstanceAdminPrincipal> {
      let parsed: ParsedToken;
      try {
        parsed = parseToken(secret);
      } catch {
        throw new DomainError('UNAUTHENTICATED', 'The instance key is missing or malformed.');
      }
      if (parsed.kind !== 'instance') {
        // A valid-looking org credential: the caller is known to be someone, just not the instance administrator.
        throw new DomainError('FORBIDDEN', 'Instance routes take the instance administrator\'s key (twi_...), not an organization\'s key or token.');
      }
      const digest = digestToken(pepper, parsed.secret);
      const found = await stores.instanceKeys.findByDigest(digest);
      if (!found || !digestsEqual(found.digest, digest) || found.key.revokedAt !== null) throw new DomainError('UNAUTHENTICATED', 'The instance key is not valid.');
      return { kind: 'instance_key', keyId: found.key.id };
    },

    async listKeys(): Promise<InstanceKey[]> {
      return stores.instanceKeys.list();
    },

    /** A further instance key (for a second administrator, or to replace one): the secret is shown once. */
    async issueKey(caller: InstanceCaller, label: string): Promise<IssuedInstanceKey> {
      const trimmed = label.trim();
      if (trimmed.length === 0) throw new DomainError('VALIDATION_FAILED', 'The instance key needs a label.');
      return db.transaction().execute(async (trx) => issueKeyIn(createStores(trx), { label: trimmed, createdBy: caller.principal.keyId, ip: caller.ip }));
    },

    /**
     * Revokes an instance key at once (the next call with it is refused). Revoking the key that
     * calls is allowed, as for any credential: `tokenward instance-key create` on the server's
     * machine is the way back in. Revoking a revoked key changes nothing.
     */
    async revokeKey(caller: InstanceCaller, keyId: string): Promise<InstanceKey> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const key = await tx.instanceKeys.findById(keyId);
        if (!key) throw new DomainError('NOT_FOUND', 'No such instance key.');
        if (key.revokedAt !== null) return key;
        const now = clock();
        await tx.instanceKeys.revoke(keyId, now);
        await tx.audit.append(
          auditEntry(
            { orgId: null, actorType: 'instance_key', actorId: caller.principal.keyId, ip: caller.ip, action: 'instance_key.revoked', targetType: 'instance_key', targetId: keyId, details: { label: key.label } },
            clock,
          ),
        );
        return { ...key, revokedAt: now };
      });
    },

    async listOrganizations(): Promise<Organization[]> {
      return stores.organizations.listAll();
    },

    async getOrganization(orgId: string): Promise<Organization> {
      return findOrg(orgId);
    },

    /** A new org with its owner, its first admin key and the owner's setup link (both shown once). */
    async createOrganization(caller: InstanceCaller, request: NewOrganizationRequest): Promise<CreatedOrganization> {
      const name = request.name.trim();
      if (name.length === 0) throw new DomainError('VALIDATION_FAILED', 'The organization needs a name.');
      const actor = { actorType: 'instance_key' as const, actorId: caller.principal.keyId, ip: caller.ip };
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        // Names identify orgs on the command line and in the console, so two orgs never share one.
        if (await tx.organizations.findByName(name)) throw new DomainError('CONFLICT', `An organization named "${name}" exists already.`);
        const input = { name, ownerEmail: request.ownerEmail, ownerName: request.ownerName ?? 'Owner', adminKeyLabel: 'first admin key' };
        const created = await createOrganizationIn(tx, deps, input, actor, 'org.created');
        // The org's chain first, then the instance chain: every transaction takes chains in the same order.
        await tx.audit.append(
          auditEntry({ orgId: null, ...actor, action: 'instance.org_created', targetType: 'org', targetId: created.org.id, details: { name, ownerEmail: request.ownerEmail } }, clock),
        );
        return created;
      });
    },

    /**
     * Disables or enables an org. Disabled: its admin keys, sessions, SCIM tokens and API tokens
     * stop working (ORG_DISABLED), its data stays; enabling restores them as they were. Audited in
     * the org's chain and the instance chain; the verification caches drop the org's entries.
     */
    async setOrganizationDisabled(caller: InstanceCaller, orgId: string, isDisabled: boolean): Promise<Organization> {
      const actor = { actorType: 'instance_key' as const, actorId: caller.principal.keyId, ip: caller.ip };
      const org = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const current = await tx.organizations.findById(orgId);
        if (!current) throw new DomainError('ORG_NOT_FOUND');
        if ((current.disabledAt != null) === isDisabled) return current;
        const disabledAt = isDisabled ? clock() : null;
        await tx.organizations.setDisabledAt(orgId, disabledAt);
        const action = isDisabled ? 'disabled' : 'enabled';
        await tx.audit.append(auditEntry({ orgId, ...actor, action: `org.${action}`, targetType: 'org', targetId: orgId, details: { name: current.name } }, clock));
        await tx.audit.append(auditEntry({ orgId: null, ...actor, action: `instance.org_${action}`, targetType: 'org', targetId: orgId, details: { name: current.name } }, clock));
        return { ...current, disabledAt };
      });
      deps.bus?.orgChanged(orgId);
      return org;
    },

    /** The instance chain, newest first: what instance keys and the system did above the orgs. */
    async listAudit(options: { limit: number; beforeSeq?: number | undefined }): Promise<StoredAuditEntry[]> {
      return stores.audit.listInstance(options.limit, options.beforeSeq);
    },
  };
}

export type InstanceService = ReturnType<typeof createInstanceService>;
