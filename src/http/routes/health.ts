import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.js';
import type { Metrics } from '../metrics.js';
import { ErrorRef } from '../schemas/common.js';

export interface HealthDeps {
  pingDatabase(): Promise<void>;
  metrics: Metrics;
}

/** `/healthz`: the process answers. `/readyz`: and its database does. `/metrics`: Prometheus. */
export function healthRoutes(deps: HealthDeps): FastifyPluginAsync {
  return async (app) => {
    const Status = Type.Object({ status: Type.String() });
    app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true, response: { 200: Status, 503: ErrorRef } } }, async (request, reply) => {
      try {
        await deps.pingDatabase();
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        throw new DomainError('NOT_READY');
      }
      return reply.send({ status: 'ready' });
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };
}
