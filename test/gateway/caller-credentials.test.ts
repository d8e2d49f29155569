/**
 * A credential per group or service account (upstream.callAs: mapped), over real HTTP in both
 * gateway modes and on both databases: the stand-in upstream records which credential each call
 * came with, so a caller reaching it with another team's credential fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { GATEWAY_MODES, gatewayFile, startTestGateway, startUpstream, until, type RunningGateway, type TestUpstream } from '../support/gateway.js';
import { scopedKey } from '../support/http.js';
import { adminApi, createGroup } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const TEAM_A = 'Basic dGVhbS1hOnNlY3JldC1h';
const TEAM_B = 'Basic dGVhbS1iOnNlY3JldC1i';
const CI_BOT = 'Bearer ci-bot-secret';
const cases = DIALECTS.flatMap((dialect) => GATEWAY_MODES.map((mode) => ({ dialect, mode })));

describe.each(cases)('credential per group or service account ($mode, $dialect)', ({ dialect, mode }) => {
  let t: TestApp;
  let upstream: TestUpstream;
  let gw: RunningGateway;
  let ciBotId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.app.listen();
    upstream = await startUpstream();
    const ciBot = await seedServiceAccount(t.app, t.orgId);
    ciBotId = ciBot.id;
    const base = gatewayFile(upstream.url);
    const file = {
      ...base,
      upstream: {
        url: upstream.url,
        callAs: 'mapped',
        credential: { header: 'Authorization' },
        credentialMap: [
          { serviceAccount: ciBot.email.toUpperCase(), valueEnv: 'CI_BOT_AUTH' },
          { group: 'jira team a', valueEnv: 'TEAM_A_AUTH' },
          { group: 'Jira Team B', valueEnv: 'TEAM_B_AUTH' },
        ],
      },
    };
    gw = await startTestGateway(mode, t, file, await scopedKey(t, ['verify:tokens']), { TEAM_A_AUTH: TEAM_A, TEAM_B_AUTH: TEAM_B, CI_BOT_AUTH: CI_BOT });
    await until(() => gw.isPushConnected(), 10_000);
  });
  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
    await t?.close();
  });

  const tokenOf = async (userId: string) => (await seedToken(t.app, t.orgId, { type: 'user', id: userId }, { scopes: ['read:jira-work'] })).secret;
  const read = (secret: string, key: string) => fetch(`${gw.url}/rest/api/3/issue/${key}`, { headers: { authorization: `Bearer ${secret}` } });
  const credentialSeenFor = (key: string) => upstream.seen.filter((s) => s.url === `/rest/api/3/issue/${key}`).map((s) => s.headers.authorization);

  it("calls upstream with the caller's team credential only, and refuses a caller no entry covers", async () => {
    const [ada, bob, eve] = await Promise.all([seedUser(t.app, t.orgId), seedUser(t.app, t.orgId), seedUser(t.app, t.orgId)]);
    const teamA = await createGroup(t, 'Jira Team A', [ada.id]);
    await createGroup(t, 'Jira Team B', [bob.id]);
    const [adaSecret, bobSecret, eveSecret] = await Promise.all([tokenOf(ada.id), tokenOf(bob.id), tokenOf(eve.id)]);
    const calls = await Promise.all([...Array(10).keys()].flatMap((i) => [read(adaSecret, `A-${i}`), read(bobSecret, `B-${i}`)]));
    expect(calls.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (let i = 0; i < 10; i += 1) {
      expect(credentialSeenFor(`A-${i}`)).toEqual([TEAM_A]);
      expect(credentialSeenFor(`B-${i}`)).toEqual([TEAM_B]);
    }

    const before = upstream.seen.length;
    const refused = await read(eveSecret, 'E-1');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'NO_UPSTREAM_CREDENTIAL', detail: expect.stringContaining('No upstream credential is mapped to you') });
    expect(upstream.seen.length).toBe(before);

    // Joining a team takes effect without restarting the gateway: the membership change drops cached answers.
    expect((await adminApi(t)('POST', `/groups/${teamA}/members`, { userIds: [eve.id] })).statusCode).toBe(200);
    await until(async () => (await read(eveSecret, 'E-2')).status === 200, 5000);
    expect(credentialSeenFor('E-2')).toEqual([TEAM_A]);
  });

  it("calls upstream with a service account's own credential, and refuses another service account", async () => {
    const own = await seedToken(t.app, t.orgId, { type: 'service_account', id: ciBotId }, { scopes: ['read:jira-work'] });
    expect((await read(own.secret, 'S-1')).status).toBe(200);
    expect(credentialSeenFor('S-1')).toEqual([CI_BOT]);
    const otherAccount = await seedServiceAccount(t.app, t.orgId);
    const other = await seedToken(t.app, t.orgId, { type: 'service_account', id: otherAccount.id }, { scopes: ['read:jira-work'] });
    expect((await read(other.secret, 'S-2')).status).toBe(403);
    expect(credentialSeenFor('S-2')).toEqual([]);
  });
});
