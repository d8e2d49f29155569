/**
 * Test data through the real stores and services: users and service accounts (until the people
 * issue adds their services) and their tokens, issued by the real token service.
 */
import { randomInt } from 'node:crypto';
import type { App } from '../../src/app.js';
import { newId } from '../../src/domain/ids.js';
import type { ServiceAccount, TokenOwner, User } from '../../src/domain/models.js';
import type { IssuedToken } from '../../src/service/token-service.js';
import { createStores } from '../../src/store/stores.js';

let seededUsers = 0;

export async function seedUser(app: App, orgId: string, fields: Partial<User> = {}): Promise<User> {
  const now = app.core.clock();
  const id = newId('usr');
  // Digits only, so a random id never matches a test's text search (`q=ada` once did).
  seededUsers += 1;
  const serial = `${seededUsers}${String(randomInt(1e6)).padStart(6, '0')}`;
  const user: User = {
    id,
    orgId,
    email: `user.${serial}@example.com`,
    name: `User ${serial.slice(-4)}`,
    role: 'member',
    accountType: 'managed',
    status: 'active',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  await createStores(app.core.database.db).users.insert(user);
  return user;
}

export async function seedServiceAccount(app: App, orgId: string, fields: Partial<ServiceAccount> = {}): Promise<ServiceAccount> {
  const now = app.core.clock();
  const id = newId('sa');
  const account: ServiceAccount = {
    id,
    orgId,
    email: `${id.toLowerCase()}@serviceaccount.tokenward.local`,
    displayName: `Bot ${id.slice(-4)}`,
    description: null,
    picture: null,
    status: 'ACTIVE',
    createdById: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  await createStores(app.core.database.db).serviceAccounts.insert(account);
  return account;
}

export async function seedToken(
  app: App,
  orgId: string,
  owner: TokenOwner,
  fields: { label?: string; scopes?: string[]; expiresAt?: Date } = {},
): Promise<IssuedToken> {
  return app.core.services.tokens.issueOwnedToken({
    orgId,
    owner,
    label: fields.label ?? 'seeded token',
    scopes: fields.scopes ?? ['read:jira-work'],
    expiresAt: fields.expiresAt,
    createdBy: null,
    audit: { actorType: 'system', actorId: 'test', ip: null },
  });
}
