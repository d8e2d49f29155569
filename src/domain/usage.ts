/**
 * Usage events and the pure folding of a batch of them into the aggregates the recorder
 * writes at each flush: per token and UTC day (calls, errors), per route, per IP, each token's IPs
 * (first and last seen) and its last activity. One pass, no I/O: the recorder hands it what it
 * buffered and writes the result in one transaction.
 *
 * Identical events of one flush window (same token, result, method, route, IP, user agent,
 * upstream status and UTC day) are kept as ONE group with a count and the first and last time, as
 * GitLab coalesces `last_used_at`: a service calling the same route a thousand times a second
 * costs one row per second, not a thousand, and every call is still counted.
 */
import { isErrorCode, type VerifyCode } from './verification.js';
import { DAY_MS } from './time.js';



/** Field caps: values beyond them are cut, so one noisy client cannot bloat the tables. */
export const USAGE_LIMITS = { method: 16, route: 200, ip: 64, userAgent: 300, upstreamAccount: 200 } as const;

export interface UsageEvent {
  atMs: number;
  orgId: string;
  /** null when no token of the org matched (MALFORMED, NOT_FOUND). */
  tokenId: string | null;
  code: VerifyCode;
  method: string | null;
  route: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The protected API's answer, when the reporter knows it (gateway, SDK). */
  upstreamStatus: number | null;
  /** The gateway's delegated mode: the upstream account the call was made as. */
  upstreamAccount?: string | null;
}

/** Identical events of one flush window: `atMs` is the first, `lastAtMs` the last, `count` how many. */
export interface UsageGroup extends UsageEvent {
  count: number;
  lastAtMs: number;
}

/** What makes two events identical for coalescing (the day keeps daily aggregates exact). */
export function usageGroupKey(event: UsageEvent): string {
  return `${event.orgId}\u0000${event.tokenId}\u0000${event.code}\u0000${event.method}\u0000${event.route}\u0000${event.ip}\u0000${event.userAgent}\u0000${event.upstreamStatus}\u0000${event.upstreamAccount ?? ''}\u0000${Math.floor(event.atMs / DAY_MS)}`;
}

/**
 * Whether an event belongs to a group: the same fields usageGroupKey joins, compared one by one
 * (false only costs the key's way; true means the keys are equal).
 */
export function sameUsageGroup(group: UsageEvent, event: UsageEvent): boolean {
  return (
    group.tokenId === event.tokenId &&
    group.code === event.code &&
    group.route === event.route &&
    group.ip === event.ip &&
    group.method === event.method &&
    group.orgId === event.orgId &&
    group.userAgent === event.userAgent &&
    group.upstreamStatus === event.upstreamStatus &&
    (group.upstreamAccount ?? '') === (event.upstreamAccount ?? '') &&
    Math.floor(group.atMs / DAY_MS) === Math.floor(event.atMs / DAY_MS)
  );
}

/** Counted for events past the buffer bound: their detail is dropped, these survive. */
export interface TokenDayCounter {
  orgId: string;
  tokenId: string;
  day: number;
  calls: number;
  errors: number;
  firstAtMs: number;
  lastAtMs: number;
}

export interface UsageBatch {
  events: UsageGroup[];
  daily: TokenDayCounter[];
  routes: Array<{ orgId: string; tokenId: string; day: number; method: string; route: string; calls: number; errors: number }>;
  dailyIps: Array<{ orgId: string; tokenId: string; day: number; ip: string; calls: number }>;
  tokenIps: Array<{ orgId: string; tokenId: string; ip: string; firstAtMs: number; lastAtMs: number; calls: number }>;
  /** Latest use per token, for `tokens.last_active_at` and `last_active_ip` (null: not known, keep the stored one). */
  lastActive: Array<{ tokenId: string; atMs: number; ip: string | null }>;
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Cuts a free-text field to its cap; empty is null. */
export function capField(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * Folds events (and counters of dropped events) into one batch. Rows come out sorted by key, so
 * concurrent flushes of several nodes take row locks in the same order.
 */
export function aggregateUsage(events: readonly UsageGroup[], dropped: Iterable<TokenDayCounter> = []): UsageBatch {
  const daily = new Map<string, TokenDayCounter>();
  const routes = new Map<string, UsageBatch['routes'][number]>();
  const dailyIps = new Map<string, UsageBatch['dailyIps'][number]>();
  const tokenIps = new Map<string, UsageBatch['tokenIps'][number]>();
  const lastActive = new Map<string, { atMs: number; ip: string | null }>();

  const addDaily = (counter: TokenDayCounter) => {
    const key = `${counter.tokenId}\u0000${counter.day}`;
    const row = daily.get(key);
    if (!row) {
      daily.set(key, { ...counter });
      return;
    }
    row.calls += counter.calls;
    row.errors += counter.errors;
    row.firstAtMs = Math.min(row.firstAtMs, counter.firstAtMs);
    row.lastAtMs = Math.max(row.lastAtMs, counter.lastAtMs);
  };
  const touch = (tokenId: string, atMs: number, ip: string | null) => {
    const seen = lastActive.get(tokenId);
    if (!seen || seen.atMs < atMs) lastActive.set(tokenId, { atMs, ip: ip ?? seen?.ip ?? null });
  };

  for (const event of events) {
    const { tokenId, orgId, atMs, lastAtMs, count } = event;
    if (tokenId === null) continue;
    const day = dayOf(atMs);
    const error = isErrorCode(event.code) ? count : 0;
    addDaily({ orgId, tokenId, day, calls: count, errors: error, firstAtMs: atMs, lastAtMs });
    touch(tokenId, lastAtMs, event.ip);

    const method = event.method ?? '';
    const route = event.route ?? '';
    const routeKey = `${tokenId}\u0000${day}\u0000${method}\u0000${route}`;
    const routeRow = routes.get(routeKey);
    if (routeRow) {
      routeRow.calls += count;
      routeRow.errors += error;
    } else {
      routes.set(routeKey, { orgId, tokenId, day, method, route, calls: count, errors: error });
    }

    const ip = event.ip ?? '';
    const dayIpKey = `${tokenId}\u0000${day}\u0000${ip}`;
    const dayIp = dailyIps.get(dayIpKey);
    if (dayIp) dayIp.calls += count;
    else dailyIps.set(dayIpKey, { orgId, tokenId, day, ip, calls: count });

    const tokenIpKey = `${tokenId}\u0000${ip}`;
    const tokenIp = tokenIps.get(tokenIpKey);
    if (tokenIp) {
      tokenIp.calls += count;
      tokenIp.firstAtMs = Math.min(tokenIp.firstAtMs, atMs);
      tokenIp.lastAtMs = Math.max(tokenIp.lastAtMs, lastAtMs);
    } else {
      tokenIps.set(tokenIpKey, { orgId, tokenId, ip, firstAtMs: atMs, lastAtMs, calls: count });
    }
  }
  for (const counter of dropped) {
    addDaily(counter);
    touch(counter.tokenId, counter.lastAtMs, null);
  }

  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    events: [...events],
    daily: sorted(daily),
    routes: sorted(routes),
    dailyIps: sorted(dailyIps),
    tokenIps: sorted(tokenIps),
    lastActive: [...lastActive.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([tokenId, seen]) => ({ tokenId, ...seen })),
  };
}
