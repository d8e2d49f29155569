/**
 * Looking up reported secrets by digest, many at once (leaked-token response). Kept out of
 * token-store.ts so parallel work on tokens changes different files.
 */
import type { Kysely } from 'kysely';
import type { Token } from '../domain/models.js';
import type { Database } from './schema.js';
import { toToken } from './token-store.js';

/** Bounds one statement's parameters on both dialects. */
const CHUNK = 500;

export function createTokenLeakQueries(db: Kysely<Database>) {
  return {
    /** The tokens whose digest is among `digests`, keyed by digest: one query per 500 digests. */
    async findByDigests(digests: readonly string[]): Promise<Map<string, Token>> {
      const found = new Map<string, Token>();
      const unique = [...new Set(digests)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await db.selectFrom('tokens').selectAll().where('digest', 'in', unique.slice(i, i + CHUNK)).execute();
        for (const row of rows) found.set(row.digest, toToken(row));
      }
      return found;
    },
  };
}

export type TokenLeakQueries = ReturnType<typeof createTokenLeakQueries>;
