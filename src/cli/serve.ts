import { createApp, type App } from '../app.js';
import { linkUrl } from '../domain/sign-in.js';
import type { BootstrapResult } from '../service/bootstrap-service.js';
import { VERSION } from '../version.js';
import { configOrExit, exitWithError } from './output.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

export async function runServe(): Promise<void> {
  const config = configOrExit();
  let app: App;
  try {
    app = await createApp({ config });
  } catch (error) {
    exitWithError(error);
  }
  installShutdown(app);
  try {
    const baseUrl = await app.listen();
    process.stdout.write(banner(baseUrl, app.core.database.location, app.bootstrap));
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      exitWithError(new Error(`Port ${config.port} on ${config.host} is already in use; set PORT to another port.`));
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
      'The web console will open it; until then, POST its token with a password to /api/v1/auth/owner-setup (docs/sign-in.md).',
      'Lost the link? `npx tokenward owner-link` prints a new one.',
    );
  } else {
    for (const org of result.orgs) lines.push(`Organization "${org.name}": id ${org.id}`);
  }
  lines.push(`API docs: ${baseUrl}/docs`, '');
  return `${lines.join('\n')}\n`;
}

function installShutdown(app: App): void {
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
    app.close().then(
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
