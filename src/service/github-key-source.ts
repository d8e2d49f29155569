/**
 * GitHub's secret-scanning public keys: fetched from the configured URL (GitHub's
 * `/meta/public_keys/secret_scanning` by default), cached, and fetched again only when a report
 * names a key identifier we do not hold: once, whatever the number of reports waiting on it
 * (single flight), and at most once per cooldown, so forged identifiers cannot make us hammer
 * GitHub. Or a fixed key document from a file (air-gapped instances, tests): never fetched.
 */
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { parseKeysDocument } from '../domain/secret-scanning.js';

export const GITHUB_KEYS_URL = 'https://api.github.com/meta/public_keys/secret_scanning';

export interface GithubKeySourceOptions {
  keysUrl: string;
  /** A key document's text (TOKENWARD_GITHUB_KEYS_FILE); when given, nothing is fetched. */
  staticDocument?: string | undefined;
  /** Optional token for the fetch (GitHub rate-limits anonymous calls); sent, never logged. */
  githubToken?: string | undefined;
  nowMs?: () => number;
  refetchCooldownMs?: number;
  timeoutMs?: number;
}

export interface GithubKeySource {
  /** The key, null when GitHub does not publish it; SIGNING_KEYS_UNAVAILABLE when we cannot tell. */
  keyFor(keyId: string): Promise<KeyObject | null>;
}

export function createGithubKeySource(options: GithubKeySourceOptions): GithubKeySource {
  const nowMs = options.nowMs ?? Date.now;
  const cooldownMs = options.refetchCooldownMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let keys = new Map<string, KeyObject>();
  let lastAttempt: { atMs: number; ok: boolean } | null = null;
  let inflight: Promise<void> | null = null;

  if (options.staticDocument !== undefined) {
    const parsed = parseKeysDocument(options.staticDocument);
    if (!parsed) throw new Error('The GitHub secret-scanning key file is not a {"public_keys":[...]} document.');
    keys = parsed;
  }

  async function fetchKeys(): Promise<void> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'tokenward' };
    if (options.githubToken) headers.authorization = `Bearer ${options.githubToken}`;
    try {
      const response = await fetch(options.keysUrl, { headers, signal: AbortSignal.timeout(timeoutMs) });
      const parsed = response.ok ? parseKeysDocument(await response.text()) : null;
      if (!parsed) throw new Error(`unusable key list (HTTP ${response.status})`);
      keys = parsed;
      lastAttempt = { atMs: nowMs(), ok: true };
    } catch (error) {
      lastAttempt = { atMs: nowMs(), ok: false };
      throw new DomainError('SIGNING_KEYS_UNAVAILABLE', undefined, { cause: error });
    }
  }

  return {
    async keyFor(keyId: string): Promise<KeyObject | null> {
      const known = keys.get(keyId);
      if (known || options.staticDocument !== undefined) return known ?? null;
      if (!inflight) {
        const recent = lastAttempt !== null && nowMs() - lastAttempt.atMs < cooldownMs;
        if (recent && lastAttempt!.ok) return null;
        if (recent) throw new DomainError('SIGNING_KEYS_UNAVAILABLE');
        inflight = fetchKeys().finally(() => {
          inflight = null;
        });
      }
      await inflight;
      return keys.get(keyId) ?? null;
    },
  };
}
