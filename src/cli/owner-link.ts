import { createCore } from '../app.js';
import { configOrExit } from './output.js';

/**
 * `tokenward owner-link`: a new one-time owner-setup link (24 hours) for the org's first active
 * owner; older unused ones stop working. The way back in when the first-start link is lost or
 * expired, or an owner's password is forgotten.
 */
export async function runOwnerLink(options: { org?: string }): Promise<void> {
  const core = await createCore({ config: configOrExit() });
  try {
    const org = await core.services.organizations.resolveOnly(options.org);
    const link = await core.services.links.issueOwnerLink(org.id);
    process.stdout.write(
      [
        `One-time owner link for organization "${org.name}" (${org.id}), valid until ${link.expiresAt.toISOString()}:`,
        `  ${link.url}`,
        'Older unused owner links no longer work.',
        '',
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}
