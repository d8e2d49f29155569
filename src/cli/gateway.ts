/**
 * `tokenward gateway --config gateway.yaml` (docs/gateway.md): the gateway as its own
 * process. A bad file prints one line naming the field and exits 1. SIGTERM/SIGINT stop accepting,
 * let in-flight requests end and report pending usage to the server.
 */
import { pino } from 'pino';
import { LOG_LEVELS, type LogLevel } from '../config.js';
import { loadGatewayConfigFile } from '../gateway/config-file.js';
import { startStandaloneGateway } from '../gateway/standalone.js';
import type { GatewayServer } from '../gateway/proxy.js';
import { StartupError } from '../domain/errors.js';
import { exitWithError } from './output.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

export async function runGateway(options: { config: string }): Promise<void> {
  let gateway: GatewayServer;
  const log = pino({ level: logLevelOf(process.env.LOG_LEVEL), base: { component: 'gateway' } });
  try {
    const config = loadGatewayConfigFile(options.config, process.env, 'standalone');
    gateway = await startStandaloneGateway(config, log);
    process.stdout.write(`Tokenward gateway is listening on ${gateway.url()}, in front of ${config.upstream.origin}${config.upstream.basePath}, verifying with ${config.tokenward.url} (${config.routes.routes.length} routes).\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') exitWithError(new StartupError(`The gateway's port is already in use; change listen.port in ${options.config}.`));
    exitWithError(error);
  }
  let isStopping = false;
  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function logLevelOf(raw: string | undefined): LogLevel {
  const level = raw?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'info';
}
