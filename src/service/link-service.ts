/**
 * One-time links: invites, password resets and the owner's first-sign-in link. A link's
 * secret exists in clear only in the value this service returns (to the admin who asked, the
 * bootstrap banner, the CLI) or hands to the delivery seam; the database holds its HMAC.
 *
 * Delivery seam: `LinkDelivery` receives the links nobody asked to see (self-service password
 * resets). Until e-mail delivery exists (a later issue), the composition root passes one that logs
 * that a link was made, without the link.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { AuditEntry, User } from '../domain/models.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { LINK_LIFETIME_MS, linkUrl, newSecret, type LinkKind } from '../domain/sign-in.js';
import { digestToken, type Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { Caller } from './user-directory-service.js';

export interface IssuedLink {
  linkId: string;
  kind: LinkKind;
  userId: string;
  orgId: string;
  /** The link's secret, in clear: show it once, never store or log it. */
  secret: string;
  /** `base URL + console path + ?token=secret`. */
  url: string;
  expiresAt: Date;
}

export interface LinkMessage {
  kind: LinkKind;
  user: User;
  linkId: string;
  url: string;
  expiresAt: Date;
}

/** Where self-service links go (e-mail, later). Must not log `url`: it holds the secret. */
export type LinkDelivery = (message: LinkMessage) => Promise<void>;

export interface LinkServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  /** The externally visible base URL links point at. */
  baseUrl(): string;
  deliver: LinkDelivery;
}

/** Self-service resets for one e-mail touch at most this many orgs' users. */
const MAX_RESET_TARGETS = 5;

export function createLinkService(deps: LinkServiceDeps) {
  const { db, pepper, clock } = deps;

  /**
   * Inside the caller's transaction: a new link for the user; older unused links of the same kind
   * die, so only the newest one works.
   */
  async function issueIn(tx: Stores, user: User, kind: LinkKind, actor: { actorType: AuditEntry['actorType']; actorId: string | null; ip: string | null }): Promise<IssuedLink> {
    const now = clock();
    const secret = newSecret();
    const linkId = newId('lnk');
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[kind]);
    await tx.authLinks.invalidateUnused(user.id, [kind], now);
    await tx.authLinks.insert({ id: linkId, digest: digestToken(pepper, secret), kind, orgId: user.orgId, userId: user.id, expiresAt, usedAt: null, createdAt: now, createdBy: actor.actorId });
    await tx.audit.append(
      auditEntry({ orgId: user.orgId, ...actor, action: `link.${kind}.created`, targetType: 'user', targetId: user.id, details: { linkId, expiresAt: expiresAt.toISOString() } }, clock),
    );
    return { linkId, kind, userId: user.id, orgId: user.orgId, secret, url: linkUrl(deps.baseUrl(), kind, secret), expiresAt };
  }

  /** An admin's link for one user of their org: invite or password reset. */
  async function issueForUser(caller: Caller, orgId: string, userId: string, kind: 'invite' | 'password_reset'): Promise<IssuedLink> {
    authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
    return db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const user = await tx.users.findById(orgId, userId);
      if (!user) throw new DomainError('USER_NOT_FOUND');
      if (user.status !== 'active') throw new DomainError('CONFLICT', 'The user is deactivated: reactivate them first.');
      return issueIn(tx, user, kind, { ...actorOf(caller.principal), ip: caller.ip });
    });
  }

  return {
    issueIn,

    /** `POST .../users/{userId}/invite`: the link is returned to the admin to pass on. */
    issueInvite: (caller: Caller, orgId: string, userId: string) => issueForUser(caller, orgId, userId, 'invite'),

    /** `POST .../users/{userId}/password-reset`: an admin-made reset link, returned to the admin. */
    issuePasswordReset: (caller: Caller, orgId: string, userId: string) => issueForUser(caller, orgId, userId, 'password_reset'),

    /**
     * Self-service reset request. Answers nothing: whether or not the e-mail is known, the caller
     * learns the same. Links for known active users go to the delivery seam.
     */
    async requestPasswordReset(email: string, orgId: string | undefined, ip: string | null): Promise<void> {
      const users = (await createStores(db).credentials.findUsersByEmail(email, orgId, MAX_RESET_TARGETS)).filter((u) => u.status === 'active');
      for (const user of users) {
        const link = await db.transaction().execute((trx) => issueIn(createStores(trx), user, 'password_reset', { actorType: 'system', actorId: 'password-reset-request', ip }));
        await deps.deliver({ kind: 'password_reset', user, linkId: link.linkId, url: link.url, expiresAt: link.expiresAt });
      }
    },

    /**
     * `tokenward owner-link`: a fresh owner-setup link for the org's first active owner (or the one
     * given); older unused owner links die.
     */
    async issueOwnerLink(orgId: string, ownerId?: string): Promise<IssuedLink> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const owners = (await tx.users.list(orgId, { role: 'owner', status: 'active' }, { limit: 100 })).items;
        const owner = ownerId ? owners.find((u) => u.id === ownerId) : owners[0];
        if (!owner) throw new DomainError('USER_NOT_FOUND', 'The organization has no such active owner.');
        return issueIn(tx, owner, 'owner_setup', { actorType: 'system', actorId: 'cli', ip: null });
      });
    },
  };
}

export type LinkService = ReturnType<typeof createLinkService>;
