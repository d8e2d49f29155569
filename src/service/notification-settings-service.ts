/**
 * Per-org SMTP settings and automation settings. The SMTP password is write-only: it is
 * stored sealed and never returned; a PUT without `password` keeps the stored one.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { AutomationSettings } from '../domain/hygiene.js';
import { actorOf } from '../domain/principal.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { SmtpSettings } from '../store/notification-settings-store.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { Caller } from './webhook-service.js';

export interface SmtpInput {
  host: string;
  port: number;
  secure?: boolean | undefined;
  username?: string | null | undefined;
  /** Unset: keep the stored password; null: remove it. */
  password?: string | null | undefined;
  fromAddress: string;
  enabled?: boolean | undefined;
}

export interface SmtpView extends SmtpSettings {
  hasPassword: boolean;
}

export function createNotificationSettingsService(deps: { db: Kysely<Database>; clock: Clock; smtpPasswords: SecretBox }) {
  const { db, clock, smtpPasswords } = deps;
  const stores = createStores(db);

  return {
    async getSmtp(orgId: string): Promise<SmtpView> {
      const found = await stores.notificationSettings.getSmtp(orgId);
      if (!found) throw new DomainError('NOT_FOUND', 'E-mail is not configured for this organization.');
      return { ...found.settings, hasPassword: found.passwordSealed !== null };
    },

    async putSmtp(caller: Caller, orgId: string, input: SmtpInput): Promise<SmtpView> {
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(input.fromAddress)) throw new DomainError('VALIDATION_FAILED', 'fromAddress must be an e-mail address.');
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const current = await tx.notificationSettings.getSmtp(orgId);
        const passwordSealed =
          input.password === undefined ? (current?.passwordSealed ?? null) : input.password === null ? null : smtpPasswords.seal(input.password);
        const settings: SmtpSettings = {
          orgId,
          host: input.host,
          port: input.port,
          secure: input.secure ?? input.port === 465,
          username: input.username ?? null,
          fromAddress: input.fromAddress,
          enabled: input.enabled ?? true,
          updatedAt: clock(),
        };
        await tx.notificationSettings.putSmtp(settings, passwordSealed);
        await tx.audit.append(
          auditEntry(
            { orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'smtp_settings.updated', targetType: 'org', targetId: orgId, details: { host: settings.host, port: settings.port, enabled: settings.enabled, passwordChanged: input.password !== undefined } },
            clock,
          ),
        );
        return { ...settings, hasPassword: passwordSealed !== null };
      });
    },

    async deleteSmtp(caller: Caller, orgId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.notificationSettings.deleteSmtp(orgId))) throw new DomainError('NOT_FOUND', 'E-mail is not configured for this organization.');
        await tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'smtp_settings.deleted', targetType: 'org', targetId: orgId }, clock));
      });
    },

    getAutomation: (orgId: string) => stores.notificationSettings.getAutomation(orgId),

    async putAutomation(caller: Caller, orgId: string, changes: Partial<AutomationSettings>): Promise<AutomationSettings> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const current = await tx.notificationSettings.getAutomation(orgId);
        const next: AutomationSettings = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
        next.expiryWarningDays = [...new Set(next.expiryWarningDays)].sort((a, b) => b - a);
        await tx.notificationSettings.putAutomation(orgId, next, clock());
        await tx.audit.append(
          auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action: 'automation_settings.updated', targetType: 'org', targetId: orgId, details: { changes } }, clock),
        );
        return next;
      });
    },
  };
}

export type NotificationSettingsService = ReturnType<typeof createNotificationSettingsService>;
