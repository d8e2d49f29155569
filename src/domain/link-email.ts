/**
 * The e-mail that carries a one-time link (where the link meets the mailer). Pure: the link in, the
 * message out; data is HTML-escaped in the HTML part.
 */
import { escapeHtml, type EmailMessage } from './email-templates.js';
import type { LinkKind } from './sign-in.js';

const WORDING: Record<LinkKind, { subject: string; lead: string }> = {
  invite: { subject: 'You are invited to Tokenward', lead: 'You have been invited to Tokenward. Set your password with this link:' },
  password_reset: {
    subject: 'Reset your Tokenward password',
    lead: 'Someone (hopefully you) asked to reset your Tokenward password. Set a new one with this link:',
  },
  owner_setup: { subject: 'Set your Tokenward owner password', lead: 'Set the password of your Tokenward owner account with this link:' },
};

/**
 *   linkEmail('password_reset', 'Ada', 'https://tw.example.com/reset-password?token=...', expiresAt)
 */
export function linkEmail(kind: LinkKind, name: string, url: string, expiresAt: Date): EmailMessage {
  const { subject, lead } = WORDING[kind];
  const paragraphs = [
    `Hello ${name},`,
    lead,
    url,
    `The link works once, until ${expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
    'If you did not expect this message, ignore it: nothing changes until the link is used.',
  ];
  const html = `<!doctype html><html><body style="font-family:sans-serif">${paragraphs
    .map((p) => (p === url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
    .join('')}</body></html>`;
  return { subject, text: `${paragraphs.join('\n\n')}\n`, html };
}
