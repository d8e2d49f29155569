/**
 * Pure rules of signing in: password rules, one-time links, session expiry, the SSO
 * e-mail domain and group-claim rules. No I/O and no clock: callers pass `now`.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from './errors.js';
import { HOUR_MS } from './time.js';

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 hashes any length; a cap keeps one request from buying minutes of CPU. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Length is the rule (NIST SP 800-63B): at least 12 characters, at most 256; no composition rules.
 * Counts code points, so an emoji is one character.
 */
export function assertAcceptablePassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new DomainError('VALIDATION_FAILED', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (length > MAX_PASSWORD_LENGTH) throw new DomainError('VALIDATION_FAILED', `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`);
  if (password.trim().length === 0) throw new DomainError('VALIDATION_FAILED', 'The password must not be only spaces.');
}

/** 32 random bytes, base64url: the secret of a session or a one-time link. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A well-formed secret is 43 base64url characters; anything else fails before the database. */
export function isWellFormedSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export type LinkKind = 'invite' | 'password_reset' | 'owner_setup';
export const LINK_KINDS: readonly LinkKind[] = ['invite', 'password_reset', 'owner_setup'];


/** How long a link stays valid. Reset is short because anyone may ask for one. */
export const LINK_LIFETIME_MS: Record<LinkKind, number> = {
  invite: 7 * 24 * HOUR_MS,
  password_reset: 1 * HOUR_MS,
  owner_setup: 24 * HOUR_MS,
};

/** The web console's page for each kind of link; the console reads `token` and posts it to the API. */
export const LINK_CONSOLE_PATH: Record<LinkKind, string> = {
  invite: '/invite',
  password_reset: '/reset-password',
  owner_setup: '/setup',
};

/**
 *   linkUrl('https://tw.example.com', 'owner_setup', 's3cr3t') // 'https://tw.example.com/setup?token=s3cr3t'
 */
export function linkUrl(baseUrl: string, kind: LinkKind, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${LINK_CONSOLE_PATH[kind]}?token=${encodeURIComponent(secret)}`;
}

export interface StoredLink {
  id: string;
  kind: LinkKind;
  orgId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Why a link cannot be redeemed now, or null. Callers answer one message for all reasons. */
export function linkUnusableReason(link: StoredLink, expectedKind: LinkKind, now: Date): 'WRONG_KIND' | 'USED' | 'EXPIRED' | null {
  if (link.kind !== expectedKind) return 'WRONG_KIND';
  if (link.usedAt) return 'USED';
  if (link.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return null;
}

export interface SessionPolicy {
  /** A session unused this long dies. */
  idleMs: number;
  /** A session dies this long after sign-in, however busy. */
  absoluteMs: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export function isSessionLive(session: SessionTimes, policy: SessionPolicy, now: Date): boolean {
  const t = now.getTime();
  return t < session.lastSeenAt.getTime() + policy.idleMs && t < session.createdAt.getTime() + policy.absoluteMs;
}

/** When the session ends if unused from now on; what the cookie's Max-Age follows. */
export function sessionEndsAt(session: SessionTimes, policy: SessionPolicy, now: Date): Date {
  return new Date(Math.min(now.getTime() + policy.idleMs, session.createdAt.getTime() + policy.absoluteMs));
}

/** Lower-cased domain of an e-mail, or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/**
 * Exact domain match, any case; a subdomain is not its parent (`eu.acme.com` is not `acme.com`).
 * An empty allow-list allows no one: SSO with no domain listed signs nobody in.
 */
export function isEmailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.some((allowed) => allowed.toLowerCase() === domain);
}

/** A domain as admins type it: `acme.com`, no `@`, no scheme. */
export function cleanDomain(value: string): string {
  const domain = value.trim().toLowerCase().replace(/^@/, '');
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(domain)) {
    throw new DomainError('VALIDATION_FAILED', `Not an e-mail domain: ${JSON.stringify(value)}.`);
  }
  return domain;
}

/**
 * The Tokenward groups a group claim maps to. The claim may be an array of strings or one string;
 * values without a mapping are ignored.
 *
 *   mappedGroupIds(['eng', 'ops'], { eng: 'grp_1' }) // ['grp_1']
 */
export function mappedGroupIds(claim: unknown, mapping: Readonly<Record<string, string>>): string[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const ids = values.filter((v): v is string => typeof v === 'string' && Object.hasOwn(mapping, v)).map((v) => mapping[v]!);
  return [...new Set(ids)];
}

/** A same-site path to land on after SSO; anything else (absolute URLs, `//host`) becomes `/`. */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return '/';
  return value.slice(0, 512);
}

/** The console page where a person opens a token link an admin sent them (an issued token, a rotation). */
export const TOKEN_LINK_CONSOLE_PATH = '/me/retrieve';

/**
 * The address to send with a one-time token link. The link goes after `#`: browsers never send a
 * fragment to a server, so it stays out of access logs and proxies until the person spends it.
 *   oneTimeLinkUrl('https://tw.example.com', 'twl_abc') // 'https://tw.example.com/me/retrieve#twl_abc'
 */
export function oneTimeLinkUrl(baseUrl: string, link: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${TOKEN_LINK_CONSOLE_PATH}#${link}`;
}
