/**
 * Whose credential the gateway presents upstream (docs/gateway.md, "Calls made as the caller").
 * Pure. Three modes per gateway file, in `upstream.callAs`:
 *
 * - `shared` (the default): one credential for every caller, `upstream.credential`.
 * - `mapped`: a credential per service account or per directory group, in `upstream.credentialMap`,
 *   so a caller borrows no more than their team's upstream rights. A caller the map does not cover
 *   is refused: falling back to a shared credential would be exactly the escalation the map exists
 *   to prevent.
 * - `delegated`: each member's own upstream OAuth grant, in `upstream.delegated` (the client the
 *   members connect their upstream accounts through).
 */

export interface MappedCredentialEntry {
  /** What the entry matches: a service account (by id or e-mail) or a directory group (by name). */
  kind: 'serviceAccount' | 'group';
  /** Lower-cased for matching. */
  match: string;
  /** As written in the file, for messages. */
  label: string;
  /** The header value (the prefix included), read from the environment at start. */
  value: string;
}

export interface CredentialMap {
  /** Lower-case header name. */
  header: string;
  entries: readonly MappedCredentialEntry[];
}

export interface CallerIdentity {
  type: 'user' | 'service_account';
  id: string;
  email: string;
  groups: readonly string[];
}

/**
 * The credential for a caller: the entry naming the service account itself, else the first entry
 * (in the file's order) naming one of the caller's groups; null when none does.
 *
 * @example credentialForCaller(map, { type: 'user', id: 'usr_1', email: 'ada@acme.com', groups: ['Team A'] }) // { header: 'authorization', value: 'Basic ...' }
 */
export function credentialForCaller(map: CredentialMap, caller: CallerIdentity | null): { header: string; value: string } | null {
  if (!caller) return null;
  if (caller.type === 'service_account') {
    const id = caller.id.toLowerCase();
    const email = caller.email.toLowerCase();
    const own = map.entries.find((entry) => entry.kind === 'serviceAccount' && (entry.match === id || entry.match === email));
    if (own) return { header: map.header, value: own.value };
  }
  const groups = new Set(caller.groups.map((group) => group.toLowerCase()));
  const byGroup = map.entries.find((entry) => entry.kind === 'group' && groups.has(entry.match));
  return byGroup ? { header: map.header, value: byGroup.value } : null;
}

type Fail = (field: string, message: string) => never;

/**
 * Validates `upstream.credentialMap`: a non-empty list of `{group: <name>, valueEnv}` or
 * `{serviceAccount: <id or e-mail>, valueEnv}`. `readEnv` reads (and checks) the variable.
 */
export function parseCredentialMap(value: unknown, header: string, prefix: string, readEnv: (name: unknown, field: string) => string, fail: Fail): CredentialMap {
  if (!Array.isArray(value) || value.length === 0) {
    return fail('upstream.credentialMap', 'must be a non-empty list of {group, valueEnv} or {serviceAccount, valueEnv} entries when upstream.callAs is mapped');
  }
  const seen = new Set<string>();
  const entries = value.map((raw, index): MappedCredentialEntry => {
    const field = `upstream.credentialMap[${index}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(field, 'must be a mapping with group or serviceAccount, and valueEnv');
    const entry = raw as Record<string, unknown>;
    if ('value' in entry) fail(`${field}.value`, 'is not allowed: name an environment variable in valueEnv, so the secret is not in the file');
    for (const key of Object.keys(entry)) {
      if (!['group', 'serviceAccount', 'valueEnv'].includes(key)) fail(`${field}.${key}`, 'is not a known field (known: group, serviceAccount, valueEnv)');
    }
    const hasGroup = entry.group !== undefined;
    if (hasGroup === (entry.serviceAccount !== undefined)) fail(field, 'must name exactly one of group or serviceAccount');
    const kind = hasGroup ? 'group' : 'serviceAccount';
    const label = entry[kind];
    if (typeof label !== 'string' || label.trim() === '') return fail(`${field}.${kind}`, `must be a non-empty string, got ${JSON.stringify(label) ?? 'nothing'}`);
    const match = label.trim().toLowerCase();
    if (seen.has(`${kind}:${match}`)) fail(`${field}.${kind}`, `names "${label}" a second time`);
    seen.add(`${kind}:${match}`);
    const headerValue = `${prefix}${readEnv(entry.valueEnv, `${field}.valueEnv`)}`;
    // A header value with a line break would let the secret's holder inject headers upstream.
    if (/[\r\n\0]/.test(headerValue)) fail(`${field}.valueEnv`, 'names a variable whose value holds a line break');
    return { kind, match, label: label.trim(), value: headerValue };
  });
  return { header, entries };
}

/** The OAuth client of the delegated mode (`upstream.delegated`), its secret read from the environment. */
export interface DelegatedUpstreamConfig {
  /** Names the upstream in stored grants (a member connects once per upstream). */
  name: string;
  /** With OpenID discovery; else the two endpoints below. */
  issuer: string | null;
  authorizationUrl: string | null;
  tokenUrl: string | null;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** Where the upstream sends the member back after consent (the connect callback). */
  redirectUrl: string;
  /** Extra authorization request parameters (Atlassian: `audience: api.atlassian.com`, `prompt: consent`). */
  authorizationParams: Readonly<Record<string, string>>;
  /** Where the member's upstream identity is read (`account_id` or `sub`) when no ID token names it. */
  identityUrl: string | null;
}

const DELEGATED_FIELDS = ['name', 'issuer', 'authorizationUrl', 'tokenUrl', 'clientId', 'clientSecretEnv', 'scopes', 'redirectUrl', 'authorizationParams', 'identityUrl'];

/** Validates `upstream.delegated`. */
export function parseDelegatedSection(value: unknown, readEnv: (name: unknown, field: string) => string, fail: Fail): DelegatedUpstreamConfig {
  const field = 'upstream.delegated';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(field, 'must be a mapping (the OAuth client members connect through) when upstream.callAs is delegated');
  const section = value as Record<string, unknown>;
  if ('clientSecret' in section) fail(`${field}.clientSecret`, 'is not allowed: name an environment variable in clientSecretEnv, so the secret is not in the file');
  for (const key of Object.keys(section)) if (!DELEGATED_FIELDS.includes(key)) fail(`${field}.${key}`, `is not a known field (known: ${DELEGATED_FIELDS.join(', ')})`);
  const text = (key: string, isRequired: boolean): string | null => {
    const raw = section[key];
    if (raw === undefined && !isRequired) return null;
    if (typeof raw !== 'string' || raw.trim() === '') return fail(`${field}.${key}`, `must be a non-empty string, got ${JSON.stringify(raw) ?? 'nothing'}`);
    return raw.trim();
  };
  const url = (key: string, isRequired: boolean): string | null => {
    const raw = text(key, isRequired);
    if (raw === null) return null;
    let parsed: URL | null = null;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = null;
    }
    const isLoopback = parsed !== null && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (!parsed || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback))) return fail(`${field}.${key}`, `must be an https URL, got ${JSON.stringify(raw)}`);
    return raw;
  };
  const issuer = url('issuer', false);
  const authorizationUrl = url('authorizationUrl', false);
  const tokenUrl = url('tokenUrl', false);
  if (!issuer && !(authorizationUrl && tokenUrl)) fail(field, 'must name issuer (with OpenID discovery) or both authorizationUrl and tokenUrl');
  const scopes = section.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => typeof s !== 'string' || !/^\S{1,200}$/.test(s))) {
    fail(`${field}.scopes`, 'must be a non-empty list of the scopes to ask for (include offline_access, so the grant can be refreshed)');
  }
  const params = section.authorizationParams ?? {};
  if (params === null || typeof params !== 'object' || Array.isArray(params) || Object.values(params).some((v) => typeof v !== 'string')) {
    fail(`${field}.authorizationParams`, 'must be a mapping of parameter names to text values');
  }
  return {
    name: text('name', false) ?? 'default',
    issuer,
    authorizationUrl,
    tokenUrl,
    clientId: text('clientId', true)!,
    clientSecret: readEnv(section.clientSecretEnv, `${field}.clientSecretEnv`),
    scopes: scopes as string[],
    redirectUrl: url('redirectUrl', true)!,
    authorizationParams: params as Record<string, string>,
    identityUrl: url('identityUrl', false),
  };
}
