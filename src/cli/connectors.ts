/**
 * `tokenward connectors ...`: the org's connectors from the server's shell, through the same
 * services as the admin API. A sync started here is an ordinary sync run: if a server is already
 * syncing the connector, this one waits for the connector to be free and reports what it found.
 */
import { Presets, SingleBar } from 'cli-progress';
import { createCore, type Core } from '../app.js';
import type { SyncRun } from '../domain/connectors.js';
import { configOrExit } from './output.js';

interface OrgOption {
  org?: string;
}

async function withCore(work: (core: Core, orgId: string) => Promise<void>, org: string | undefined): Promise<void> {
  const core = await createCore({ config: configOrExit() });
  try {
    await work(core, (await core.services.organizations.resolveOnly(org)).id);
  } finally {
    await core.close();
  }
}

function describeRun(run: SyncRun | null): string {
  if (!run) return 'never synced';
  const when = (run.finishedAt ?? run.startedAt ?? run.createdAt).toISOString();
  const { seen, discovered, updated, gone } = run.counts;
  const error = run.error ? `: ${run.error}` : '';
  return `${run.state} ${when} (${seen} read, ${discovered} new, ${updated} changed, ${gone} gone)${error}`;
}

/** `tokenward connectors list`: each connector with its last sync. */
export async function runConnectorsList(options: OrgOption & { json?: boolean }): Promise<void> {
  await withCore(async (core, orgId) => {
    const views = await core.services.connectors.list(orgId);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(views.map(({ connector, lastSync }) => ({ ...connector, lastSync })))}\n`);
      return;
    }
    if (views.length === 0) process.stdout.write('No connectors yet.\n');
    for (const { connector, lastSync } of views) {
      process.stdout.write(`${connector.id}  ${connector.type.padEnd(9)}  ${connector.name}  every ${connector.scheduleMinutes} min  last sync: ${describeRun(lastSync)}\n`);
    }
  }, options.org);
}

/** `tokenward connectors sync <id>`: syncs now and waits; exit 0 only when the sync succeeded. */
export async function runConnectorsSync(connectorId: string, options: OrgOption & { json?: boolean }): Promise<void> {
  await withCore(async (core, orgId) => {
    const { connector } = await core.services.connectors.get(orgId, connectorId);
    // The bar goes to stderr and only to a terminal: piped output stays one clean summary line.
    const bar = process.stderr.isTTY && !options.json ? new SingleBar({ format: `${connector.name} {phase}: {value} tokens read`, stream: process.stderr }, Presets.shades_classic) : null;
    bar?.start(0, 0, { phase: 'starting' });
    let run = await core.services.connectorSync.syncAndWait(connector, ({ phase, counts }) => bar?.update(counts.seen, { phase }));
    // Another node holds the connector: follow its run until it ends.
    while (run.state === 'queued' || run.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run = await core.services.connectorSync.execute(run.id);
    }
    bar?.stop();
    if (options.json) process.stdout.write(`${JSON.stringify(run)}\n`);
    else process.stdout.write(`Sync ${run.id} of ${connector.name}: ${describeRun(run)}.\n`);
    if (run.state !== 'succeeded') process.exitCode = 1;
  }, options.org);
}
