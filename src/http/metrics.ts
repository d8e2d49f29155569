/** Prometheus metrics, one registry per app instance (no global registry: tests build many apps). */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
