/** Signed-in people for HTTP tests: real sessions through the real services. */
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import type { User } from '../../src/domain/models.js';
import { createStores } from '../../src/store/stores.js';

export interface TestSession {
  user: User;
  /** The `tw_session` cookie value (a secret: tests grep that it is stored and logged nowhere). */
  secret: string;
  csrfToken: string;
}

/** Starts a session for the user directly through the session service (no password needed). */
export async function sessionFor(app: App, user: User): Promise<TestSession> {
  const started = await app.core.database.db.transaction().execute((trx) => app.core.services.sessions.startIn(createStores(trx), user, 'password', '127.0.0.1'));
  return { user, secret: started.secret, csrfToken: started.csrfToken };
}

/** Headers of a request made with the session; `csrf` false leaves the CSRF header out. */
export function sessionHeaders(session: { secret: string; csrfToken: string }, csrf = true): Record<string, string> {
  return { cookie: `tw_session=${session.secret}`, ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}) };
}

/** The `tw_session` value of a response's Set-Cookie, and the whole header for attribute checks. */
export function sessionCookieOf(setCookie: string | string[] | undefined): { value: string; header: string } {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const header = headers.find((h) => h.startsWith('tw_session='));
  expect(header, 'a tw_session cookie is set').toBeDefined();
  return { value: header!.slice('tw_session='.length).split(';')[0]!, header: header! };
}

/** The token of a one-time link URL (`.../setup?token=...`). */
export function tokenOfLink(url: string): string {
  const token = new URL(url).searchParams.get('token');
  expect(token).toBeTruthy();
  return token!;
}
