/**
 * A job's schedule and actions in words (dry-run preview "listing exactly what would be
 * done"). Actions are the domain's HygieneAction union (src/domain/hygiene.ts); one the console
 * does not know yet is still listed, by its type and fields.
 */
import { Link } from 'react-router';
import { formatDate, formatDateTime, plural } from '../../components/format.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const two = (n: string) => n.padStart(2, '0');

/** The cron forms the jobs use, in words; anything else is shown as the expression itself. */
export function scheduleInWords(cron: string): string {
  const [minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = ''] = cron.trim().split(/\s+/);
  const isNumber = (part: string) => /^\d+$/.test(part);
  if (!isNumber(minute) || dayOfMonth !== '*' || month !== '*') return cron;
  if (hour === '*' && dayOfWeek === '*') return `Every hour at :${two(minute)}`;
  if (!isNumber(hour)) return cron;
  const time = `${two(hour)}:${two(minute)} UTC`;
  if (dayOfWeek === '*') return `Every day at ${time}`;
  return isNumber(dayOfWeek) && WEEKDAYS[Number(dayOfWeek) % 7] ? `Every ${WEEKDAYS[Number(dayOfWeek) % 7]} at ${time}` : cron;
}

export type JobAction = { type: string } & Record<string, unknown>;

function TokenLink({ id, labels }: { id: unknown; labels: ReadonlyMap<string, string> }) {
  const tokenId = String(id);
  return <Link to={`/tokens/${encodeURIComponent(tokenId)}`}>{labels.get(tokenId) ?? tokenId}</Link>;
}

export function ActionInWords({ action, labels }: { action: JobAction; labels: ReadonlyMap<string, string> }) {
  const a = action;
  const token = <TokenLink id={a.tokenId} labels={labels} />;
  switch (a.type) {
    case 'mark_expired':
      return <>Mark {token} expired (it expired {formatDateTime(String(a.expiresAt))}) and tell the webhooks that subscribe to expirations.</>;
    case 'warn_expiring':
      return <>Warn the owner of {token} that it expires within {plural(Number(a.daysBefore), 'day')} ({formatDate(String(a.expiresAt))}).</>;
    case 'warn_idle':
      return <>Warn the owner of {token}: idle {plural(Number(a.idleDays), 'day')}, revoked on {formatDate(String(a.revokeOn))} unless used.</>;
    case 'revoke_idle':
      return <>Revoke {token}: idle {plural(Number(a.idleDays), 'day')} (limit {plural(Number(a.revokeAfterDays), 'day')}, last used {formatDate(String(a.lastActiveAt), 'never')}).</>;
    case 'send_digest':
      return <>Send the weekly digest for {formatDate(String(a.periodStart))} to {formatDate(String(a.periodEnd))}.</>;
    case 'purge_outbox':
      return <>Delete {plural(Number(a.events), 'delivered event')} and {plural(Number(a.jobRuns), 'finished job run')} from before {formatDate(String(a.before))}.</>;
    case 'purge_usage':
      return <>Delete {plural(Number(a.events), 'raw usage event')} from before {formatDate(String(a.before))} (daily totals stay).</>;
    case 'purge_audit':
      return <>Remove {plural(Number(a.count), 'audit entry', 'audit entries')} older than {plural(Number(a.retentionDays), 'day')} (through entry {String(a.throughSeq)}).</>;
    case 'remind_approvers':
      return <>Remind approvers of request {String(a.approvalId)}, pending {plural(Number(a.pendingHours), 'hour')} (reminder {String(a.reminder)}).</>;
    case 'revoke_idle_external':
      return <>Revoke <TokenLink id={a.externalTokenId} labels={new Map([[String(a.externalTokenId), String(a.label)]])} /> in its connected system: idle {plural(Number(a.idleDays), 'day')} (limit {plural(Number(a.revokeAfterDays), 'day')}, last used {formatDate(String(a.lastActiveAt), 'never')}).</>;
    case 'flag_idle_external':
      return <>Flag <TokenLink id={a.externalTokenId} labels={new Map([[String(a.externalTokenId), String(a.label)]])} />: idle {plural(Number(a.idleDays), 'day')} (limit {plural(Number(a.revokeAfterDays), 'day')}). {String(a.reason)}</>;
    case 'warn_expiring_external':
      return <>Warn the owner of <TokenLink id={a.externalTokenId} labels={new Map([[String(a.externalTokenId), String(a.label)]])} /> that it expires within {plural(Number(a.daysBefore), 'day')} ({formatDate(String(a.expiresAt))}).</>;
    default:
      return <>{a.type}: {JSON.stringify({ ...a, type: undefined })}</>;
  }
}
