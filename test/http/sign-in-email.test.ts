/**
 * A self-service password reset link travels by e-mail through the org's
 * SMTP settings to a real SMTP server on loopback, and the link in the e-mail sets the password.
 * Without SMTP settings nothing is sent and the log says so, without the link.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedUser } from '../support/seed.js';

async function startSmtp(): Promise<{ port: number; mails: Array<{ to: string[]; raw: string }>; close(): Promise<void> }> {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The token of the reset link in a raw (possibly quoted-printable) message. */
function tokenInMail(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(unfolded)?.[1];
  expect(token, raw).toBeDefined();
  return token!;
}

describe.each(DIALECTS)('password reset by e-mail on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const requestReset = (email: string) => t.app.http.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email } });

  it('sends nothing, and logs no link, while the org has no e-mail settings', async () => {
    const user = await seedUser(t.app, t.orgId, { email: 'quiet@acme.test' });
    expect((await requestReset('quiet@acme.test')).statusCode).toBe(202);
    await expect.poll(() => t.logs.join('').includes('the organization has no e-mail settings'), { timeout: 5000 }).toBe(true);
    const line = t.logs.find((l) => l.includes('the organization has no e-mail settings'))!;
    expect(JSON.parse(line)).toMatchObject({ userId: user.id, kind: 'password_reset' });
    expect(line).not.toContain('token=');
    expect(smtp.mails).toHaveLength(0);
  });

  it('e-mails the link to the person, and the link sets the password', async () => {
    const put = await t.app.http.inject({
      method: 'PUT',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/notifications/smtp`,
      headers: bearer(t.adminKey),
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'tokenward@acme.test' },
    });
    expect(put.statusCode).toBe(200);
    await seedUser(t.app, t.orgId, { email: 'Grace@acme.test', name: 'Grace Hopper' });
    expect((await requestReset('grace@ACME.test')).statusCode).toBe(202);
    expect((await requestReset('nobody@acme.test')).statusCode).toBe(202);
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual(['Grace@acme.test']);
    expect(mail!.raw).toContain('Reset your Tokenward password');
    const token = tokenInMail(mail!.raw);
    expect(t.logs.join('')).not.toContain(token);

    const done = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, password: 'grace chose a new one' } });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe('Grace@acme.test');
    const login = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'grace@acme.test', password: 'grace chose a new one' } });
    expect(login.statusCode).toBe(200);
  });
});
