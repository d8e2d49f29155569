/**
 * Named connections (URL and admin key) in a file only its owner may read: mode 0600 in a 0700
 * folder, as ssh keeps keys. A file others can read is refused rather than used: it holds keys.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Profile {
  url: string;
  key: string;
}

interface ProfileFile {
  default?: string;
  profiles: Record<string, Profile>;
}

/** TOKENWARD_CONFIG, else $XDG_CONFIG_HOME/tokenward/config.json, else ~/.config/tokenward/config.json. */
export function profileFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOKENWARD_CONFIG) return env.TOKENWARD_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'tokenward', 'config.json');
}

/** Thrown for an unreadable or unsafe file; the CLI prints it in one line (usage exit code). */
export class ProfileError extends Error {}

function readFile(path: string): ProfileFile {
  if (!existsSync(path)) return { profiles: {} };
  if ((statSync(path).mode & 0o077) !== 0) throw new ProfileError(`${path} can be read by other users; it holds admin keys: run chmod 600 ${path}`);
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ProfileFile;
    return { ...parsed, profiles: parsed.profiles ?? {} };
  } catch {
    throw new ProfileError(`${path} is not a profile file (JSON with "profiles").`);
  }
}

/** The named profile, or the file's default when no name is given; null when there is none. */
export function readProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Profile | null {
  const file = readFile(profileFilePath(env));
  const chosen = name ?? file.default;
  if (chosen === undefined) return null;
  const profile = file.profiles[chosen];
  if (!profile) throw new ProfileError(`no profile "${chosen}" in ${profileFilePath(env)}.`);
  return profile;
}

/** Adds or replaces a profile; the first one becomes the default. Written whole, then renamed into place. */
export function saveProfile(name: string, profile: Profile, options: { makeDefault?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): string {
  const path = profileFilePath(env);
  const file = readFile(path);
  file.profiles[name] = profile;
  if (options.makeDefault || file.default === undefined) file.default = name;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // The mode given at creation is narrowed by the umask only; set it outright all the same.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

/** Profile names with their URLs (never the keys), and which is the default. */
export function listProfiles(env: NodeJS.ProcessEnv = process.env): { name: string; url: string; isDefault: boolean }[] {
  const file = readFile(profileFilePath(env));
  return Object.entries(file.profiles).map(([name, profile]) => ({ name, url: profile.url, isDefault: file.default === name }));
}
