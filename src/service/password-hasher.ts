/**
 * argon2id password hashing with @node-rs/argon2, keyed with the pepper as argon2's
 * `secret`: a stolen database without the pepper cannot even be brute-forced offline.
 * Parameters are OWASP's first recommendation for argon2id (19 MiB, 2 passes, 1 lane): tens of
 * milliseconds per hash on an idle core. They are written into every hash, so raising them later
 * still verifies old hashes.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Pepper } from '../domain/token-digest.js';

// `Algorithm` is a const enum, which isolatedModules cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** false on a wrong password or a hash that is not one of ours; never throws on bad input. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time of one verification against a throw-away hash: what sign-in does when no user
   * matches, so an unknown e-mail answers as slowly as a wrong password.
   */
  verifyDummy(password: string): Promise<void>;
}

export function createPasswordHasher(pepper: Pepper): PasswordHasher {
  const secret = new Uint8Array(pepper);
  let dummy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    hash: (password) => hash(password, { ...OPTIONS, secret }),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password, { secret });
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= hasher.hash('tokenward dummy password, never anyone\'s');
      await hasher.verify(await dummy, password);
    },
  };
  return hasher;
}
