/** Sends one e-mail over the org's SMTP settings with nodemailer. */
import nodemailer from 'nodemailer';
import type { EmailMessage } from '../domain/email-templates.js';
import type { SmtpSettings } from '../store/notification-settings-store.js';

const SMTP_TIMEOUT_MS = 15_000;

export async function sendEmail(settings: SmtpSettings, password: string | null, to: string, message: EmailMessage): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: password ?? '' } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: settings.fromAddress, to, subject: message.subject, text: message.text, html: message.html });
  } finally {
    transport.close();
  }
}
