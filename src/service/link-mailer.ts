/**
 * The default delivery seam of one-time links (docs/sign-in.md): an e-mail to the person through
 * their org's SMTP settings (docs/notifications.md) when the org has them enabled;
 * otherwise a log line saying a link was made and went nowhere. Neither the log nor an error ever
 * holds the link: it is the secret.
 */
import type { Kysely } from 'kysely';
import { linkEmail } from '../domain/link-email.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import type { LinkDelivery } from './link-service.js';
import { sendEmail } from './mailer.js';

export interface LinkMailerDeps {
  db: Kysely<Database>;
  /** The `smtp-password` box the notification settings seal with. */
  smtpPasswords: SecretBox;
  log(fields: Record<string, unknown>, message: string): void;
  /** One e-mail's whole send. */
  smtpTimeoutMs?: number;
}

export function createLinkMailer(deps: LinkMailerDeps): LinkDelivery {
  const stores = createStores(deps.db);
  return async (message) => {
    const fields = { linkId: message.linkId, kind: message.kind, userId: message.user.id };
    const smtp = await stores.notificationSettings.getSmtp(message.user.orgId);
    if (!smtp || !smtp.settings.enabled) {
      deps.log(fields, 'one-time link made; the organization has no e-mail settings, so it was not sent');
      return;
    }
    const password = smtp.passwordSealed === null ? null : deps.smtpPasswords.open(smtp.passwordSealed);
    try {
      await sendEmail(smtp.settings, password, message.user.email, linkEmail(message.kind, message.user.name, message.url, message.expiresAt), deps.smtpTimeoutMs);
      deps.log(fields, 'one-time link e-mailed');
    } catch (error) {
      // The transport's error may quote the message; log its code only.
      deps.log({ ...fields, error: (error as { code?: unknown }).code ?? 'send failed' }, 'one-time link could not be e-mailed');
    }
  };
}
