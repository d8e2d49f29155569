/**
 * GitLab rotation from the CLI, as real processes against a server on loopback, on both dialects:
 * the connected tokens found with `tokens list --source gitlab`, `connectors rotate` printing the
 * one-time link (nothing changes in GitLab until the owner opens it), `connectors rotation`
 * showing the outcome, and a rotation whose answer was lost resolved with
 * `connectors resolve-rotation`, which reads the token back and never rotates again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import type { User } from '../../src/domain/models.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectGitlab } from '../support/connectors.js';
import { DIALECTS } from '../support/databases.js';
import { startGitlabStandin, type GitlabStandin, type StandinToken } from '../support/gitlab-standin.js';
import { runCli } from '../support/process.js';
import { seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders, type TestSession } from '../support/sessions.js';

describe.each(DIALECTS)('connector rotation from the CLI, server on %s', (dialect) => {
  let standin: GitlabStandin;
  let gov: TestApp;
  let url: string;
  let home: string;
  let connector: ConnectorJson;
  let ada: User;
  let owner: TestSession;
  const laptops: StandinToken[] = [];
  let groupToken: StandinToken;

  const cli = async (args: string[]) => {
    const run = runCli(args, { TOKENWARD_URL: url, TOKENWARD_KEY: gov.adminKey, HOME: home, TOKENWARD_CONFIG: join(home, 'config.json') });
    return { code: (await run.exited).code, stdout: run.stdout(), stderr: run.stderr() };
  };
  const redeem = async (link: string) =>
    gov.app.http.inject({ method: 'POST', url: '/api/v1/me/connector-rotations/redeem', headers: sessionHeaders(owner), payload: { link } });
  /** The inventory ids of the connected tokens, by label, as the CLI lists them. */
  const gitlabTokens = async (): Promise<Map<string, string>> => {
    const listed = await cli(['tokens', 'list', '--source', 'gitlab', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    return new Map((JSON.parse(listed.stdout) as Array<{ id: string; label: string; source: { type: string } }>).map((t) => {
      expect(t.source.type).toBe('gitlab');
      return [t.label, t.id];
    }));
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tokenward-cli-home-'));
    standin = await startGitlabStandin();
    const person = standin.addUser({ username: 'ada', name: 'Ada', email: 'ada@gitlab.test', bot: false });
    for (let i = 0; i < 2; i += 1) laptops.push(standin.addToken({ name: `laptop ${i}`, user_id: person.id, scopes: ['api'] }));
    standin.groups.push({ id: 77, full_path: 'acme/platform' });
    const bot = standin.addUser({ username: 'group_77_bot', name: 'acme/platform bot', email: 'group_77_bot@noreply.gitlab.test', bot: true });
    groupToken = standin.addToken({ name: 'ci', user_id: bot.id, resource: { type: 'group', id: 77 }, access_level: 30, scopes: ['read_registry'] });
    gov = await startTestApp(dialect, { config: { logLevel: 'silent' } });
    url = await gov.app.listen();
    ada = await seedUser(gov.app, gov.orgId, { email: 'ada@gitlab.test', name: 'Ada' });
    owner = await sessionFor(gov.app, ada);
    connector = await connectGitlab(gov, standin, { sync: false });
  }, 60_000);

  afterAll(async () => {
    await gov?.close();
    await standin?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('syncs, rotates a personal token through a one-time link, and shows the outcome', async () => {
    const synced = await cli(['connectors', 'sync', connector.id]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/succeeded .* \(3 read, 3 new, 0 changed, 0 gone\)/);
    const ids = await gitlabTokens();
    expect([...ids.keys()].sort()).toEqual(['ci', 'laptop 0', 'laptop 1']);

    const asked = await cli(['connectors', 'rotate', connector.id, ids.get('laptop 0')!, '--expires-in-days', '14']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain(`of token ${ids.get('laptop 0')} asked (a new token of 14 days).`);
    expect(asked.stdout).toContain(`Nothing changes upstream until ${ada.id} opens this one-time link`);
    const link = asked.stdout.match(/^https?:\/\/\S+\/me\/retrieve#(twr_\S+)$/m)![1]!;
    const rotationId = asked.stdout.match(/Rotation (rot_\S+) /)![1]!;
    expect(standin.stats.rotations.get(laptops[0]!.id)).toBeUndefined();

    const pending = await cli(['connectors', 'rotation', connector.id, rotationId]);
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout).toMatch(/STATE:\s+pending\n/);
    expect(pending.stdout).toMatch(/MEANING:\s+waiting for its recipient to open the link; nothing has changed upstream\n/);

    const opened = await redeem(link);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(laptops[0]).toMatchObject({ active: false, revoked: true });
    expect(standin.stats.rotations.get(laptops[0]!.id)).toBe(1);

    const done = await cli(['connectors', 'rotation', connector.id, rotationId, '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ id: rotationId, tokenId: ids.get('laptop 0'), recipientUserId: ada.id, state: 'rotated', expiresInDays: 14 });
    // The new value went to the owner only: the CLI never sees it.
    expect(done.stdout).not.toContain(opened.json().token);
  }, 120_000);

  it('reports an unknown outcome, refuses a second rotation meanwhile, and resolves it by reading the token', async () => {
    const ids = await gitlabTokens();
    const tokenId = ids.get('laptop 1')!;
    const asked = await cli(['connectors', 'rotate', connector.id, tokenId, '--json']);
    expect(asked.code, asked.stderr).toBe(0);
    const { rotation, link } = JSON.parse(asked.stdout) as { rotation: { id: string; state: string }; link: string };
    expect(rotation.state).toBe('pending');
    standin.dropAfterNextRotate();
    expect((await redeem(link)).statusCode).toBe(502);
    expect(standin.stats.rotations.get(laptops[1]!.id)).toBe(1);

    const unknown = await cli(['connectors', 'rotation', connector.id, rotation.id]);
    expect(unknown.stdout).toMatch(/STATE:\s+unknown\n/);
    expect(unknown.stdout).toContain('resolve it (tokenward connectors resolve-rotation)');

    const again = await cli(['connectors', 'rotate', connector.id, tokenId]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^tokenward: CONFLICT: .*unknown outcome/);
    expect(standin.stats.rotations.get(laptops[1]!.id)).toBe(1);

    const resolved = await cli(['connectors', 'resolve-rotation', connector.id, rotation.id]);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toMatch(new RegExp(`^Rotation ${rotation.id}: resolved: the rotation happened upstream`));
    // Resolving reads; it never rotates.
    expect(standin.stats.rotations.get(laptops[1]!.id)).toBe(1);
    const status = await gov.app.core.database.db.selectFrom('external_tokens').select('status').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(status.status).toBe('revoked');

    const twice = await cli(['connectors', 'resolve-rotation', connector.id, rotation.id]);
    expect(twice.code).toBe(2);
    const missing = await cli(['connectors', 'rotation', connector.id, 'rot_nothing']);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toMatch(/^tokenward: not found: /);
  }, 120_000);

  it('needs a named recipient for a group token, then delivers to that person', async () => {
    const tokenId = (await gitlabTokens()).get('ci')!;
    const unnamed = await cli(['connectors', 'rotate', connector.id, tokenId]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/recipientUserId/);
    const named = await cli(['connectors', 'rotate', connector.id, tokenId, '--recipient', ada.id, '--json']);
    expect(named.code, named.stderr).toBe(0);
    const { link } = JSON.parse(named.stdout) as { link: string };
    expect((await redeem(link)).statusCode).toBe(200);
    expect(groupToken.active).toBe(false);
    const fresh = [...standin.tokens.values()].find((t) => t.family === groupToken.id && t.id !== groupToken.id)!;
    expect(fresh).toMatchObject({ resource: { type: 'group', id: 77 }, active: true });
  }, 120_000);
});
