/**
 * An org's OIDC single sign-on settings, through the admin API. The client secret is
 * sealed (AES-256-GCM, pepper-derived key) and never returned; a PUT without one keeps the stored
 * secret. A PUT checks the issuer by running OpenID Connect discovery before saving.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { actorOf, authorizeOrgAccess } from '../domain/principal.js';
import { createSecretBox } from '../domain/secret-box.js';
import { cleanDomain } from '../domain/sign-in.js';
import type { Pepper } from '../domain/token-digest.js';
import type { Database } from '../store/schema.js';
import type { SsoConfig } from '../store/sso-config-store.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { discoverProvider, isLoopbackHttp } from './oidc-service.js';
import type { Caller } from './user-directory-service.js';

export const DEFAULT_SSO_SCOPES = 'openid email profile';

export interface SsoConfigInput {
  issuer: string;
  clientId: string;
  /** Required the first time; omitted later keeps the stored one. */
  clientSecret?: string | undefined;
  scopes?: string | undefined;
  allowedDomains: string[];
  groupClaim?: string | null | undefined;
  groupMapping?: Record<string, string> | undefined;
  jitEnabled?: boolean | undefined;
}

/** What the admin API shows: everything but the secret. */
export type SsoConfigView = Omit<SsoConfig, 'clientSecretSealed'> & { hasClientSecret: true };

function viewOf(config: SsoConfig): SsoConfigView {
  const { clientSecretSealed: _sealed, ...rest } = config;
  return { ...rest, hasClientSecret: true };
}

export function createSsoConfigService(deps: { db: Kysely<Database>; pepper: Pepper; clock: Clock }) {
  const { db, clock } = deps;
  const stores = createStores(db);
  const box = createSecretBox(deps.pepper, 'sso-client-secret');

  return {
    async get(caller: Caller, orgId: string): Promise<SsoConfigView> {
      authorizeOrgAccess(caller.principal, orgId, 'read:directory:admin');
      const config = await stores.ssoConfigs.find(orgId);
      if (!config) throw new DomainError('SSO_NOT_CONFIGURED');
      return viewOf(config);
    },

    async put(caller: Caller, orgId: string, input: SsoConfigInput): Promise<SsoConfigView> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      let issuerUrl: URL;
      try {
        issuerUrl = new URL(input.issuer);
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'issuer is not a URL.');
      }
      if (issuerUrl.protocol !== 'https:' && !isLoopbackHttp(issuerUrl)) throw new DomainError('VALIDATION_FAILED', 'issuer must be an https:// URL.');
      const allowedDomains = [...new Set(input.allowedDomains.map(cleanDomain))];
      const mapping = input.groupMapping ?? {};
      const scopes = (input.scopes ?? DEFAULT_SSO_SCOPES).split(/\s+/).filter(Boolean);
      if (!scopes.includes('openid')) throw new DomainError('VALIDATION_FAILED', 'scopes must include openid.');
      const existing = await stores.ssoConfigs.find(orgId);
      const knownGroups = await stores.ssoConfigs.existingGroupIds(orgId, Object.values(mapping));
      const unknownGroups = Object.values(mapping).filter((id) => !knownGroups.has(id));
      if (unknownGroups.length > 0) throw new DomainError('VALIDATION_FAILED', `groupMapping names groups not in this organization: ${[...new Set(unknownGroups)].join(', ')}.`);
      let secret = input.clientSecret;
      if (secret === undefined) {
        if (!existing) throw new DomainError('VALIDATION_FAILED', 'clientSecret is required the first time.');
        secret = box.open(existing.clientSecretSealed) ?? undefined;
        if (secret === undefined) throw new DomainError('VALIDATION_FAILED', 'The stored client secret cannot be read: send clientSecret again.');
      }
      // Outside any transaction: a network call to the provider.
      await discoverProvider(issuerUrl.href, input.clientId, secret);
      const now = clock();
      const config: SsoConfig = {
        orgId,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecretSealed: box.seal(secret),
        scopes: scopes.join(' '),
        allowedDomains,
        groupClaim: input.groupClaim?.trim() || null,
        groupMapping: mapping,
        jitEnabled: input.jitEnabled ?? true,
        createdAt: existing?.createdAt ?? now,
        // Strictly later than before, so the OIDC service's discovery cache notices the change.
        updatedAt: new Date(Math.max(now.getTime(), (existing?.updatedAt.getTime() ?? 0) + 1)),
      };
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        await tx.ssoConfigs.upsert(config);
        await tx.audit.append(
          auditEntry(
            {
              orgId,
              ...actorOf(caller.principal),
              ip: caller.ip,
              action: existing ? 'sso.updated' : 'sso.configured',
              targetType: 'org',
              targetId: orgId,
              details: { issuer: config.issuer, clientId: config.clientId, allowedDomains, groupClaim: config.groupClaim, jitEnabled: config.jitEnabled, clientSecretChanged: input.clientSecret !== undefined },
            },
            clock,
          ),
        );
      });
      return viewOf(config);
    },

    async remove(caller: Caller, orgId: string): Promise<void> {
      authorizeOrgAccess(caller.principal, orgId, 'write:directory:admin');
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.ssoConfigs.delete(orgId))) throw new DomainError('SSO_NOT_CONFIGURED');
        await tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'sso.removed', targetType: 'org', targetId: orgId }, clock));
      });
    },
  };
}

export type SsoConfigService = ReturnType<typeof createSsoConfigService>;
