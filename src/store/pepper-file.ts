/**
 * The pepper keyed into every token digest. From TOKENWARD_PEPPER when set (required when several
 * nodes share one PostgreSQL database: they must agree); otherwise generated once into
 * `<dataDir>/pepper`, readable by the owner only.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pepper } from '../domain/token-digest.js';

export const PEPPER_FILE_NAME = 'pepper';

export function loadPepper(options: { pepper: string | undefined; dataDir: string }): { pepper: Pepper; source: 'env' | 'file' | 'generated' } {
  if (options.pepper !== undefined) return { pepper: Buffer.from(options.pepper, 'utf8'), source: 'env' };
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, PEPPER_FILE_NAME);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600); // the umask may have narrowed it further, never widened it: make it exact
    return { pepper: readPepperFile(file), source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { pepper: readPepperFile(file), source: 'file' };
}

function readPepperFile(file: string): Pepper {
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`The pepper file ${file} is shorter than 32 characters; restore it from a backup.`);
  return Buffer.from(text, 'utf8');
}
