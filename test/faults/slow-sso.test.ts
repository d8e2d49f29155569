/**
 * An identity provider that stalls while a person signs in: the provider is real, behind a TCP
 * proxy that freezes only the connection on which Tokenward asks for tokens. The sign-in fails in
 * words at the provider timeout, and everything else is answered meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { signInWithSso, startTestProvider, type TestProvider } from '../support/oidc.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

describe('an identity provider that stalls while signing in', () => {
  let t: TestApp;
  let base: string;
  let idp: TestProvider;
  let proxy: TcpProxy;
  const target = { host: '127.0.0.1', port: 0 };

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    base = await t.app.listen();
    proxy = await startTcpProxy(target);
    idp = await startTestProvider(`${base}/api/v1/auth/sso/callback`, {
      issuerFor: (port) => {
        target.port = port;
        return `http://${proxy.address}`;
      },
    });
    idp.accounts.set('alice', { email: 'alice@acme.test', name: 'Alice Liddell' });
    const put = await fetch(`${base}/admin/tokenward/v1/orgs/${t.orgId}/sso`, {
      method: 'PUT',
      headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
      body: JSON.stringify({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid email profile', allowedDomains: ['acme.test'], jitEnabled: true }),
    });
    expect(put.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await idp?.close();
    await t?.close();
  });

  it('fails the sign-in in words at the timeout, and answers everything else meanwhile', async () => {
    // Only the connection on which Tokenward asks for tokens freezes; the browser's steps go through.
    proxy.stall({ matching: 'POST /token' });
    const started = performance.now();
    const signingIn = signInWithSso(base, t.orgId, 'alice');
    let otherAnswers = 0;
    const others = (async () => {
      for (let i = 0; i < 5; i += 1) {
        const answered = performance.now();
        const health = await fetch(`${base}/healthz`);
        expect(health.status).toBe(200);
        expect(performance.now() - answered).toBeLessThan(1000);
        otherAnswers += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const outcome = await signingIn;
    await others;
    const tookMs = performance.now() - started;
    expect(otherAnswers).toBe(5);
    expect(outcome.sessionSecret).toBeUndefined();
    expect(outcome.body).toContain('SSO_FAILED');
    expect(outcome.body).toMatch(/did not answer within 10 s/);
    // The provider is given 10 s.
    expect(tookMs).toBeGreaterThanOrEqual(9000);
    expect(tookMs).toBeLessThan(20_000);
    proxy.restore();
    console.info(`stalled token endpoint: sign-in failed after ${Math.round(tookMs)} ms`);
  }, 60_000);
});
