import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.js';
import type { DependencyHealth } from '../../service/dependency-health.js';
import type { Metrics } from '../metrics.js';
import { ErrorRef } from '../schemas/common.js';

export interface HealthDeps {
  pingDatabase(): Promise<void>;
  metrics: Metrics;
  health?: Pick<DependencyHealth, 'states'> | undefined;
  isVerifyingFromCache?: (() => boolean) | undefined;
}

/**
 * `/healthz`: the process answers. `/readyz`: and it can verify tokens correctly, which needs its
 * database (a node that does not hear the other nodes' changes still verifies correctly: from the
 * database rather than from memory, so it stays ready and says so). `/metrics`: Prometheus.
 */
export function healthRoutes(deps: HealthDeps): FastifyPluginAsync {
  return async (app) => {
    const Status = Type.Object({ status: Type.String() });
    const Ready = Type.Object({
      status: Type.String(),
      checks: Type.Optional(
        Type.Object({
          database: Type.String(),
          verification: Type.String({ description: 'cache: answers from memory; database: every answer read from the database (changes from other nodes are not heard right now).' }),
          disk: Type.Optional(Type.String({ description: 'writable, or full: changes are refused until space is freed (reads go on).' })),
          redis: Type.Optional(Type.String()),
        }),
      ),
    });
    app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true, response: { 200: Ready, 503: ErrorRef } } }, async (request, reply) => {
      try {
        await deps.pingDatabase();
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        throw new DomainError('NOT_READY');
      }
      const redis = deps.health?.states().get('redis');
      const disk = deps.health?.states().get('disk');
      return reply.send({
        status: 'ready',
        checks: {
          database: 'up',
          verification: (deps.isVerifyingFromCache?.() ?? true) ? 'cache' : 'database',
          ...(disk ? { disk: disk.isUp ? 'writable' : 'full' } : {}),
          ...(redis ? { redis: redis.isUp ? 'up' : 'down' } : {}),
        },
      });
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };
}
