/** Dates and counts as people read them. */
const dateFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
const numberFormat = new Intl.NumberFormat('en-GB');

export function formatDate(iso: string | null | undefined, empty = '—'): string {
  return iso ? dateFormat.format(new Date(iso)) : empty;
}

export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : empty;
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "in 3 days", "5 days ago", "today". */
export function relativeDays(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const days = Math.round((new Date(iso).getTime() - now) / 86_400_000);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
