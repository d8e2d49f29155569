/** The request-duration histogram: the same exposition as prom-client's own Histogram. */
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from '../../src/http/metrics.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

describe('the request-duration histogram', () => {
  it('exposes what a prom-client Histogram given the same observations exposes, as text and as JSON', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = new DurationHistogram('t_duration_seconds', 'Duration "by" route\\n.', BUCKETS, ours);
    const reference = new Histogram({ name: 't_duration_seconds', help: 'Duration "by" route\\n.', labelNames: ['method', 'route', 'status'], buckets: BUCKETS, registers: [theirs] });
    const observations: Array<[string, string, number, number]> = [
      ['POST', '/api/v1/verify', 200, 0.0004],
      ['POST', '/api/v1/verify', 200, 0.001], // on a bound: counted in it
      ['POST', '/api/v1/verify', 200, 0.0011],
      ['POST', '/api/v1/verify', 401, 0.02],
      ['GET', '/x/"quoted"\\path', 200, 3.5], // past every bound: only in +Inf
      ['GET', 'unmatched', 404, 0.3],
      ['POST', '/api/v1/verify', 200, 2.5],
    ];
    const series = new Map<string, (seconds: number) => void>();
    for (const [method, route, status, seconds] of observations) {
      const key = `${method} ${route} ${status}`;
      if (!series.has(key)) series.set(key, histogram.seriesOf(method, route, status));
      series.get(key)!(seconds);
      reference.observe({ method, route, status: String(status) }, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
