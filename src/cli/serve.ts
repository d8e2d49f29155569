import { createApp, type App } from '../app.js';
import type { GatewayConfig } from '../domain/gateway-config.js';
import { systemClock } from '../domain/clock.js';
import { loadGatewayConfigFile } from '../gateway/config-file.js';
import { startInProcessGateway } from '../gateway/in-process.js';
import type { GatewayServer } from '../gateway/proxy.js';
import { linkUrl } from '../domain/sign-in.js';
import type { BootstrapResult } from '../service/bootstrap-service.js';
import { VERSION } from '../version.js';
import { StartupError } from '../domain/errors.js';
import { configOrExit, exitWithError } from './output.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

export async function runServe(): Promise<void> {
  const config = configOrExit();
  let app: App;
  let gatewayConfig: GatewayConfig | undefined;
  try {
    // The gateway's file is checked before anything starts: a typo stops the server at once.
    if (config.gatewayConfigPath) gatewayConfig = loadGatewayConfigFile(config.gatewayConfigPath, process.env, 'in-process');
    app = await createApp({ config, delegatedUpstream: gatewayConfig?.upstream.delegated ?? undefined });
  } catch (error) {
    exitWithError(error);
  }
  const running: { gateway?: GatewayServer } = {};
  installShutdown(app, running);
  try {
    const baseUrl = await app.listen();
    process.stdout.write(banner(baseUrl, app.core.database.location, app.bootstrap));
    if (app.instanceKey) process.stdout.write(instanceKeyBanner(baseUrl, app.instanceKey.secret));
    if (gatewayConfig) {
      running.gateway = await startInProcessGateway(gatewayConfig, {
        verification: app.core.services.verification,
        // The system clock's time without a Date per proxied request; a test clock is asked as it is.
        nowMs: app.core.clock === systemClock ? Date.now : () => app.core.clock().getTime(),
        grants: { db: app.core.database.db, pepper: app.core.pepper, clock: app.core.clock },
        log: app.logger.child({ component: 'gateway' }),
      });
      process.stdout.write(`Gateway (${config.gatewayConfigPath}) is listening on ${running.gateway.url()}, in front of ${gatewayConfig.upstream.origin}${gatewayConfig.upstream.basePath}.\n`);
    }
  } catch (error) {
    await running.gateway?.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      exitWithError(new StartupError(`Port ${(error as { port?: number }).port ?? config.port} on ${config.host} is already in use; set PORT (or the gateway's listen.port) to another port.`));
    }
    exitWithError(error);
  }
}

function banner(baseUrl: string, location: string, result: BootstrapResult): string {
  const lines = [`Tokenward ${VERSION} is listening on ${baseUrl} (data: ${location}).`];
  if (result.firstStart) {
    lines.push(
      `First start: created the organization "${result.org.name}" (id ${result.org.id}) and its owner ${result.owner.email}.`,
      '',
      'Organization admin API key (it holds every admin scope; shown ONLY NOW, store it safely):',
      `  ${result.adminKey.secret}`,
      '',
      'Try it (lists the organizations this key reaches):',
      `  curl -H "Authorization: Bearer ${result.adminKey.secret}" ${baseUrl}/admin/v1/orgs`,
      '',
      'Lost the key? `npx tokenward admin-key create --org <org id>` issues a new one.',
      '',
      `Owner ${result.owner.email}: set your password and sign in with this one-time link (valid 24 hours):`,
      `  ${linkUrl(baseUrl, 'owner_setup', result.ownerLink.secret)}`,
      'Open it in a browser: the web console asks for the new password, then signs you in.',
      'Lost the link? `npx tokenward owner-link` prints a new one.',
    );
  } else {
    for (const org of result.orgs) lines.push(`Organization "${org.name}": id ${org.id}`);
  }
  lines.push(`API docs: ${baseUrl}/docs`, '');
  return `${lines.join('\n')}\n`;
}

/** The instance administrator's first key: printed once, at install (or the first start after an upgrade that brought it). */
function instanceKeyBanner(baseUrl: string, secret: string): string {
  return [
    'Instance administrator key (creates, lists and disables organizations; opens no organization\'s data; shown ONLY NOW, store it safely):',
    `  ${secret}`,
    'Try it (lists every organization on this server):',
    `  curl -H "Authorization: Bearer ${secret}" ${baseUrl}/admin/tokenward/v1/instance/orgs`,
    'Lost it? `npx tokenward instance-key create` issues a new one on this server\'s database.',
    '',
    '',
  ].join('\n');
}

function installShutdown(app: App, running: { gateway?: GatewayServer }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // The gateway first: its last requests' usage goes into the recorder the app then flushes.
    const closeGateway = running.gateway ? running.gateway.close().catch((error: unknown) => app.logger.error({ err: error }, 'error while closing the gateway')) : Promise.resolve();
    closeGateway.then(() => app.close()).then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
