import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateBoundsOf, matchesBounds, parseDateFilter, parseInstant, shiftMs, type DateField } from '../../src/domain/date-filters.js';
import { DomainError } from '../../src/domain/errors.js';
import { parseInventoryFilters, parsePageSize, parseSort } from '../../src/domain/token-query.js';

const now = new Date('2026-03-31T12:00:00.000Z');
const DAY = 86_400_000;

function expectValidationFailure(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return;
  }
}

function bounds(field: DateField, params: Record<string, string>) {
  const filter = parseDateFilter(field, params);
  if (!filter) throw new Error('inactive');
  return dateBoundsOf(filter, field === 'expiresAt' ? 'future' : 'past', now);
}

describe('date filters', () => {
  it('read gt/lt on a past field as older/newer than N units, never-used matching gt only', () => {
    const older = bounds('lastActiveAt', { lastActiveAtSearchType: 'GT', lastActiveAtUom: 'Days', lastActiveAtValue: '90' });
    expect(older).toEqual({ minMs: null, maxMs: now.getTime() - 90 * DAY - 1, includeNull: true });
    const newer = bounds('lastActiveAt', { lastActiveAtSearchType: 'lt', lastActiveAtUom: 'day', lastActiveAtValue: '90' });
    expect(newer).toEqual({ minMs: now.getTime() - 90 * DAY + 1, maxMs: null, includeNull: false });
    expect(matchesBounds(older, null)).toBe(true);
    expect(matchesBounds(newer, null)).toBe(false);
    expect(matchesBounds(older, now.getTime() - 91 * DAY)).toBe(true);
    expect(matchesBounds(newer, now.getTime() - 89 * DAY)).toBe(true);
  });

  it('reads gt/lt on expiresAt forward from now', () => {
    const later = bounds('expiresAt', { expiresAtSearchType: 'gt', expiresAtUom: 'week', expiresAtValue: '2' });
    expect(later).toEqual({ minMs: now.getTime() + 14 * DAY + 1, maxMs: null, includeNull: true });
    const sooner = bounds('expiresAt', { expiresAtSearchType: 'lt', expiresAtUom: 'hours', expiresAtValue: '5' });
    expect(sooner.maxMs).toBe(now.getTime() + 5 * 3_600_000 - 1);
    expect(matchesBounds(sooner, now.getTime() - DAY)).toBe(true); // already expired
  });

  it('moves by calendar months and years, clamping the day', () => {
    expect(new Date(shiftMs(now.getTime(), 'month', -1)).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(shiftMs(Date.parse('2024-02-29T00:00:00Z'), 'year', 1)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('reads absolute ranges, dates covering their whole UTC day', () => {
    const window = bounds('createdAt', { createdAtSearchType: 'range', createdAtFrom: '2026-01-01', createdAtTo: '2026-01-31' });
    expect(window).toEqual({ minMs: Date.parse('2026-01-01T00:00:00Z'), maxMs: Date.parse('2026-02-01T00:00:00Z') - 1, includeNull: false });
    const open = bounds('createdAt', { createdAtSearchType: 'range', createdAtTo: '2026-01-31T10:00:00+02:00' });
    expect(open).toEqual({ minMs: null, maxMs: Date.parse('2026-01-31T08:00:00Z'), includeNull: false });
    expect(parseInstant('x', '2026-01-31T10:00', false)).toBe(Date.parse('2026-01-31T10:00:00Z'));
  });

  it('reads relative ranges as windows of units from now', () => {
    const window = bounds('lastActiveAt', { lastActiveAtSearchType: 'range', lastActiveAtUom: 'day', lastActiveAtRangeFrom: '30', lastActiveAtRangeTo: '90' });
    expect(window).toEqual({ minMs: now.getTime() - 90 * DAY, maxMs: now.getTime() - 30 * DAY, includeNull: false });
    const ahead = bounds('expiresAt', { expiresAtSearchType: 'range', expiresAtUom: 'day', expiresAtRangeTo: '7' });
    expect(ahead).toEqual({ minMs: now.getTime(), maxMs: now.getTime() + 7 * DAY, includeNull: false });
  });

  it('ignores a family without its SearchType, and refuses bad or missing companions', () => {
    expect(parseDateFilter('createdAt', { createdAtValue: 'junk' })).toBeNull();
    const bad: Array<Record<string, string>> = [
      { createdAtSearchType: 'between' },
      { createdAtSearchType: 'gt', createdAtUom: 'day' },
      { createdAtSearchType: 'gt', createdAtValue: '3' },
      { createdAtSearchType: 'gt', createdAtUom: 'fortnight', createdAtValue: '3' },
      { createdAtSearchType: 'gt', createdAtUom: 'day', createdAtValue: '-3' },
      { createdAtSearchType: 'gt', createdAtUom: 'day', createdAtValue: '1.5' },
      { createdAtSearchType: 'range' },
      { createdAtSearchType: 'range', createdAtFrom: '2026-02-30' },
      { createdAtSearchType: 'range', createdAtFrom: 'yesterday' },
      { createdAtSearchType: 'range', createdAtFrom: '2026-02-01', createdAtTo: '2026-01-01' },
      { createdAtSearchType: 'range', createdAtFrom: '2026-02-01', createdAtRangeTo: '3' },
      { createdAtSearchType: 'range', createdAtRangeFrom: '9', createdAtRangeTo: '3', createdAtUom: 'day' },
      { createdAtSearchType: 'range', createdAtRangeFrom: '9' },
    ];
    for (const params of bad) {
      expect(() => parseDateFilter('createdAt', params), JSON.stringify(params)).toThrow(DomainError);
    }
  });

  it('never throw anything but VALIDATION_FAILED on random query strings', () => {
    // What the query schemas let through: each parameter once, as text; `Value` and `pageSize` may be numbers.
    const text = fc.oneof(
      fc.constantFrom('gt', 'lt', 'range', 'RANGE', 'day', 'months', 'year', '0', '7', '100001', '2026-01-01', '2026-01-01T00:00:00Z', '2026-13-01', ''),
      fc.string(),
    );
    const textOrNumber = fc.oneof(text, fc.integer());
    const query = fc.record(
      {
        lastActiveAtSearchType: text,
        lastActiveAtUom: text,
        lastActiveAtValue: textOrNumber,
        lastActiveAtFrom: text,
        lastActiveAtTo: text,
        lastActiveAtRangeFrom: text,
        lastActiveAtRangeTo: text,
        q: text,
        status: text,
        sort: text,
        pageSize: textOrNumber,
        keyType: text,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(query, (params) => {
        expectValidationFailure(() => {
          const filters = parseInventoryFilters(params, { dateFields: ['lastActiveAt'], hasStatus: true, hasKeyType: true });
          for (const filter of Object.values(filters.dates)) dateBoundsOf(filter!, 'past', now);
          parseSort(params.sort);
          parsePageSize(params.pageSize);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sort and page size', () => {
  it('parse sort with +, - or a space (an unencoded +)', () => {
    expect(parseSort('-lastActiveAt')).toEqual({ field: 'lastActiveAt', descending: true });
    expect(parseSort(' label')).toEqual({ field: 'label', descending: false });
    expect(parseSort(undefined)).toEqual({ field: 'createdAt', descending: true });
    expect(() => parseSort('name')).toThrow(DomainError);
  });

  it('default, clamp and refuse page sizes', () => {
    expect(parsePageSize(undefined)).toBe(100);
    expect(parsePageSize('5000')).toBe(1000);
    expect(parsePageSize(10)).toBe(10);
    for (const bad of ['0', '-1', '1.5', 'ten']) expect(() => parsePageSize(bad)).toThrow(DomainError);
  });
});
