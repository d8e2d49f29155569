/**
 * The inventory's activity columns for one page of tokens: calls over the last days (from the daily
 * totals) and the address of the latest call. One joined, grouped query per page, whatever its size.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

export interface TokenActivityColumns {
  calls: number;
  lastIp: string | null;
}

export function createInventoryActivity(db: Kysely<Database>) {
  return {
    async ofTokens(orgId: string, tokenIds: readonly string[], sinceDay: number): Promise<Map<string, TokenActivityColumns>> {
      if (tokenIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('tokens as t')
        .leftJoin('usage_daily as d', (join) => join.onRef('d.token_id', '=', 't.id').on('d.day', '>=', sinceDay))
        .select(['t.id', 't.last_active_ip', (eb) => eb.fn.coalesce(eb.fn.sum<number>('d.calls'), eb.lit(0)).as('calls')])
        .where(orgOfIdList(db, 't.org_id', orgId))
        .where('t.id', 'in', [...tokenIds])
        .groupBy(['t.id', 't.last_active_ip'])
        .execute();
      return new Map(rows.map((row) => [row.id, { calls: Number(row.calls), lastIp: row.last_active_ip }]));
    },
  };
}
