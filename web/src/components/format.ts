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

/** "just now", "5 min ago", "2 h ago", "3 days ago", "in 2 h": the exact time goes in a tooltip beside it. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const ahead = seconds > 0;
  const s = Math.abs(seconds);
  const say = (n: number, unit: string) => (ahead ? `in ${n} ${unit}` : `${n} ${unit} ago`);
  if (s < 60) return 'just now';
  if (s < 3600) return say(Math.floor(s / 60), 'min');
  if (s < 86_400) return say(Math.floor(s / 3600), 'h');
  const days = Math.floor(s / 86_400);
  return say(days, days === 1 ? 'day' : 'days');
}
