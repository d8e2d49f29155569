/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a resource held as plain JSON (docs/scim.md), with the
 * forms Okta and Entra ID send (shared/scim/CLIENTS.md): `op` in any case, no-path `add`/`replace`
 * whose value keys may themselves be paths (`name.givenName`, an extension URN and attribute),
 * value filters (`emails[type eq "work"].value`, `members[value eq "..."]`), and `remove` with a
 * value array (Entra's member removal). The caller re-reads the patched document as it reads a PUT
 * body, so one set of rules decides what a resource may hold.
 */
import { parse as parseScimFilter, type Filter } from 'scim2-parse-filter';
import { DomainError } from './errors.js';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path: string | null;
  value: unknown;
}

type Json = Record<string, unknown>;

const MAX_OPERATIONS = 1000;
const MAX_PATH_LENGTH = 500;

/** Known attribute names, so a path written in another case lands on the usual key. */
const CANONICAL = new Map(
  [
    'userName', 'externalId', 'active', 'displayName', 'name', 'givenName', 'familyName', 'formatted', 'middleName',
    'honorificPrefix', 'honorificSuffix', 'emails', 'value', 'type', 'primary', 'display', 'nickName', 'profileUrl',
    'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'phoneNumbers', 'addresses', 'members',
    'employeeNumber', 'department', 'manager', 'costCenter', 'organization', 'division', 'roles', 'password',
  ].map((name) => [name.toLowerCase(), name]),
);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const invalidPath = (detail: string) => new DomainError('SCIM_INVALID_PATH', detail);
const invalidValue = (detail: string) => new DomainError('SCIM_INVALID_VALUE', detail);

/** The key of `container` that names `attr` in any case, or the usual spelling of it. */
function keyOf(container: Json, attr: string): string {
  const lower = attr.toLowerCase();
  return Object.keys(container).find((k) => k.toLowerCase() === lower) ?? CANONICAL.get(lower) ?? attr;
}

/** Reads the PatchOp body; SCIM_INVALID_SYNTAX when it is not one. */
export function parsePatchBody(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw new DomainError('SCIM_INVALID_SYNTAX', 'The body must be a PatchOp object.');
  const list = body[keyOf(body, 'Operations')];
  if (!Array.isArray(list) || list.length === 0) throw new DomainError('SCIM_INVALID_SYNTAX', 'Operations must be a non-empty array.');
  if (list.length > MAX_OPERATIONS) throw new DomainError('SCIM_INVALID_SYNTAX', `At most ${MAX_OPERATIONS} operations per request.`);
  return list.map((raw) => {
    if (!isObject(raw)) throw new DomainError('SCIM_INVALID_SYNTAX', 'Each operation must be an object.');
    const op = raw[keyOf(raw, 'op')];
    const name = typeof op === 'string' ? op.toLowerCase() : '';
    if (name !== 'add' && name !== 'replace' && name !== 'remove') throw new DomainError('SCIM_INVALID_SYNTAX', 'op must be add, replace or remove.');
    const path = raw[keyOf(raw, 'path')];
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.length > MAX_PATH_LENGTH)) throw invalidPath('path must be a string.');
    const value = raw[keyOf(raw, 'value')];
    return { op: name, path: typeof path === 'string' && path.trim() !== '' ? path.trim() : null, value };
  });
}

interface ParsedPath {
  /** The extension URN whose object holds the attribute, or null for a core attribute. */
  urn: string | null;
  attr: string | null;
  /** `[type eq "work"]`, parsed. */
  valueFilter: Filter | null;
  /** The sub-attribute after the attribute or its filter: `name.givenName`, `emails[...].value`. */
  sub: string | null;
}

function parsePath(path: string, extensionUrns: readonly string[], coreUrn: string): ParsedPath {
  let rest = path;
  let urn: string | null = null;
  const lower = path.toLowerCase();
  if (lower.startsWith('urn:')) {
    const ext = extensionUrns.find((u) => lower === u.toLowerCase() || lower.startsWith(`${u.toLowerCase()}:`));
    if (ext) {
      urn = ext;
      rest = path.slice(ext.length + 1);
      if (rest === '') return { urn, attr: null, valueFilter: null, sub: null };
    } else if (lower.startsWith(`${coreUrn.toLowerCase()}:`)) {
      rest = path.slice(coreUrn.length + 1);
    } else {
      throw invalidPath(`Unknown schema in path ${path}.`);
    }
  }
  const match = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/s.exec(rest);
  if (!match) throw invalidPath(`The path ${path} is not supported.`);
  const [, attr, filterText, sub] = match;
  let valueFilter: Filter | null = null;
  if (filterText !== undefined) {
    try {
      valueFilter = parseScimFilter(filterText);
    } catch {
      throw invalidPath(`The value filter of ${path} does not parse.`);
    }
  }
  return { urn, attr: attr!, valueFilter, sub: sub ?? null };
}

/** `type eq "work"` and the like, as the attributes of an element to create when none matches. */
function eqAttributes(node: Filter): Json {
  if (node.op === 'eq' && typeof node.compValue !== 'object') return { [node.attrPath]: node.compValue };
  if (node.op === 'and') return Object.assign({}, ...node.filters.map(eqAttributes)) as Json;
  return {};
}

function sameElement(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b) && 'value' in a && 'value' in b) return String(a.value) === String(b.value);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds `value` to what is there: arrays gain the new elements, objects merge, anything else is set. */
function addInto(existing: unknown, value: unknown): unknown {
  if (Array.isArray(existing) || Array.isArray(value)) {
    const base = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
    const extra = Array.isArray(value) ? value : [value];
    return [...base, ...extra.filter((v) => !base.some((b) => sameElement(b, v)))];
  }
  if (isObject(existing) && isObject(value)) return { ...existing, ...value };
  return value;
}

function replaceWith(existing: unknown, value: unknown): unknown {
  // RFC 7644 §3.5.2.3: a complex value replaces the sub-attributes it names and keeps the others.
  if (isObject(existing) && isObject(value)) return { ...existing, ...value };
  return value;
}

/** Whether an element of a multi-valued attribute passes a value filter; strings compare in any case. */
function elementMatches(node: Filter, element: Json, depth = 0): boolean {
  if (depth > 16) throw invalidPath('The value filter is nested too deeply.');
  switch (node.op) {
    case 'and':
      return node.filters.every((f) => elementMatches(f, element, depth + 1));
    case 'or':
      return node.filters.some((f) => elementMatches(f, element, depth + 1));
    case 'not':
      return !elementMatches(node.filter, element, depth + 1);
    case 'pr':
      return element[keyOf(element, node.attrPath)] !== undefined && element[keyOf(element, node.attrPath)] !== null;
    case 'eq':
    case 'ne': {
      const actual = element[keyOf(element, node.attrPath)];
      const expected = node.compValue;
      const equal =
        typeof actual === 'string' && typeof expected === 'string'
          ? actual.toLowerCase() === expected.toLowerCase()
          : String(actual).toLowerCase() === String(expected).toLowerCase() && actual !== undefined;
      return node.op === 'eq' ? equal : !equal;
    }
    default:
      throw invalidPath(`The operator ${node.op} is not supported in a value filter; use eq, ne, pr, and, or, not.`);
  }
}

function matcher(valueFilter: Filter): (element: unknown) => boolean {
  return (element) => isObject(element) && elementMatches(valueFilter, element);
}

function applyOne(doc: Json, operation: PatchOperation, extensionUrns: readonly string[], coreUrn: string): void {
  const { op, value } = operation;
  if (operation.path === null) {
    if (op === 'remove') throw new DomainError('SCIM_NO_TARGET', 'A remove operation needs a path.');
    if (!isObject(value)) throw invalidValue(`An ${op} without a path needs an object value.`);
    for (const [key, inner] of Object.entries(value)) applyOne(doc, { op, path: key, value: inner }, extensionUrns, coreUrn);
    return;
  }
  const path = parsePath(operation.path, extensionUrns, coreUrn);
  let container: Json = doc;
  if (path.urn) {
    const urnKey = keyOf(doc, path.urn);
    if (path.attr === null) {
      if (op === 'remove') delete doc[urnKey];
      else if (!isObject(value)) throw invalidValue(`${path.urn} takes an object.`);
      else doc[urnKey] = op === 'add' ? addInto(doc[urnKey], value) : replaceWith(doc[urnKey], value);
      return;
    }
    if (!isObject(doc[urnKey])) {
      if (op === 'remove') return;
      doc[urnKey] = {};
    }
    container = doc[urnKey] as Json;
  }
  const key = keyOf(container, path.attr!);

  if (path.valueFilter) {
    const isMatch = matcher(path.valueFilter);
    const current = container[key];
    const elements: unknown[] = Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
    const matched = elements.filter(isMatch);
    if (op === 'remove') {
      container[key] = path.sub === null ? elements.filter((e) => !isMatch(e)) : elements.map((e) => (isMatch(e) ? withoutKey(e as Json, path.sub!) : e));
      return;
    }
    if (path.sub === null && !isObject(value)) throw invalidValue(`${operation.path} takes an object.`);
    const patchOf = (element: Json): Json => (path.sub === null ? { ...element, ...(value as Json) } : { ...element, [keyOf(element, path.sub)]: value });
    // Entra sends `Add` (and at times `Replace`) on emails[type eq "work"].value for a user with no
    // work e-mail yet: the element is created from the filter's comparisons (CLIENTS.md, Entra 4).
    container[key] = matched.length === 0 ? [...elements, patchOf(eqAttributes(path.valueFilter))] : elements.map((e) => (isMatch(e) ? patchOf(e as Json) : e));
    return;
  }

  if (path.sub !== null) {
    const parent = container[key];
    if (Array.isArray(parent)) throw invalidPath(`${operation.path}: name an element with a value filter.`);
    if (op === 'remove') {
      if (isObject(parent)) container[key] = withoutKey(parent, path.sub);
      return;
    }
    const object: Json = isObject(parent) ? { ...parent } : {};
    const subKey = keyOf(object, path.sub);
    object[subKey] = op === 'add' ? addInto(object[subKey], value) : replaceWith(object[subKey], value);
    container[key] = object;
    return;
  }

  if (op === 'remove') {
    // Entra removes members by sending their value objects with the attribute path.
    if (value !== undefined && value !== null && Array.isArray(container[key])) {
      const gone = Array.isArray(value) ? value : [value];
      container[key] = (container[key] as unknown[]).filter((e) => !gone.some((g) => sameElement(e, g)));
    } else {
      delete container[key];
    }
    return;
  }
  container[key] = op === 'add' ? addInto(container[key], value) : replaceWith(container[key], value);
}

function withoutKey(object: Json, sub: string): Json {
  const copy = { ...object };
  delete copy[keyOf(copy, sub)];
  return copy;
}

/**
 * Applies the operations in order to a copy of `doc`. `extensionUrns` are the schema URNs whose
 * attributes live in an object under the URN (the enterprise user); `coreUrn` may prefix a path.
 */
export function applyPatch(doc: Json, operations: readonly PatchOperation[], extensionUrns: readonly string[], coreUrn: string): Json {
  const copy = structuredClone(doc);
  for (const operation of operations) applyOne(copy, operation, extensionUrns, coreUrn);
  return copy;
}
