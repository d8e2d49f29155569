/** Per-org SMTP settings and automation settings. The SMTP password is stored sealed. */
import type { Kysely } from 'kysely';
import { DEFAULT_AUTOMATION_SETTINGS, type AutomationSettings } from '../domain/hygiene.js';
import { parseJsonObject, toDate } from './rows.js';
import type { Database } from './schema.js';

export interface SmtpSettings {
  orgId: string;
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: boolean;
  username: string | null;
  fromAddress: string;
  enabled: boolean;
  updatedAt: Date;
}

export function createNotificationSettingsStore(db: Kysely<Database>) {
  return {
    async getSmtp(orgId: string): Promise<{ settings: SmtpSettings; passwordSealed: string | null } | null> {
      const row = await db.selectFrom('smtp_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
      if (!row) return null;
      return {
        settings: {
          orgId: row.org_id,
          host: row.host,
          port: row.port,
          secure: row.secure === 1,
          username: row.username,
          fromAddress: row.from_address,
          enabled: row.enabled === 1,
          updatedAt: toDate(row.updated_at),
        },
        passwordSealed: row.password_sealed,
      };
    },
    /** Orgs among `orgIds` whose e-mail is configured and enabled. */
    async orgsWithSmtp(orgIds: readonly string[]): Promise<Set<string>> {
      if (orgIds.length === 0) return new Set();
      const rows = await db.selectFrom('smtp_settings').select('org_id').where('org_id', 'in', [...orgIds]).where('enabled', '=', 1).execute();
      return new Set(rows.map((r) => r.org_id));
    },
    async putSmtp(settings: SmtpSettings, passwordSealed: string | null): Promise<void> {
      const values = {
        org_id: settings.orgId,
        host: settings.host,
        port: settings.port,
        secure: settings.secure ? 1 : 0,
        username: settings.username,
        password_sealed: passwordSealed,
        from_address: settings.fromAddress,
        enabled: settings.enabled ? 1 : 0,
        updated_at: settings.updatedAt.getTime(),
      };
      await db
        .insertInto('smtp_settings')
        .values(values)
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...values }))
        .execute();
    },
    async deleteSmtp(orgId: string): Promise<boolean> {
      const result = await db.deleteFrom('smtp_settings').where('org_id', '=', orgId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The org's settings over the defaults, so a setting added later has a value for every org. */
    async getAutomation(orgId: string): Promise<AutomationSettings> {
      const row = await db.selectFrom('automation_settings').select('settings').where('org_id', '=', orgId).executeTakeFirst();
      return { ...DEFAULT_AUTOMATION_SETTINGS, ...(row ? (parseJsonObject(row.settings) as Partial<AutomationSettings>) : {}) };
    },
    async putAutomation(orgId: string, settings: AutomationSettings, at: Date): Promise<void> {
      const values = { org_id: orgId, settings: JSON.stringify(settings), updated_at: at.getTime() };
      await db
        .insertInto('automation_settings')
        .values(values)
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ settings: values.settings, updated_at: values.updated_at }))
        .execute();
    },
  };
}

export type NotificationSettingsStore = ReturnType<typeof createNotificationSettingsStore>;
