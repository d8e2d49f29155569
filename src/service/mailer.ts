/** Sends one e-mail over the org's SMTP settings with nodemailer. */
import nodemailer from 'nodemailer';
import type { EmailMessage } from '../domain/email-templates.js';
import type { SmtpSettings } from '../store/notification-settings-store.js';

export const DEFAULT_SMTP_TIMEOUT_MS = 15_000;

/**
 * Sends within `timeoutMs` in all. Nodemailer's own timeouts bound each phase (connection,
 * greeting, each reply), so a server that answers slowly at every step could otherwise hold a send
 * for several times the limit: longer than a delivery's lease, after which another worker would
 * send the same e-mail again.
 */
export async function sendEmail(settings: SmtpSettings, password: string | null, to: string, message: EmailMessage, timeoutMs = DEFAULT_SMTP_TIMEOUT_MS): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`the SMTP server did not finish within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    await Promise.race([transport.sendMail({ from: settings.fromAddress, to, subject: message.subject, text: message.text, html: message.html }), deadline]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
