/**
 * E-mail notifications against a real SMTP server on loopback (`smtp-server`, port 0):
 * per-org settings through the admin API (the password is write-only and stored sealed), text and
 * HTML messages to the token's owner and to admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DAY, movableClock } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';
import { startSmtp } from '../support/smtp.js';

describe.each(DIALECTS)('e-mail notifications on %s', (dialect) => {
  const T0 = new Date('2026-06-01T08:00:00.000Z');
  const time = movableClock(T0);
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const url = () => `/admin/tokenward/v1/orgs/${t.orgId}/notifications/smtp`;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(dialect, { clock: time.clock });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('keeps the SMTP password write-only and sealed', async () => {
    expect((await t.app.http.inject({ method: 'GET', url: url(), headers: bearer(t.adminKey) })).statusCode).toBe(404);
    const put = await t.app.http.inject({
      method: 'PUT',
      url: url(),
      headers: bearer(t.adminKey),
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: 'mailer', password: 's3cret-smtp', fromAddress: 'tokenward@acme.test' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ host: '127.0.0.1', hasPassword: true, enabled: true });
    expect(put.body).not.toContain('s3cret-smtp');
    const got = await t.app.http.inject({ method: 'GET', url: url(), headers: bearer(t.adminKey) });
    expect(got.body).not.toContain('s3cret-smtp');
    const row = await t.app.core.database.db.selectFrom('smtp_settings').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('s3cret-smtp');
    // A PUT without password keeps it.
    const again = await t.app.http.inject({ method: 'PUT', url: url(), headers: bearer(t.adminKey), payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: 'mailer', fromAddress: 'tokenward@acme.test' } });
    expect(again.json().hasPassword).toBe(true);
  });

  it("sends the owner a text and HTML expiry warning, authenticated with the org's credentials", async () => {
    const alice = await seedUser(t.app, t.orgId, { email: 'alice@acme.test', name: 'Alice' });
    await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: 'nightly <build>', expiresAt: new Date(T0.getTime() + 6 * DAY) });
    const run = await t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/jobs/expiry-warnings/run`, headers: bearer(t.adminKey) });
    expect(run.statusCode).toBe(200);
    expect(run.json().actions).toHaveLength(1);
    await t.app.worker.runPass();
    const mail = smtp.mails.find((m) => m.to.includes('alice@acme.test'));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('tokenward@acme.test');
    expect(mail!.user).toBe('mailer');
    // The subject is RFC 2047-encoded (it holds quotes and angle brackets).
    expect(mail!.raw).toContain('Subject: =?UTF-8?Q?Your_API_token_=22nightly_=3Cbuild=3E=22?=');
    expect(mail!.raw).toContain('_expires_in_7_days?=');
    expect(mail!.raw).toContain('text/plain');
    expect(mail!.raw).toContain('text/html');
    expect(mail!.raw).toContain('nightly &lt;build&gt;');
  });

  it('sends the weekly digest to the admins', async () => {
    const before = smtp.mails.length;
    time.advance(60_000); // the digest covers [now - 7 days, now): the tokens made at T0 are in it
    const run = await t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/jobs/weekly-digest/run`, headers: bearer(t.adminKey) });
    expect(run.json().status).toBe('succeeded');
    await t.app.worker.runPass();
    const digests = smtp.mails.slice(before).filter((m) => m.raw.includes('Tokenward weekly digest'));
    expect(digests.map((m) => m.to).flat()).toEqual(['owner@acme.test']);
    // Alice's token and the bootstrap admin key, both made at T0.
    expect(digests[0]!.raw).toContain('New tokens: 2');
    expect(digests[0]!.raw).toContain('Expiring within 30 days: 1');
  });
});
