/** Prometheus metrics, one registry per app instance (no global registry: tests build many apps). */
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import type { DependencyHealth } from '../service/dependency-health.js';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tokenward_' });
  const httpRequestDuration = new DurationHistogram(
    'tokenward_http_request_duration_seconds',
    'HTTP request duration by method, route pattern and status code.',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registry,
  );
  const tokensIssued = new Counter({
    name: 'tokenward_tokens_issued_total',
    help: 'Tokens and keys issued, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  return { registry, httpRequestDuration, tokensIssued };
}

export type Metrics = ReturnType<typeof createMetrics>;

interface DurationSeries {
  labels: { method: string; route: string; status: string };
  /** Observations per bucket (not cumulative), the last one past every bound. */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A histogram of request durations by method, route and status, exposed exactly as prom-client's
 * Histogram is (registered in the same registry, same text), but counted in plain arrays: a
 * prom-client observation validates and hashes its labels on every call, even through a child,
 * about a microsecond of every request. Here each series is found once per method, route and
 * status (durationObserver keeps it) and an observation is a bucket search and three additions.
 */
export class DurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, DurationSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of one method, route and status, to observe into (keep it: finding it costs a key). */
  seriesOf(method: string, route: string, status: number): (seconds: number) => void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { labels: { method, route, status: String(status) }, counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    const { bounds } = this;
    const found = series;
    return (seconds) => {
      let bucket = 0;
      while (bucket < bounds.length && seconds > bounds[bucket]!) bucket += 1;
      found.counts[bucket]! += 1;
      found.sum += seconds;
      found.count += 1;
    };
  }

  /** prom-client's Histogram format: cumulative buckets, +Inf, sum and count per series. */
  async getForPromString() {
    const bucketName = `${this.name}_bucket`;
    const values: Array<{ labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string; exemplar?: null }> = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += series.counts[i]!;
        values.push({ labels: { le: bound }, sharedLabels: series.labels, value: cumulative, metricName: bucketName, exemplar: null });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucketName, exemplar: null });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The same with the series' labels in each value's `labels` (prom-client's `get()`, for JSON). */
  async get() {
    const data = await this.getForPromString();
    return { ...data, values: data.values.map(({ sharedLabels, labels, ...value }) => ({ ...value, labels: { ...labels, ...sharedLabels } })) };
  }

  reset(): void {
    this.series.clear();
  }
}

/**
 * Observes request durations through one series per method, route and status, found once: the
 * key is built per call, the series kept.
 */
export function durationObserver(metrics: Pick<Metrics, 'httpRequestDuration'>): (method: string, route: string, status: number, seconds: number) => void {
  const observers = new Map<string, (seconds: number) => void>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let observe = observers.get(key);
    if (!observe) {
      observe = metrics.httpRequestDuration.seriesOf(method, route, status);
      observers.set(key, observe);
    }
    observe(seconds);
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
