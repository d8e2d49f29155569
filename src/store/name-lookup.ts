/**
 * Names for ids, many at once: the audit log and the token detail show who and what by name, and a
 * page of 100 entries costs one `where id in (…)` query per kind of id on it, never one per row.
 * Ids carry their kind in their prefix (`usr_`, `tok_`, …), so each id goes to one table.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

/**
 * What an id names. `kind`: person, service_account, admin_key, token, group, policy,
 * token_request, webhook, scim_token, job_run. `owner`: a token's owner (a person or a service
 * account), so "revoked Ada's token 'ci'" reads in one line. `isGone`: deleted since.
 */
export interface NamedThing {
  kind: string;
  name: string;
  detail?: string | undefined;
  owner?: { kind: 'person' | 'service_account'; id: string; name: string } | undefined;
  isGone?: boolean | undefined;
}

const ID_PATTERN = /^(usr|sa|tok|grp|pol|treq|whk|stk|run|ses)_[0-9A-Za-z]{1,40}$/;

/** True for a string shaped like one of the application's ids (worth looking up). */
export function looksLikeId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** How many ids one `in (…)` list takes: far below either dialect's bound-parameter limit. */
const MAX_IDS = 1000;

export function createNameLookup(db: Kysely<Database>) {
  return {
    /** Every id of `ids` that names something of the org, by name. Unknown ids are left out. */
    async namesOf(orgId: string, ids: Iterable<string>): Promise<Map<string, NamedThing>> {
      const byPrefix = new Map<string, string[]>();
      for (const id of new Set(ids)) {
        if (!looksLikeId(id)) continue;
        const prefix = id.slice(0, id.indexOf('_'));
        const list = byPrefix.get(prefix) ?? [];
        if (list.length < MAX_IDS) list.push(id);
        byPrefix.set(prefix, list);
      }
      const names = new Map<string, NamedThing>();
      const some = (prefix: string) => byPrefix.get(prefix) ?? [];
      const jobs: Array<Promise<void>> = [];

      // Sessions name the person who held them (the session row may be gone after sign-out).
      const sessionIds = some('ses');
      const sessionUsers = new Map<string, string>();
      if (sessionIds.length > 0) {
        const rows = await db.selectFrom('sessions').select(['id', 'user_id']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', sessionIds).execute();
        for (const row of rows) sessionUsers.set(row.id, row.user_id);
      }
      const userIds = [...new Set([...some('usr'), ...sessionUsers.values()])];

      if (userIds.length > 0) {
        jobs.push(
          (async () => {
            const rows = await db.selectFrom('users').select(['id', 'name', 'email']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', userIds).execute();
            for (const row of rows) names.set(row.id, { kind: 'person', name: row.name, detail: row.email });
          })(),
        );
      }
      if (some('sa').length > 0) {
        jobs.push(
          (async () => {
            const rows = await db
              .selectFrom('service_accounts')
              .select(['id', 'display_name', 'email', 'deleted_at'])
              .where(orgOfIdList(db, 'org_id', orgId))
              .where('id', 'in', some('sa'))
              .execute();
            for (const row of rows) names.set(row.id, { kind: 'service_account', name: row.display_name, detail: row.email, isGone: row.deleted_at !== null || undefined });
          })(),
        );
      }
      if (some('tok').length > 0) {
        jobs.push(
          (async () => {
            const rows = await db
              .selectFrom('tokens as t')
              .leftJoin('users as u', 'u.id', 't.owner_user_id')
              .leftJoin('service_accounts as s', 's.id', 't.owner_service_account_id')
              .select(['t.id', 't.kind', 't.label', 't.owner_user_id', 't.owner_service_account_id', 'u.name as user_name', 's.display_name as sa_name'])
              .where(orgOfIdList(db, 't.org_id', orgId))
              .where('t.id', 'in', some('tok'))
              .execute();
            for (const row of rows) {
              const owner =
                row.owner_user_id && row.user_name !== null
                  ? { kind: 'person' as const, id: row.owner_user_id, name: row.user_name }
                  : row.owner_service_account_id && row.sa_name !== null
                    ? { kind: 'service_account' as const, id: row.owner_service_account_id, name: row.sa_name }
                    : undefined;
              names.set(row.id, { kind: row.kind === 'admin_key' ? 'admin_key' : 'token', name: row.label, owner });
            }
          })(),
        );
      }
      const simple = async (prefix: string, kind: string, rows: () => Promise<Array<{ id: string; name: string; detail?: string | null }>>) => {
        if (some(prefix).length === 0) return;
        for (const row of await rows()) names.set(row.id, { kind, name: row.name, detail: row.detail ?? undefined });
      };
      jobs.push(
        simple('grp', 'group', () => db.selectFrom('groups').select(['id', 'name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('grp')).execute()),
        simple('pol', 'policy', () => db.selectFrom('policies').select(['id', 'name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('pol')).execute()),
        simple('treq', 'token_request', () =>
          db.selectFrom('token_requests').select(['id', 'label as name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('treq')).execute(),
        ),
        simple('whk', 'webhook', () =>
          db.selectFrom('webhook_endpoints').select(['id', 'url as name', 'description as detail']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('whk')).execute(),
        ),
        simple('stk', 'scim_token', () => db.selectFrom('scim_tokens').select(['id', 'label as name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('stk')).execute()),
        simple('run', 'job_run', () => db.selectFrom('job_runs').select(['id', 'job_name as name']).where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', some('run')).execute()),
      );
      await Promise.all(jobs);
      for (const [sessionId, userId] of sessionUsers) {
        const person = names.get(userId);
        if (person) names.set(sessionId, { kind: 'session', name: person.name, detail: person.detail });
      }
      return names;
    },
  };
}

export type NameLookup = ReturnType<typeof createNameLookup>;
