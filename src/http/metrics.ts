/** Prometheus metrics, one registry per app instance (no global registry: tests build many apps). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DependencyHealth } from '../service/dependency-health.js';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tokenward_' });
  const httpRequestDuration = new Histogram({
    name: 'tokenward_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const tokensIssued = new Counter({
    name: 'tokenward_tokens_issued_total',
    help: 'Tokens and keys issued, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  return { registry, httpRequestDuration, tokensIssued };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Observes request durations through one child of the histogram per method, route and status,
 * made once: labelling on every observation costs a hash of the labels each time.
 */
export function durationObserver(metrics: Pick<Metrics, 'httpRequestDuration'>): (method: string, route: string, status: number, seconds: number) => void {
  const children = new Map<string, { observe(seconds: number): void }>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = metrics.httpRequestDuration.labels({ method, route, status: String(status) });
      children.set(key, child);
    }
    child.observe(seconds);
  };
}

export interface VerificationStatsSources {
  cache(): { size: number; misses: number; limitStoreFailures?: number };
  usage(): { recorded: number; dropped: number; flushed: number; buffered: number; failedFlushes: number };
  /** Verify requests answered before Fastify's pipeline (src/http/verify-fast-path.ts). */
  fastPath?: () => number;
}

/**
 * Verification cache and usage recorder figures, read when scraped: nothing is counted
 * twice on the hot path. `*_total` ones only grow while the process lives.
 */
export function registerVerificationMetrics(metrics: Metrics, sources: VerificationStatsSources): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read());
      },
    });
  gauge('tokenward_verify_cache_entries', 'Token snapshots held by the verification cache.', () => sources.cache().size);
  gauge('tokenward_verify_cache_misses_total', 'Verifications (and verifier keys) that had to read the database.', () => sources.cache().misses);
  gauge('tokenward_usage_limit_store_failures_total', 'Rate-limit and quota counts that Redis failed to take, counted in this node\'s memory instead.', () => sources.cache().limitStoreFailures ?? 0);
  const fastPath = sources.fastPath;
  if (fastPath) gauge('tokenward_verify_fast_path_requests_total', 'POST /api/v1/verify requests answered before the HTTP framework (the plain JSON shape).', fastPath);
  gauge('tokenward_usage_events_recorded_total', 'Usage events accepted by the recorder.', () => sources.usage().recorded);
  gauge('tokenward_usage_events_flushed_total', 'Usage events committed to the database.', () => sources.usage().flushed);
  gauge('tokenward_usage_events_buffered', 'Usage events waiting for the next flush.', () => sources.usage().buffered);
  gauge('tokenward_usage_events_dropped_total', 'Usage events whose detail was dropped past the buffer bound (still counted in aggregates).', () => sources.usage().dropped);
  gauge('tokenward_usage_flush_failures_total', 'Usage flushes that failed (their events were put back).', () => sources.usage().failedFlushes);
}

/** Up (1) or down (0) per dependency, and how many outages each had: read when scraped. */
export function registerDependencyMetrics(metrics: Metrics, health: Pick<DependencyHealth, 'states'>): void {
  new Gauge({
    name: 'tokenward_dependency_up',
    help: 'Whether a dependency answers: database, redis, change_listener (1 up, 0 down).',
    labelNames: ['dependency'] as const,
    registers: [metrics.registry],
    collect() {
      for (const [name, state] of health.states()) this.set({ dependency: name }, state.isUp ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tokenward_dependency_outages_total',
    help: 'Times a dependency went down since the process started.',
    labelNames: ['dependency'] as const,
    registers: [metrics.registry],
    collect() {
      for (const [name, state] of health.states()) this.set({ dependency: name }, state.outages);
    },
  });
}
