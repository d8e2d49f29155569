/**
 * SCIM `filter` (RFC 7644 §3.4.2.2) for Tokenward (docs/scim.md): parsed by
 * scim2-parse-filter, then narrowed to the comparisons identity providers send and the store can
 * answer with an indexed equality. Anything else is SCIM_INVALID_FILTER (400 `invalidFilter`).
 *
 *   compileFilter('userName eq "Ada@Example.com"', 'User') // { op: 'eq', attr: 'userName', value: 'Ada@Example.com' }
 */
import { parse, type Filter } from 'scim2-parse-filter';
import { DomainError } from './errors.js';

export type ScimResourceKind = 'User' | 'Group';

export type UserFilterAttr = 'id' | 'userName' | 'externalId' | 'email' | 'displayName' | 'active';
export type GroupFilterAttr = 'id' | 'externalId' | 'displayName';

export type ScimFilter =
  | { op: 'eq'; attr: UserFilterAttr | GroupFilterAttr; value: string | boolean }
  | { op: 'and' | 'or'; filters: ScimFilter[] }
  /** Matches every resource: a condition Tokenward does not distinguish (an e-mail's type). */
  | { op: 'all' };

const MAX_FILTER_LENGTH = 2000;
const MAX_DEPTH = 16;

const CORE_PREFIX: Record<ScimResourceKind, string> = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:user:',
  Group: 'urn:ietf:params:scim:schemas:core:2.0:group:',
};

const USER_ATTRS: Record<string, UserFilterAttr> = {
  id: 'id',
  username: 'userName',
  externalid: 'externalId',
  emails: 'email',
  'emails.value': 'email',
  displayname: 'displayName',
  active: 'active',
};
const GROUP_ATTRS: Record<string, GroupFilterAttr> = { id: 'id', externalid: 'externalId', displayname: 'displayName' };

function invalid(detail: string): DomainError {
  return new DomainError('SCIM_INVALID_FILTER', detail);
}

function attrOf(kind: ScimResourceKind, attrPath: string): string {
  const lower = attrPath.toLowerCase();
  return lower.startsWith(CORE_PREFIX[kind]) ? lower.slice(CORE_PREFIX[kind].length) : lower;
}

function comparisonValue(attr: string, value: unknown): string | boolean {
  if (attr === 'active') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw invalid('active is compared with true or false.');
  }
  if (typeof value !== 'string') throw invalid(`${attr} is compared with a string.`);
  if (value.includes('\u0000')) throw invalid('A filter value may not contain NUL characters.');
  return value;
}

/** `emails[...]`: `value eq` compares the e-mail; `type eq` and `primary eq` match any user (docs/scim.md). */
function emailValueFilter(node: Filter, depth: number): ScimFilter {
  if (depth > MAX_DEPTH) throw invalid('The filter is nested too deeply.');
  if (node.op === 'and' || node.op === 'or') return { op: node.op, filters: node.filters.map((f) => emailValueFilter(f, depth + 1)) };
  if (node.op === 'eq') {
    const attr = node.attrPath.toLowerCase();
    if (attr === 'value') return { op: 'eq', attr: 'email', value: comparisonValue('emails.value', node.compValue) };
    if (attr === 'type' || attr === 'primary') return { op: 'all' };
  }
  throw invalid('Inside emails[...], only value, type and primary compared with eq are supported.');
}

function compile(node: Filter, kind: ScimResourceKind, depth: number): ScimFilter {
  if (depth > MAX_DEPTH) throw invalid('The filter is nested too deeply.');
  switch (node.op) {
    case 'and':
    case 'or':
      return { op: node.op, filters: node.filters.map((f) => compile(f, kind, depth + 1)) };
    case 'eq': {
      const name = attrOf(kind, node.attrPath);
      const attr = kind === 'User' ? USER_ATTRS[name] : GROUP_ATTRS[name];
      if (!attr) throw invalid(`Filtering ${kind === 'User' ? 'users' : 'groups'} on ${node.attrPath} is not supported.`);
      return { op: 'eq', attr, value: comparisonValue(attr, node.compValue) };
    }
    case '[]':
      if (kind === 'User' && attrOf(kind, node.attrPath) === 'emails') return emailValueFilter(node.valFilter, depth + 1);
      throw invalid(`Value filters on ${node.attrPath} are not supported.`);
    default:
      throw invalid(`The operator ${node.op} is not supported; use eq, and, or.`);
  }
}

/** Parses and narrows a filter; SCIM_INVALID_FILTER for anything unparsable or unsupported. */
export function compileFilter(text: string, kind: ScimResourceKind): ScimFilter {
  if (text.length > MAX_FILTER_LENGTH) throw invalid(`A filter may have at most ${MAX_FILTER_LENGTH} characters.`);
  let ast: Filter;
  try {
    ast = parse(text);
  } catch {
    throw invalid('The filter does not parse (RFC 7644 §3.4.2.2).');
  }
  if (!ast || typeof ast !== 'object') throw invalid('The filter does not parse (RFC 7644 §3.4.2.2).');
  return compile(ast, kind, 0);
}
