/**
 * GitHub and GitLab in the console, in Chromium against the real server (SQLite) and the GitHub
 * and GitLab stand-ins on loopback: an admin adds the GitHub organization through the connectors
 * form (a wrong App ID is named in words first); after a sync the default policy sends two write
 * requests to an approver, who approves one and denies the other with a reason in the approvals
 * page; the stand-in receives exactly those two decisions. Then a GitHub grant's and a GitLab
 * token's details show their permissions in the system's words beside the scope class, last use,
 * the repositories and the last addresses. axe-core finds no serious or critical problem on these
 * pages in either colour scheme; screenshots at 1440 and 390 px, light and dark.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectGitlab } from '../support/connectors.js';
import { assertBrowserSetup, CHROMIUM, CHROMIUM_ARGS, expectAccessible, shootBothWidths, WIDE, signInWithPassword, signOut as signOutOf } from '../support/browser.js';
import { githubTime, startGithubStandin, type GithubStandin, type StandinRequest } from '../support/github-standin.js';
import { startGitlabStandin, type GitlabStandin } from '../support/gitlab-standin.js';
import { adminApi } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const DAY = 86_400_000;
const PASSWORD = 'a long and proper password';
const WEBHOOK_SECRET = 'whsec-console-0123456789abcdef';
const DENIAL = 'Write access to the billing service goes through the payments team lead first.';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

function writeRequest(id: number, login: string, ownerId: number, name: string, now: number, extra: Partial<StandinRequest> = {}): StandinRequest {
  return {
    id,
    reason: `Needed for ${name}`,
    owner: { login, id: ownerId, email: login === 'bobdev' ? 'bob@acme.test' : null },
    repository_selection: 'subset',
    permissions: { repository: { metadata: 'read', contents: 'write', pull_requests: 'write' } },
    created_at: githubTime(now - DAY),
    token_id: 60_000 + id,
    token_name: name,
    token_expired: false,
    token_expires_at: githubTime(now + 30 * DAY),
    token_last_used_at: null,
    ...extra,
  };
}

describe('GitHub and GitLab in the console, in Chromium', () => {
  let t: TestApp;
  let gh: GithubStandin;
  let gl: GitlabStandin;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let githubConnector: ConnectorJson;
  const now = Date.now();

  async function signInWithKey() {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Admin API key' }).click();
    await page.getByLabel('Admin API key').fill(t.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  const signIn = (email: string) => signInWithPassword(page, email, PASSWORD);

  const signOut = () => signOutOf(page);

  const tokenIdOf = async (label: string) =>
    (await t.app.core.database.db.selectFrom('external_tokens').select('id').where('org_id', '=', t.orgId).where('label', '=', label).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    assertBrowserSetup();
    gh = await startGithubStandin({ org: 'acme', appId: '4242', installationId: '77', privateKeyPem: privateKey });
    // Two write requests (the default policy sends write to an approver) and a grant to look at.
    gh.requests.set(801, writeRequest(801, 'alice-gh', 1001, 'release previews', now));
    gh.requests.set(802, writeRequest(802, 'bobdev', 1002, 'billing hotfix', now, { repository_selection: 'all' }));
    gh.grants.set(9001, {
      id: 9001,
      owner: { login: 'alice-gh', id: 1001, email: null },
      repository_selection: 'subset',
      permissions: { organization: { members: 'read' }, repository: { contents: 'write', administration: 'admin' } },
      access_granted_at: githubTime(now - 40 * DAY),
      token_id: 70_001,
      token_name: 'alice ci bot',
      token_expired: false,
      token_expires_at: githubTime(now + 50 * DAY),
      token_last_used_at: githubTime(now - 2 * DAY),
    });
    gl = await startGitlabStandin();
    const dana = gl.addUser({ username: 'dana', name: 'Dana Ortiz', email: 'dana@acme.test', bot: false });
    gl.addToken({ name: 'dana laptop', user_id: dana.id, scopes: ['api', 'read_repository', 'sudo'], last_used_at: new Date(now - 3 * DAY).toISOString(), last_used_ips: ['192.0.2.10', '198.51.100.7'] });

    t = await startTestApp('sqlite');
    const alice = await seedUser(t.app, t.orgId, { name: 'Alice Moreau', email: 'alice@acme.test' });
    await seedUser(t.app, t.orgId, { name: 'Bob Stein', email: 'bob@acme.test' });
    await seedUser(t.app, t.orgId, { name: 'Dana Ortiz', email: 'dana@acme.test' });
    const priya = await seedUser(t.app, t.orgId, { name: 'Priya Rao', email: 'priya@acme.test', role: 'approver' });
    const invite = await adminApi(t)('POST', `/users/${priya.id}/invite`);
    expect(invite.statusCode, invite.body).toBe(201);
    const token = new URL((invite.json() as { url: string }).url).searchParams.get('token');
    const accepted = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/invites/accept', payload: { token, password: PASSWORD } });
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    const linked = await adminApi(t)('PUT', '/connectors/github-logins', { links: [{ login: 'alice-gh', userId: alice.id }] });
    expect(linked.statusCode, linked.body).toBe(204);
    await connectGitlab(t, gl);

    const baseUrl = await t.app.listen();
    userDataDir = mkdtempSync(join(tmpdir(), 'tokenward-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, baseURL: baseUrl });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    await gh?.close();
    await gl?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('an admin adds the GitHub organization from the connectors page; a wrong App ID is named in words first, and the key is gone from the page after', async () => {
    await signInWithKey();
    await page.goto('/connectors');
    await page.getByText('Add a connector').click();
    const form = page.getByRole('form', { name: 'Add a connector' });
    await form.getByLabel('System').selectOption('github');
    // Fields of another system are gone; the App's are there.
    expect(await form.getByLabel('Admin API key').count()).toBe(0);
    await form.getByLabel('Name').fill('Acme on GitHub');
    await form.getByLabel('Organization login').fill('acme');
    await form.getByLabel('API address').fill(gh.url);
    await form.getByLabel('App ID').fill('App 4242');
    await form.getByLabel('Installation id').fill('77');
    await form.getByLabel('Private key', { exact: true }).fill(privateKey);
    await form.getByLabel('Webhook secret').fill(WEBHOOK_SECRET);
    await form.getByRole('button', { name: 'Add GitHub organization' }).click();
    await form.getByText('The App ID is a number').waitFor();
    expect((await adminApi(t)('GET', '/connectors')).json().data.filter((c: ConnectorJson) => c.type === 'github')).toEqual([]);

    await form.getByLabel('App ID').fill('4242');
    await form.getByRole('button', { name: 'Add GitHub organization' }).click();
    await page.getByRole('status').filter({ hasText: '“Acme on GitHub” is added.' }).waitFor();
    const connectors = (await adminApi(t)('GET', '/connectors')).json().data as ConnectorJson[];
    githubConnector = connectors.find((c) => c.type === 'github')!;
    expect(githubConnector).toMatchObject({ name: 'Acme on GitHub', baseUrl: gh.url, upstreamOrgId: 'acme' });
    expect(await form.getByLabel('Private key', { exact: true }).inputValue()).toBe('');
    const card = page.getByRole('region', { name: /Acme on GitHub/ });
    await card.getByText(`/api/v1/connectors/${githubConnector.id}/github-webhook`).waitFor();
    await expectAccessible(page, 'connectors');
    await shootBothWidths(page, 'github-connectors');

    const run = await t.app.core.services.connectorSync.syncAndWait((await t.app.core.services.connectors.get(t.orgId, githubConnector.id)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
    await signOut();
  }, 60_000);

  it('an approver approves one GitHub request and denies another with a reason; GitHub receives exactly those decisions', async () => {
    const reviewsBefore = gh.reviews.length;
    const queued = (await adminApi(t)('GET', '/connectors/requests?status=queued')).json().data as Array<{ id: string; externalId: string; label: string }>;
    expect(queued.map((r) => r.externalId).sort()).toEqual(['801', '802']);

    await signIn('priya@acme.test');
    await page.goto('/approvals');
    const section = page.getByRole('region', { name: 'GitHub token requests' });
    const previews = section.getByRole('article', { name: 'release previews' });
    const hotfix = section.getByRole('article', { name: 'billing hotfix' });
    await previews.waitFor();
    // The requester by GitHub login and the person matched to it (a linked login; a public e-mail).
    await previews.getByText('alice-gh').waitFor();
    await previews.getByText('Alice Moreau').waitFor();
    await hotfix.getByText('bobdev').waitFor();
    await hotfix.getByText('Bob Stein').waitFor();
    // GitHub's permissions in GitHub's words beside the class; the repositories; the expiry.
    const row = previews.getByRole('row').filter({ hasText: 'Contents: Read and write' });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Repository · Contents: Read and write', 'write']);
    await previews.getByRole('row').filter({ hasText: 'Pull requests: Read and write' }).waitFor();
    await previews.getByRole('row').filter({ hasText: 'Metadata: Read-only' }).getByText('read', { exact: true }).waitFor();
    await previews.getByText('Only select repositories').waitFor();
    await hotfix.getByText('All repositories').waitFor();
    await previews.getByText(/\(in (29|30) days\)/).waitFor();
    await expectAccessible(page, 'approvals');
    await shootBothWidths(page, 'github-approvals');

    await previews.getByRole('button', { name: 'Approve in GitHub' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved “release previews” in GitHub.' }).waitFor();

    const deny = hotfix.getByRole('button', { name: 'Deny in GitHub' });
    expect(await deny.isDisabled()).toBe(true);
    const reason = hotfix.getByLabel(/^Reason/);
    await reason.fill('x'.repeat(1024));
    await hotfix.getByText('1,024 of 1,024 characters: the most GitHub takes').waitFor();
    await reason.fill(DENIAL);
    await hotfix.getByText(`${DENIAL.length} of 1,024 characters`, { exact: true }).waitFor();
    await deny.click();
    await page.getByRole('status').filter({ hasText: 'Denied “billing hotfix” in GitHub' }).waitFor();
    await section.waitFor({ state: 'detached' });

    expect(gh.reviews.slice(reviewsBefore)).toEqual([
      { ids: [801], action: 'approve', reason: null },
      { ids: [802], action: 'deny', reason: DENIAL },
    ]);
    await page.getByRole('tab', { name: 'Denied' }).click();
    await page.getByRole('region', { name: 'GitHub token requests' }).getByText(`Denied by an approver`).waitFor();
    await signOut();
  }, 60_000);

  it("shows a GitHub grant's and a GitLab token's permissions in their own words beside the scope class, last use, repositories and last addresses", async () => {
    await signInWithKey();
    await page.goto(`/tokens/${await tokenIdOf('alice ci bot')}`);
    const permissions = page.getByRole('table', { name: /Permissions in GitHub/ });
    await permissions.waitFor();
    expect(await permissions.getByRole('row').allTextContents()).toEqual([
      'Permission in GitHubScope class in Tokenward',
      'Organization · Members: Read-onlyread',
      'Repository · Administration: Adminadmin',
      'Repository · Contents: Read and writewrite',
    ]);
    await page.getByText('Only select repositories').waitFor();
    await page.getByText(/2 days ago\), as GitHub reports it/).waitFor();
    // Rotation, rate limits and calls are Tokenward's own: a connected token offers none of them.
    expect(await page.getByRole('button', { name: 'Rotate' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Activity' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Rate limits and quota' }).count()).toBe(0);
    await expectAccessible(page, 'github token');
    await shootBothWidths(page, 'github-token');

    await page.goto(`/tokens/${await tokenIdOf('dana laptop')}`);
    const scopes = page.getByRole('table', { name: /Scopes in GitLab/ });
    await scopes.waitFor();
    expect(await scopes.getByRole('row').allTextContents()).toEqual(['Scope in GitLabScope class in Tokenward', 'apiwrite', 'read_repositoryread', 'sudoadmin']);
    const addresses = page.getByRole('list', { name: 'Addresses it was last used from' });
    expect(await addresses.getByRole('listitem').allTextContents()).toEqual(['192.0.2.10', '198.51.100.7']);
    await page.getByText(/3 days ago\), as GitLab reports it/).waitFor();
    await expectAccessible(page, 'gitlab token');
    await shootBothWidths(page, 'gitlab-token');

    // Revoked from its page, in GitLab, through its connector.
    const glToken = [...gl.tokens.values()].find((token) => token.name === 'dana laptop')!;
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByText('is revoked in GitLab').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke 1 token' }).click();
    await page.getByRole('status').filter({ hasText: 'The token is revoked' }).waitFor();
    expect(gl.tokens.get(glToken.id)!.revoked).toBe(true);
  }, 60_000);
});
