/**
 * The one catalogue of domain error codes. Codes are UPPER_SNAKE and never renamed: clients and
 * scripts match on them. The HTTP status and the Atlassian-style `ADMIN-<status>-<n>` code of each
 * live in `src/http/errors.ts`, the only place that knows about HTTP.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'The request is not valid.',
  INVALID_PAGE_CURSOR: 'The page cursor is not valid for this query.',
  MALFORMED_TOKEN: 'The token is not a well-formed Tokenward token.',
  INVALID_SIGNATURE: 'The request signature is missing, made with an unknown key, or does not match the body.',
  UNAUTHENTICATED: 'A valid API key is required.',
  INSUFFICIENT_SCOPE: 'The API key does not hold the scope this operation needs.',
  FORBIDDEN: 'The caller may not act on this organization.',
  ORG_NOT_FOUND: 'No such organization.',
  NOT_FOUND: 'No such resource.',
  USER_NOT_FOUND: 'No such user.',
  SERVICE_ACCOUNT_NOT_FOUND: 'No such service account.',
  TOKEN_NOT_FOUND: 'No such token.',
  GROUP_NOT_FOUND: 'No such group.',
  POLICY_NOT_FOUND: 'No such policy.',
  TOKEN_REQUEST_NOT_FOUND: 'No such token request.',
  JUSTIFICATION_REQUIRED: 'The policy requires a justification for this request.',
  PURPOSE_REQUIRED: 'The policy requires a purpose for the token.',
  TOKEN_CREATION_BLOCKED: 'The policy blocks members from creating API tokens.',
  APPROVAL_REQUIRED: 'The policy requires an approved request before a token is created.',
  SCOPE_NOT_ALLOWED: 'The policy does not allow one of the requested scopes.',
  LIFETIME_TOO_LONG: 'The requested lifetime exceeds the policy cap.',
  USE_BLOCKED_BY_POLICY: 'The policy blocks the use of API tokens.',
  IP_NOT_ALLOWED: 'The policy does not allow API tokens from this address.',
  IP_ALLOWLIST_WIDENS_POLICY: "A token's own IP allowlist may only narrow its policy's allowlist.",
  SELF_APPROVAL_FORBIDDEN: 'Nobody may decide their own token request.',
  DELIVERY_GONE: 'The one-time token retrieval was used already or has expired.',
  CONFLICT: 'The request conflicts with the current state.',
  SCIM_INVALID_FILTER: 'The SCIM filter is not valid or not supported.',
  SCIM_INVALID_SYNTAX: 'The SCIM request body is not valid.',
  SCIM_INVALID_VALUE: 'A SCIM attribute has a value that is not valid.',
  SCIM_INVALID_PATH: 'The SCIM PATCH path is not valid or not supported.',
  SCIM_NO_TARGET: 'The SCIM PATCH operation names no target.',
  SCIM_TOKEN_NOT_FOUND: 'No such SCIM token.',
  RATE_LIMITED: 'Too many requests.',
  INVALID_CREDENTIALS: 'The e-mail or the password is not right.',
  CSRF_FAILED: 'The CSRF token is missing or does not match this session.',
  LINK_INVALID: 'The link is not valid: it is unknown, used or expired.',
  SSO_NOT_CONFIGURED: 'Single sign-on is not configured for this organization.',
  SSO_EMAIL_DOMAIN_NOT_ALLOWED: "The e-mail domain is not allowed to sign in to this organization.",
  SSO_FAILED: 'Single sign-on did not complete.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
  NOT_READY: 'The service is not ready: its database is not reachable.',
  SIGNING_KEYS_UNAVAILABLE: 'The public keys needed to check this request could not be fetched; retry later.',
  CONNECTOR_NOT_FOUND: 'No such connector.',
  UPSTREAM_FAILED: 'The connected system refused or did not answer the request.',
  UPSTREAM_UNSUPPORTED: 'The connected system offers no way to do this.',
  UPSTREAM_OUTCOME_UNKNOWN: 'The connected system may have acted, but its answer was lost; it is not asked again until the outcome is read back.',
  DATABASE_UNAVAILABLE: 'The database cannot be reached right now; nothing was changed. Retry in a few seconds.',
  ORG_DISABLED: 'The organization is disabled: its keys, sessions and tokens do not work until the instance administrator enables it again.',
  DATABASE_READ_ONLY: 'The server cannot write right now (its disk is full or its data directory is read-only); nothing was changed. Reads still work.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure the client may be told about: `detail` must never hold a secret or a stack. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ?? ERROR_CODES[code], options);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail ?? ERROR_CODES[code];
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/**
 * The server cannot start with the setup it was given (a file it cannot read, a port in use, a
 * pepper that does not match the database). The command line prints its message as one line.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
