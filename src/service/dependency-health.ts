/**
 * What this node knows of the services it depends on (the database, Redis, the token change
 * listener): each one is up or down, with a count of the times it went down. An outage is logged
 * once when it starts and once when it ends, however many requests or reconnection attempts fail
 * in between; `/readyz` and `/metrics` read the same states.
 */

export type DependencyName = 'database' | 'disk' | 'redis' | 'change_listener';

export interface DependencyState {
  isUp: boolean;
  /** Times it went from up to down since the process started. */
  outages: number;
  /** When the current state began (ms since the epoch). */
  sinceMs: number;
}

export interface DependencyHealthDeps {
  log: {
    warn(fields: Record<string, unknown>, message: string): void;
    info(fields: Record<string, unknown>, message: string): void;
  };
  nowMs?: () => number;
}

/** Words for the log, per dependency: what it means for users while it is down. */
const WHILE_DOWN: Record<DependencyName, string> = {
  database: 'admin changes are refused with 503 and verifications not answered from memory fail',
  disk: 'changes are refused with 503 (disk full or data directory read-only) while reads and verifications go on',
  redis: 'rate limits are counted per node, and token changes travel through the database where it can carry them',
  change_listener: 'verifications read the database instead of the cache until changes from other nodes are heard again',
};

export function createDependencyHealth(deps: DependencyHealthDeps) {
  const nowMs = deps.nowMs ?? Date.now;
  const states = new Map<DependencyName, DependencyState>();

  return {
    /** Declares a dependency, up, so `/metrics` shows it before anything happens to it. */
    track(name: DependencyName): void {
      if (!states.has(name)) states.set(name, { isUp: true, outages: 0, sinceMs: nowMs() });
    },
    /** Reports what the latest use of a dependency found; logs only a change of state. */
    report(name: DependencyName, isUp: boolean, error?: unknown): void {
      const state = states.get(name) ?? { isUp: true, outages: 0, sinceMs: nowMs() };
      states.set(name, state);
      if (state.isUp === isUp) return;
      const downForMs = nowMs() - state.sinceMs;
      state.isUp = isUp;
      state.sinceMs = nowMs();
      if (isUp) {
        deps.log.info({ dependency: name, downForMs }, `${name} is back`);
        return;
      }
      state.outages += 1;
      deps.log.warn({ dependency: name, err: error }, `${name} unavailable: ${WHILE_DOWN[name]}`);
    },
    isUp: (name: DependencyName): boolean => states.get(name)?.isUp ?? true,
    states: (): ReadonlyMap<DependencyName, Readonly<DependencyState>> => states,
  };
}

export type DependencyHealth = ReturnType<typeof createDependencyHealth>;

export { storageFaultOf, type StorageFault } from '../store/db-errors.js';
