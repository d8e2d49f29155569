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
      process.stdout.write(`Audit log intact: ${result.entries} entries in ${result.chains} chains verified.\n`);
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
