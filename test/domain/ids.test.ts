import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId, newTimeOrderedId } from '../../src/domain/ids.js';

const YEAR_9999_MS = Date.UTC(9999, 11, 31);

describe('time-ordered ids', () => {
  it('have the shape of every other id', () => {
    expect(newTimeOrderedId('evt')).toMatch(/^evt_[0-9A-Za-z]{22}$/);
    expect(newTimeOrderedId('dlv', YEAR_9999_MS)).toMatch(/^dlv_[0-9A-Za-z]{22}$/);
    expect(newId('evt')).toMatch(/^evt_[0-9A-Za-z]{22}$/);
  });

  it('sort by the millisecond they were made in, as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: YEAR_9999_MS - 1 }), fc.integer({ min: 1, max: 10_000 }), (earlier, gap) => {
        const later = Math.min(YEAR_9999_MS, earlier + gap);
        expect(newTimeOrderedId('evt', earlier) < newTimeOrderedId('evt', later)).toBe(true);
      }),
    );
  });

  it('stay distinct within one millisecond, across refills of the random pool', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i++) ids.add(newTimeOrderedId('evt', 1_700_000_000_000));
    expect(ids.size).toBe(5_000);
  });
});
