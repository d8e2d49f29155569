/** Helpers of the automation tests: a clock tests move, and raw row tweaks for setup. */
import type { App } from '../../src/app.js';
import type { Clock } from '../../src/domain/clock.js';

export interface MovableClock {
  clock: Clock;
  set(at: Date | string): void;
  advance(ms: number): void;
  now(): Date;
}

export function movableClock(start: Date | string): MovableClock {
  let at = new Date(start).getTime();
  return {
    clock: () => new Date(at),
    set: (to) => (at = new Date(to).getTime()),
    advance: (ms) => (at += ms),
    now: () => new Date(at),
  };
}

/** Test setup only: when a token was last used (verification records it in real use). */
export async function setLastActive(app: App, tokenId: string, at: Date | null): Promise<void> {
  await app.core.database.db.updateTable('tokens').set({ last_active_at: at ? at.getTime() : null }).where('id', '=', tokenId).execute();
}

export const DAY = 86_400_000;
