import { createCore } from '../app.js';
import { configOrExit } from './output.js';

/** `tokenward audit verify`: exit 0 with the count when the chain holds, 1 naming the first bad entry. */
export async function runAuditVerify(): Promise<void> {
  const core = await createCore({ config: configOrExit() });
  let intact = false;
  try {
    const result = await core.services.auditChain.verifyChain();
    if (result.ok) {
      intact = true;
      process.stdout.write(`Audit log intact: ${plural(result.entries, 'entry', 'entries')} in ${plural(result.chains, 'chain', 'chains')} verified.\n`);
    } else {
      const { problem } = result;
      const where = `seq ${problem.seq ?? '?'} (id ${problem.id ?? '?'})`;
      process.stderr.write(
        `tokenward: audit log broken at ${where}, chain ${problem.chainId}: ${problem.kind}: ${problem.detail}. ` +
          `${result.entriesChecked} entries before it verified.\n`,
      );
    }
  } finally {
    await core.close();
  }
  if (!intact) process.exitCode = 1;
}

/** `tokenward audit purge [--org X]`: what the retention job does, now; one org, or every org with a retention. */
export async function runAuditPurge(options: { org?: string }): Promise<void> {
  const core = await createCore({ config: configOrExit() });
  try {
    const orgIds = options.org ? [(await core.services.organizations.resolve(options.org)).id] : null;
    const results = orgIds
      ? await Promise.all(orgIds.map((id) => core.services.auditChain.purgeExpiredEntries(id)))
      : await core.services.auditChain.purgeAllExpiredEntries();
    for (const result of results) {
      const cutoff = result.cutoff ? `older than ${result.cutoff.toISOString()}` : 'none: the organization keeps entries forever';
      process.stdout.write(`Organization ${result.orgId}: purged ${result.purged} audit entries (${cutoff}).\n`);
    }
    if (results.length === 0) process.stdout.write('No organization has an audit retention set: nothing to purge.\n');
  } finally {
    await core.close();
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
