/** `tokenward profiles set|list`: saved servers and keys (see profiles.ts for the file). */
import { listProfiles, saveProfile } from './profiles.js';
import { CliError, EXIT } from './remote.js';

export function runProfilesSet(name: string, options: { server: string; adminKey?: string; default?: boolean }): void {
  // From the environment by default: a key typed on the command line stays in the shell's history.
  const key = options.adminKey ?? process.env.TOKENWARD_KEY;
  if (!key) throw new CliError('give the key with --admin-key, or in TOKENWARD_KEY.', EXIT.usage);
  try {
    new URL(options.server);
  } catch {
    throw new CliError(`not a URL: ${options.server}`, EXIT.usage);
  }
  const path = saveProfile(name, { url: options.server.replace(/\/+$/, ''), key }, { makeDefault: options.default });
  process.stdout.write(`Saved profile "${name}" in ${path} (readable by you only).\n`);
}

export function runProfilesList(): void {
  const profiles = listProfiles();
  if (profiles.length === 0) process.stdout.write('No profiles yet: tokenward profiles set <name> --server <url>.\n');
  for (const profile of profiles) process.stdout.write(`${profile.isDefault ? '*' : ' '} ${profile.name}  ${profile.url}\n`);
}
