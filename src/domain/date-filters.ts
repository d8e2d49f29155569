/**
 * The `*SearchType` date-filter families of the inventory endpoints (CONTRACT.md §7):
 * `createdAt*`, `lastActiveAt*` (instants in the past) and `expiresAt*` (instants mostly in the
 * future). Parsing is split in two pure steps so a page cursor stays valid while time passes:
 *
 *   const filter = parseDateFilter('lastActiveAt', query);   // normalized, clock-free (fingerprinted)
 *   const bounds = dateBoundsOf(filter, 'past', now);        // epoch-ms window for the store
 *
 * Every bad value is a DomainError('VALIDATION_FAILED'), never another error.
 *
 * Our reading where the contract is silent (written down in docs/atlassian-api.md):
 * - A family is active only when its `SearchType` is given; its other parameters are ignored otherwise.
 * - `SearchType`: `gt | lt | range`, any case. `gt`/`lt` need `Uom` and `Value` (an integer 0-100000).
 * - `Uom`: `hour | day | week | month | year`, singular or plural, any case; months and years are
 *   calendar ones (UTC), the day clamped to the month's last day.
 * - Past fields: `gt N` = more than N units ago (older), `lt N` = less than N units ago (newer).
 *   `expiresAt`: `gt N` = more than N units from now, `lt N` = less than N units from now (already
 *   expired ones included).
 * - A missing instant (never used, never expires) is infinitely far away: it matches `gt` only.
 * - `range` with `From`/`To`: an inclusive absolute window; either side may be open. A date
 *   (`2025-06-01`) means the start of that UTC day in `From` and its end in `To`; a date-time without
 *   an offset is UTC.
 * - `range` with `RangeFrom`/`RangeTo` (and `Uom`): a relative window in units from now, e.g.
 *   RangeFrom=30&RangeTo=90&Uom=day on a past field = between 90 and 30 days ago. A missing
 *   `RangeFrom` is 0 (now), a missing `RangeTo` is unbounded. Mixing both range styles is a 400.
 */
import { DomainError } from './errors.js';
import { DAY_MS, HOUR_MS } from './time.js';

export type DateField = 'createdAt' | 'lastActiveAt' | 'expiresAt';
/** Whether the field's instants lie behind us (created, last active) or mostly ahead (expiry). */
export type DateDirection = 'past' | 'future';
export type Uom = 'hour' | 'day' | 'week' | 'month' | 'year';

export type DateFilter =
  | { searchType: 'gt' | 'lt'; uom: Uom; value: number }
  | { searchType: 'range'; from: string | null; to: string | null }
  | { searchType: 'relative'; uom: Uom; rangeFrom: number; rangeTo: number | null };

/** An inclusive epoch-ms window; `includeNull` says whether a missing instant matches. */
export interface DateBounds {
  minMs: number | null;
  maxMs: number | null;
  includeNull: boolean;
}

export const MAX_UNITS = 100_000;
const FIXED_MS: Partial<Record<Uom, number>> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };
const UOMS: readonly Uom[] = ['hour', 'day', 'week', 'month', 'year'];

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/** The parameters of one family: `createdAtSearchType`, `createdAtUom`, ... */
export type DateParamSuffix = 'SearchType' | 'Uom' | 'Value' | 'From' | 'To' | 'RangeFrom' | 'RangeTo';

/**
 * The query values of date families as the query schemas hand them over: each once, as text, or as
 * a number where a schema reads one (`Value`). Empty text counts as absent.
 */
export type DateFamilyParams<F extends DateField = DateField> = { readonly [K in `${F}${DateParamSuffix}`]?: string | number | undefined };

function textParam<F extends DateField>(params: DateFamilyParams<F>, name: `${F}${DateParamSuffix}`): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'number' ? String(value) : value.trim();
}

function parseUom(name: string, raw: string | undefined): Uom {
  if (raw === undefined) throw invalid(`${name} is required with this search type (hour, day, week, month or year).`);
  const lower = raw.toLowerCase();
  const singular = lower.endsWith('s') ? lower.slice(0, -1) : lower;
  const uom = UOMS.find((u) => u === singular);
  if (!uom) throw invalid(`${name} must be one of hour, day, week, month, year.`);
  return uom;
}

function parseUnits(name: string, raw: string | undefined): number {
  if (raw === undefined) throw invalid(`${name} is required with this search type.`);
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > MAX_UNITS) throw invalid(`${name} must be an integer from 0 to ${MAX_UNITS}.`);
  return Number(raw);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Returns the instant's epoch ms; `endOfDay` widens a bare date to its last millisecond. */
export function parseInstant(name: string, raw: string, endOfDay: boolean): number {
  const date = DATE.exec(raw);
  if (date) {
    const start = utcDay(Number(date[1]), Number(date[2]), Number(date[3]));
    if (start === null) throw invalid(`${name} is not a valid date.`);
    return endOfDay ? start + DAY_MS - 1 : start;
  }
  const dt = DATE_TIME.exec(raw);
  if (!dt) throw invalid(`${name} must be an ISO-8601 date (2025-06-01) or date-time (2025-06-01T10:00:00Z).`);
  const day = utcDay(Number(dt[1]), Number(dt[2]), Number(dt[3]));
  const hours = Number(dt[4]);
  const minutes = Number(dt[5]);
  const seconds = dt[6] === undefined ? 0 : Number(dt[6]);
  if (day === null || hours > 23 || minutes > 59 || seconds > 59) throw invalid(`${name} is not a valid date-time.`);
  const millis = dt[7] === undefined ? 0 : Math.floor(Number(`0${dt[7]}`) * 1000);
  let offsetMinutes = 0;
  const zone = dt[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const zh = Number(digits.slice(1, 3));
    const zm = Number(digits.slice(3, 5));
    if (zh > 23 || zm > 59) throw invalid(`${name} has an invalid UTC offset.`);
    offsetMinutes = (zh * 60 + zm) * (zone.startsWith('-') ? -1 : 1);
  }
  return day + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

function utcDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return null;
  return Date.UTC(year, month - 1, day);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** `now` moved by `amount` units (negative: into the past); calendar months clamp the day. */
export function shiftMs(nowMs: number, uom: Uom, amount: number): number {
  const fixed = FIXED_MS[uom];
  if (fixed !== undefined) return nowMs + amount * fixed;
  const d = new Date(nowMs);
  const months = uom === 'year' ? amount * 12 : amount;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const time = nowMs - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(year, month, day) + time;
}

/**
 * Reads one family (`<field>SearchType`, `<field>Uom`, ...) from query parameters. Returns null
 * when the family is not active. Clock-free, so its result can go into a cursor fingerprint.
 */
export function parseDateFilter<F extends DateField>(field: F, params: DateFamilyParams<F>): DateFilter | null {
  const p = (suffix: DateParamSuffix) => textParam(params, `${field}${suffix}`);
  const rawType = p('SearchType');
  if (rawType === undefined) return null;
  const searchType = rawType.toLowerCase();
  if (searchType === 'gt' || searchType === 'lt') {
    return { searchType, uom: parseUom(`${field}Uom`, p('Uom')), value: parseUnits(`${field}Value`, p('Value')) };
  }
  if (searchType !== 'range') throw invalid(`${field}SearchType must be one of gt, lt, range.`);
  const from = p('From');
  const to = p('To');
  const rangeFrom = p('RangeFrom');
  const rangeTo = p('RangeTo');
  const isAbsolute = from !== undefined || to !== undefined;
  const isRelative = rangeFrom !== undefined || rangeTo !== undefined;
  if (isAbsolute && isRelative) throw invalid(`Give either ${field}From/${field}To or ${field}RangeFrom/${field}RangeTo, not both.`);
  if (isAbsolute) {
    const fromMs = from === undefined ? null : parseInstant(`${field}From`, from, false);
    const toMs = to === undefined ? null : parseInstant(`${field}To`, to, true);
    if (fromMs !== null && toMs !== null && fromMs > toMs) throw invalid(`${field}From must not be after ${field}To.`);
    return { searchType: 'range', from: from ?? null, to: to ?? null };
  }
  if (isRelative) {
    const start = rangeFrom === undefined ? 0 : parseUnits(`${field}RangeFrom`, rangeFrom);
    const end = rangeTo === undefined ? null : parseUnits(`${field}RangeTo`, rangeTo);
    if (end !== null && start > end) throw invalid(`${field}RangeFrom must not be greater than ${field}RangeTo.`);
    return { searchType: 'relative', uom: parseUom(`${field}Uom`, p('Uom')), rangeFrom: start, rangeTo: end };
  }
  throw invalid(`${field}SearchType=range needs ${field}From or ${field}To (or ${field}RangeFrom/${field}RangeTo).`);
}

/** The epoch-ms window a filter selects at `now`. */
export function dateBoundsOf(filter: DateFilter, direction: DateDirection, now: Date): DateBounds {
  const nowMs = now.getTime();
  const sign = direction === 'past' ? -1 : 1;
  switch (filter.searchType) {
    case 'gt':
    case 'lt': {
      const edge = shiftMs(nowMs, filter.uom, sign * filter.value);
      // "More than N units away" is older for a past field and later for a future one.
      const isFarSide = filter.searchType === 'gt';
      const isBelowEdge = direction === 'past' ? isFarSide : !isFarSide;
      return isBelowEdge
        ? { minMs: null, maxMs: edge - 1, includeNull: isFarSide }
        : { minMs: edge + 1, maxMs: null, includeNull: isFarSide };
    }
    case 'range':
      return {
        minMs: filter.from === null ? null : parseInstant('From', filter.from, false),
        maxMs: filter.to === null ? null : parseInstant('To', filter.to, true),
        includeNull: false,
      };
    case 'relative': {
      const near = shiftMs(nowMs, filter.uom, sign * filter.rangeFrom);
      const far = filter.rangeTo === null ? null : shiftMs(nowMs, filter.uom, sign * filter.rangeTo);
      return direction === 'past' ? { minMs: far, maxMs: near, includeNull: false } : { minMs: near, maxMs: far, includeNull: false };
    }
  }
}

/** Whether an instant (null: never) falls inside the bounds; the reference the SQL mirrors. */
export function matchesBounds(bounds: DateBounds, atMs: number | null): boolean {
  if (atMs === null) return bounds.includeNull;
  return (bounds.minMs === null || atMs >= bounds.minMs) && (bounds.maxMs === null || atMs <= bounds.maxMs);
}
