/**
 * The scheduled hygiene jobs over connected tokens, against a real "Atlassian" (a second Tokenward
 * on loopback): idle-revoke's dry run lists exactly the idle tokens, Tokenward's own and the
 * connected ones; its run revokes the connected ones in the upstream (whose own API then shows
 * them revoked) and flags what the upstream cannot revoke alone; expiry-warnings warns about
 * connected tokens nearing expiry, once. Governing side on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygieneAction } from '../../src/domain/hygiene.js';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DAY, setLastActive } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';
import { startFilledUpstream, type FilledUpstream } from '../support/upstream.js';

const USER_TOKENS = 300;
const IDLE_EVERY = 10;
const EXPIRING_LABELS = ['script 1', 'script 2', 'script 3'];

describe.each(DIALECTS)('hygiene jobs over connected tokens, governing side on %s', (dialect) => {
  let upstream: TestApp;
  let filled: FilledUpstream;
  let gov: TestApp;
  let connector: ConnectorJson;
  let ownIdleTokenId: string;

  const api = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url: `/admin/tokenward/v1/orgs/${gov.orgId}${path}`, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  /** Upstream user tokens idle for more than 90 days, by the upstream's own API. */
  const upstreamIdleIds = async (): Promise<string[]> => {
    const response = await upstream.app.http.inject({
      method: 'GET',
      url: `/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens?lastActiveAtSearchType=gt&lastActiveAtUom=day&lastActiveAtValue=90&pageSize=1000`,
      headers: bearer(upstream.adminKey),
    });
    return (response.json() as { data: Array<{ id: string }> }).data.map((t) => t.id).sort();
  };
  const externalIdsOf = async (ids: readonly string[]): Promise<string[]> => {
    if (ids.length === 0) return [];
    const rows = await gov.app.core.database.db.selectFrom('external_tokens').select('external_id').where('id', 'in', [...ids]).execute();
    return rows.map((r) => r.external_id).sort();
  };
  const ofType = <T extends HygieneAction['type']>(actions: HygieneAction[], type: T) => actions.filter((a): a is Extract<HygieneAction, { type: T }> => a.type === type);

  beforeAll(async () => {
    const now = Date.now();
    const started = await startFilledUpstream({ users: 30, userTokens: USER_TOKENS, serviceAccounts: 2, tokensPerAccount: 2, adminKeys: 2, idleEvery: IDLE_EVERY, idleLastActiveMs: now - 200 * DAY });
    [upstream, filled] = [started.app, started.filled];
    const updb = upstream.app.core.database.db;
    // One service account unused for 200 days (Atlassian cannot revoke one of its tokens alone),
    // and three tokens in use that expire in 5 days.
    await updb.updateTable('tokens').set({ last_active_at: now - 200 * DAY }).where('owner_service_account_id', '=', filled.serviceAccountIds[0]!).execute();
    await updb.updateTable('tokens').set({ expires_at: now + 5 * DAY }).where('label', 'in', EXPIRING_LABELS).execute();

    gov = await startTestApp(dialect);
    const created = await gov.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`,
      headers: bearer(gov.adminKey),
      payload: { type: 'atlassian', name: 'Acme Cloud', baseUrl: started.url, upstreamOrgId: upstream.orgId, credential: upstream.adminKey },
    });
    connector = created.json() as ConnectorJson;
    const run = await gov.app.core.services.connectorSync.syncAndWait((await gov.app.core.services.connectors.get(gov.orgId, connector.id)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
    // One of Tokenward's own tokens, idle as long.
    const alice = await seedUser(gov.app, gov.orgId, { email: 'alice@acme.test' });
    ownIdleTokenId = (await seedToken(gov.app, gov.orgId, { type: 'user', id: alice.id }, { label: 'own idle' })).token.id;
    await setLastActive(gov.app, ownIdleTokenId, new Date(now - 200 * DAY));
    await api('PATCH', '/automation/settings', { idleRevokeAfterDays: 90, idleWarningDays: 7 });
  }, 120_000);

  afterAll(async () => {
    await gov?.close();
    await upstream?.close();
  });

  it("idle-revoke: the dry run lists exactly the idle tokens, Tokenward's and the upstream's; the run revokes the upstream ones there", async () => {
    const idleBefore = await upstreamIdleIds();
    expect(idleBefore).toHaveLength(USER_TOKENS / IDLE_EVERY);
    const dry = (await api('POST', '/jobs/idle-revoke/dry-run')).actions as HygieneAction[];
    expect(ofType(dry, 'revoke_idle').map((a) => a.tokenId)).toEqual([ownIdleTokenId]);
    const toRevoke = ofType(dry, 'revoke_idle_external');
    expect(await externalIdsOf(toRevoke.map((a) => a.externalTokenId))).toEqual(idleBefore);
    expect(toRevoke.every((a) => a.kind === 'user' && a.revokeAfterDays === 90 && a.idleDays >= 199)).toBe(true);
    const flagged = ofType(dry, 'flag_idle_external');
    expect(flagged.map((a) => a.kind)).toEqual(['service_account', 'service_account']);
    expect(dry).toHaveLength(1 + idleBefore.length + 2);
    // A dry run changes nothing upstream.
    expect(await upstreamIdleIds()).toEqual(idleBefore);

    const run = await api('POST', '/jobs/idle-revoke/run');
    expect(run).toMatchObject({ status: 'succeeded', doneCount: dry.length });
    expect(run.actions).toEqual(dry);
    expect(await upstreamIdleIds()).toEqual([]);
    for (const id of idleBefore.slice(0, 3)) {
      const owner = ((await gov.app.core.database.db.selectFrom('external_tokens').select('owner_external_id').where('external_id', '=', id).executeTakeFirstOrThrow()).owner_external_id)!;
      const gone = await upstream.app.http.inject({ method: 'DELETE', url: `/users/${owner}/manage/api-tokens/${id}`, headers: bearer(upstream.adminKey) });
      expect(gone.statusCode).toBe(404);
    }
    const statuses = await gov.app.core.database.db.selectFrom('external_tokens').select(['id', 'status']).where('id', 'in', [...toRevoke.map((a) => a.externalTokenId), ...flagged.map((a) => a.externalTokenId)]).execute();
    const byId = new Map(statuses.map((s) => [s.id, s.status]));
    expect(toRevoke.every((a) => byId.get(a.externalTokenId) === 'revoked')).toBe(true);
    expect(flagged.every((a) => byId.get(a.externalTokenId) === 'active')).toBe(true);
    const own = await gov.app.core.database.db.selectFrom('tokens').select('status').where('id', '=', ownIdleTokenId).executeTakeFirstOrThrow();
    expect(own.status).toBe('revoked');
    const audited = await gov.app.core.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'external_token.idle_revoked').execute();
    expect(audited).toHaveLength(idleBefore.length);
    expect(JSON.parse(audited[0]!.details).upstream).toMatchObject({ status: 204 });

    // Nothing left to revoke; the service account stays flagged until an admin acts on it.
    const again = (await api('POST', '/jobs/idle-revoke/dry-run')).actions as HygieneAction[];
    expect(again.map((a) => a.type)).toEqual(['flag_idle_external', 'flag_idle_external']);
  }, 120_000);

  it('expiry-warnings: warns about the upstream tokens nearing expiry, once', async () => {
    const dry = (await api('POST', '/jobs/expiry-warnings/dry-run')).actions as HygieneAction[];
    const warned = ofType(dry, 'warn_expiring_external');
    expect(warned.map((a) => a.label).sort()).toEqual([...EXPIRING_LABELS].sort());
    expect(warned.every((a) => a.daysBefore === 7 && a.connectorId === connector.id)).toBe(true);
    const run = await api('POST', '/jobs/expiry-warnings/run');
    expect(run).toMatchObject({ status: 'succeeded', doneCount: dry.length });
    const events = await gov.app.core.database.db.selectFrom('events').select('payload').where('type', '=', 'token.expiring').execute();
    const labels = events.map((e) => (JSON.parse(e.payload) as { token: { label: string } }).token.label);
    expect(labels.filter((l) => EXPIRING_LABELS.includes(l)).sort()).toEqual([...EXPIRING_LABELS].sort());
    expect(ofType((await api('POST', '/jobs/expiry-warnings/dry-run')).actions, 'warn_expiring_external')).toEqual([]);
  }, 60_000);
});
