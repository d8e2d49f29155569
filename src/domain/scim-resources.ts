/**
 * SCIM User and Group resources <-> Tokenward's directory (docs/scim.md). Pure.
 *
 * A Tokenward user has one e-mail and one display name; SCIM sends more. The mapping:
 * - `userName`: kept as sent, unique per org in any case; a user SCIM never touched shows its e-mail.
 * - Tokenward e-mail: the `primary` e-mail, else the `work` one, else the first, else `userName`
 *   when it is an e-mail address.
 * - Tokenward name: `displayName`, else `name.givenName name.familyName`, else `name.formatted`,
 *   else `userName` (cut to 200 characters).
 * - `active` (a boolean, or "True"/"False" as Entra sends) is the user's status.
 * - Every other attribute (name parts, locale, the enterprise extension...) is stored as sent, with
 *   nulls dropped, and returned; `password` is never stored nor returned.
 */
import { DomainError } from './errors.js';
import type { User } from './models.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './scim-schemas.js';

type Json = Record<string, unknown>;

export interface ScimUserData {
  userName: string;
  externalId: string | null;
  /** The other attributes, as sent (JSON object). */
  attributes: Json;
  createdAt: Date;
  updatedAt: Date;
}

/** A SCIM User or PUT/PATCH result, read into what Tokenward stores. */
export interface ScimUserInput {
  userName: string;
  externalId: string | null;
  /** Undefined: the body did not say. */
  active: boolean | undefined;
  email: string;
  name: string;
  attributes: Json;
}

export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  /** Undefined: the body has no `members`. */
  memberIds: string[] | undefined;
}

export interface GroupMemberRef {
  id: string;
  name: string;
}

const MAX_ATTRIBUTES_JSON = 64 * 1024;
const MAX_ID_LENGTH = 320;
const NAME_LENGTH = 200;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
/** Attributes Tokenward keeps in its own columns, or never keeps. */
const NOT_STORED = new Set(['schemas', 'id', 'meta', 'username', 'externalid', 'active', 'password', 'groups']);

const invalidValue = (detail: string) => new DomainError('SCIM_INVALID_VALUE', detail);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under `attr` in any case (SCIM attribute names are case-insensitive). */
export function attributeOf(object: Json, attr: string): unknown {
  const lower = attr.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** Text fit for a column: no NUL or other control characters PostgreSQL or a log would choke on. */
function cleanText(value: unknown, attr: string, maxLength: number): string {
  if (typeof value !== 'string') throw invalidValue(`${attr} must be a string.`);
  const trimmed = value.trim();
  if (trimmed === '') throw invalidValue(`${attr} must not be blank.`);
  if (trimmed.length > maxLength) throw invalidValue(`${attr} may have at most ${maxLength} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw invalidValue(`${attr} must not contain control characters.`);
  return trimmed;
}

/** true, false, or Entra's "True"/"False". */
export function parseActive(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidValue('active must be true or false.');
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** Drops nulls (SCIM's "no value"), recursively; keeps everything else as sent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}

function chooseEmail(emails: unknown, userName: string): string {
  const list = Array.isArray(emails) ? emails.filter(isObject).filter((e) => typeof attributeOf(e, 'value') === 'string') : [];
  const chosen =
    list.find((e) => isTrue(attributeOf(e, 'primary'))) ??
    list.find((e) => String(attributeOf(e, 'type') ?? '').toLowerCase() === 'work') ??
    list[0];
  const email = chosen ? (attributeOf(chosen, 'value') as string).trim() : EMAIL_PATTERN.test(userName) ? userName : null;
  if (email === null) throw invalidValue('A user needs an e-mail address: send emails, or an e-mail address as userName.');
  if (email.length > MAX_ID_LENGTH || !EMAIL_PATTERN.test(email) || /[\u0000-\u001f\u007f]/.test(email)) throw invalidValue(`${email.slice(0, 80)} is not an e-mail address.`);
  return email;
}

function chooseName(body: Json, userName: string): string {
  const pick = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const name = attributeOf(body, 'name');
  const parts = isObject(name) ? [pick(attributeOf(name, 'givenName')), pick(attributeOf(name, 'familyName'))].filter((p) => p !== null) : [];
  const chosen = pick(attributeOf(body, 'displayName')) ?? (parts.length > 0 ? parts.join(' ') : null) ?? (isObject(name) ? pick(attributeOf(name, 'formatted')) : null) ?? userName;
  // eslint-disable-next-line no-control-regex
  return chosen.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, NAME_LENGTH).trim() || userName.slice(0, NAME_LENGTH);
}

function optionalExternalId(body: Json): string | null {
  const value = attributeOf(body, 'externalId');
  return value === undefined || value === null ? null : cleanText(value, 'externalId', MAX_ID_LENGTH);
}

/** Reads a POST or PUT body (or a patched document) into what Tokenward stores; 400 on anything unusable. */
export function readUserResource(body: unknown): ScimUserInput {
  if (!isObject(body)) throw new DomainError('SCIM_INVALID_SYNTAX', 'The body must be a SCIM User object.');
  const userName = cleanText(attributeOf(body, 'userName'), 'userName', MAX_ID_LENGTH);
  const activeValue = attributeOf(body, 'active');
  const attributes = withoutNulls(Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_STORED.has(k.toLowerCase())))) as Json;
  if (JSON.stringify(attributes).length > MAX_ATTRIBUTES_JSON) throw invalidValue('The user has too many attributes to store.');
  return {
    userName,
    externalId: optionalExternalId(body),
    active: activeValue === undefined || activeValue === null ? undefined : parseActive(activeValue),
    email: chooseEmail(attributeOf(body, 'emails'), userName),
    name: chooseName(body, userName),
    attributes,
  };
}

/** Reads a Group POST or PUT body (or a patched document). */
export function readGroupResource(body: unknown): ScimGroupInput {
  if (!isObject(body)) throw new DomainError('SCIM_INVALID_SYNTAX', 'The body must be a SCIM Group object.');
  const displayName = cleanText(attributeOf(body, 'displayName'), 'displayName', NAME_LENGTH);
  const members = attributeOf(body, 'members');
  let memberIds: string[] | undefined;
  if (members !== undefined && members !== null) {
    if (!Array.isArray(members)) throw invalidValue('members must be an array.');
    if (members.length > 10_000) throw invalidValue('At most 10000 members per request.');
    memberIds = [
      ...new Set(
        members.map((m) => {
          const value = isObject(m) ? attributeOf(m, 'value') : undefined;
          return cleanText(value, 'members.value', 64);
        }),
      ),
    ];
  }
  return { displayName, externalId: optionalExternalId(body), memberIds };
}

function metaOf(resourceType: 'User' | 'Group', location: string, created: Date, lastModified: Date) {
  return { resourceType, created: created.toISOString(), lastModified: lastModified.toISOString(), location };
}

/** The SCIM User of a Tokenward user; `scim` null for a user no SCIM client has touched. */
export function userResource(user: User, scim: ScimUserData | null, baseUrl: string): Json {
  const attributes = scim?.attributes ?? {};
  const storedEmails = attributeOf(attributes, 'emails');
  const emailKept = Array.isArray(storedEmails) && storedEmails.some((e) => isObject(e) && String(attributeOf(e, 'value')).toLowerCase() === user.email.toLowerCase());
  const hasEnterprise = isObject(attributes[ENTERPRISE_USER_SCHEMA]);
  const rest = Object.fromEntries(Object.entries(attributes).filter(([k]) => !['emails', 'displayname', 'name'].includes(k.toLowerCase())));
  const name = attributeOf(attributes, 'name');
  const sentDisplayName = attributeOf(attributes, 'displayName') !== undefined;
  const updatedAt = scim && scim.updatedAt > user.updatedAt ? scim.updatedAt : user.updatedAt;
  return {
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: user.id,
    ...(scim?.externalId ? { externalId: scim.externalId } : {}),
    userName: scim?.userName ?? user.email,
    name: isObject(name) ? name : { formatted: user.name },
    ...(sentDisplayName || !scim ? { displayName: user.name } : {}),
    ...rest,
    emails: emailKept ? storedEmails : [{ value: user.email, type: 'work', primary: true }],
    active: user.status === 'active',
    meta: metaOf('User', `${baseUrl}/Users/${user.id}`, user.createdAt, updatedAt),
  };
}

export interface GroupView {
  id: string;
  name: string;
  createdAt: Date;
  externalId: string | null;
  updatedAt: Date | null;
}

/** The SCIM Group; `members` undefined leaves the attribute out (`excludedAttributes=members`). */
export function groupResource(group: GroupView, members: GroupMemberRef[] | undefined, baseUrl: string): Json {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.name,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${baseUrl}/Users/${m.id}` })) } : {}),
    meta: metaOf('Group', `${baseUrl}/Groups/${group.id}`, group.createdAt, group.updatedAt ?? group.createdAt),
  };
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) on top-level attributes; `id`, `schemas`
 * and `meta` always stay.
 */
export function projectAttributes(resource: Json, attributes: string | undefined, excluded: string | undefined): Json {
  const names = (list: string | undefined) =>
    (list ?? '')
      .split(',')
      .map((a) => a.trim().toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, '').split('.')[0]!)
      .filter((a) => a !== '');
  const keep = new Set(names(attributes));
  const drop = new Set(names(excluded));
  const always = new Set(['id', 'schemas', 'meta']);
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => {
      const lower = key.toLowerCase();
      if (always.has(lower)) return true;
      if (keep.size > 0) return keep.has(lower);
      return !drop.has(lower);
    }),
  );
}
