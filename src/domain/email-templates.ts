/**
 * Text and HTML e-mails for the events people must hear about. Pure: the event in, the
 * message out. Every value that came from data is HTML-escaped in the HTML part.
 */
import type { DigestStats, DomainEvent, EventPayloads, EventType, TokenRef } from './events.js';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** Event types that send e-mail, and to whom (docs/notifications.md). */
export const EMAIL_RECIPIENTS: Partial<Record<EventType, 'owner' | 'owner_and_admins' | 'admins' | 'approvers'>> = {
  'token.expiring': 'owner',
  'token.revoked': 'owner',
  'token.clamped': 'owner',
  'token.idle_warning': 'owner',
  'token.idle_revoked': 'owner',
  'token.leaked': 'owner_and_admins',
  'scim_token.leaked': 'admins',
  'approval.requested': 'approvers',
  'approval.reminder': 'approvers',
  'digest.weekly': 'admins',
  'connector.sync_failed': 'admins',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function tokenLine(token: TokenRef): string {
  return `"${token.label}" (${token.displayPrefix}..., id ${token.id})`;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'never';
}

/** Paragraphs of plain text; the HTML part is the same paragraphs, escaped. */
function message(subject: string, paragraphs: string[], footerUrl: string | null): EmailMessage {
  const footer = footerUrl ? [`Tokenward: ${footerUrl}`] : ['Sent by Tokenward.'];
  const all = [...paragraphs, ...footer];
  const html = `<!doctype html><html><body style="font-family:sans-serif">${all.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`;
  return { subject, text: `${all.join('\n\n')}\n`, html };
}

function digestText(stats: DigestStats): string[] {
  const active = stats.mostActive.length
    ? stats.mostActive.map((t) => `- ${t.label} (${t.id}), last used ${day(t.lastActiveAt)}`).join('\n')
    : '- none';
  return [
    `Token activity from ${day(stats.periodStart)} to ${day(stats.periodEnd)}:`,
    [
      `New tokens: ${stats.created}`,
      `Revoked tokens: ${stats.revoked}`,
      `Expiring within 30 days: ${stats.expiringWithin30Days}`,
      `Stale (unused for long): ${stats.stale}`,
    ].join('\n'),
    `Most active tokens:\n${active}`,
  ];
}

/** The e-mail for an event, or null when the event type sends none. */
export function renderEmail(event: DomainEvent, publicUrl: string | null): EmailMessage | null {
  const p = event.payload as EventPayloads[EventType];
  switch (event.type) {
    case 'token.expiring': {
      const { token, daysBefore } = p as EventPayloads['token.expiring'];
      return message(
        `Your API token "${token.label}" expires in ${daysBefore} day${daysBefore === 1 ? '' : 's'}`,
        [`Your API token ${tokenLine(token)} expires on ${day(token.expiresAt)}.`, 'Create a new token and switch your integrations to it before then.'],
        publicUrl,
      );
    }
    case 'token.revoked': {
      const { token, reason } = p as EventPayloads['token.revoked'];
      return message(`Your API token "${token.label}" was revoked`, [`Your API token ${tokenLine(token)} was revoked (${reason}).`, 'Integrations using it no longer work.'], publicUrl);
    }
    case 'token.clamped': {
      const { token, expiresAt, scopesDropped } = p as EventPayloads['token.clamped'];
      const paragraphs = [`A policy change narrowed your API token ${tokenLine(token)}.`];
      if (expiresAt.from !== expiresAt.to) paragraphs.push(`It now expires on ${day(expiresAt.to)} (was ${day(expiresAt.from)}).`);
      if (scopesDropped.length > 0) paragraphs.push(`It no longer holds these scopes: ${scopesDropped.join(', ')}.`);
      return message(`Your API token "${token.label}" was narrowed by a policy`, paragraphs, publicUrl);
    }
    case 'token.idle_warning': {
      const { token, idleDays, revokeOn } = p as EventPayloads['token.idle_warning'];
      return message(
        `Your unused API token "${token.label}" will be revoked on ${day(revokeOn)}`,
        [`Your API token ${tokenLine(token)} has not been used for ${idleDays} days.`, `It will be revoked on ${day(revokeOn)} unless it is used before then.`],
        publicUrl,
      );
    }
    case 'token.idle_revoked': {
      const { token, idleDays } = p as EventPayloads['token.idle_revoked'];
      return message(`Your unused API token "${token.label}" was revoked`, [`Your API token ${tokenLine(token)} was revoked after ${idleDays} days without use.`], publicUrl);
    }
    case 'token.leaked': {
      const { token, source, url } = p as EventPayloads['token.leaked'];
      return message(
        `API token "${token.label}" was found leaked and revoked`,
        [`The API token ${tokenLine(token)} was reported as leaked by ${source}${url ? ` at ${url}` : ''}.`, 'It was revoked at once. Create a new token and check where the old one was used.'],
        publicUrl,
      );
    }
    case 'scim_token.leaked': {
      const { scimToken, source, url } = p as EventPayloads['scim_token.leaked'];
      return message(
        `SCIM token "${scimToken.label}" was found leaked and revoked`,
        [
          `The SCIM provisioning token "${scimToken.label}" (${scimToken.displayPrefix}..., id ${scimToken.id}) was reported as leaked by ${source}${url ? ` at ${url}` : ''}.`,
          'It was revoked at once: user provisioning from your identity provider stops until you create a new SCIM token and enter it there.',
        ],
        publicUrl,
      );
    }
    case 'approval.requested': {
      const { approvalId, summary } = p as EventPayloads['approval.requested'];
      return message(`Token request waiting for approval`, [`A token request waits for your decision: ${summary}`, `Request id: ${approvalId}`], publicUrl);
    }
    case 'approval.reminder': {
      const { approvalId, pendingHours } = p as EventPayloads['approval.reminder'];
      return message(`Reminder: a token request has waited ${pendingHours} hours`, [`The token request ${approvalId} has waited ${pendingHours} hours for a decision.`], publicUrl);
    }
    case 'digest.weekly':
      return message('Tokenward weekly digest', digestText(p as DigestStats), publicUrl);
    case 'connector.sync_failed': {
      const { connector, error, willRetry } = p as EventPayloads['connector.sync_failed'];
      return message(
        `Connector "${connector.name}" could not sync`,
        [`Tokenward could not read the tokens of the connector "${connector.name}": ${error}`, willRetry ? 'It will try again shortly.' : 'It will try again at the next scheduled sync; check the connection from the Connectors page.'],
        publicUrl,
      );
    }
    default:
      return null;
  }
}

/** A Slack incoming-webhook message (`text`, plus one section block) for any event. */
export function renderSlack(event: DomainEvent): { text: string; blocks: Array<Record<string, unknown>> } {
  const email = renderEmail(event, null);
  const payload = event.payload as { token?: TokenRef };
  const text = email?.subject ?? (payload.token ? `${event.type}: ${tokenLine(payload.token)}` : `Tokenward event ${event.type}`);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(text)}*\n\`${event.type}\` · ${event.occurredAt.toISOString()}` } },
    ],
  };
}

/** Slack mrkdwn: &, < and > must be escaped; nothing else. */
function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}
