/**
 * Talking to a running server: where it is and which key to use (`--url`/`--key`, TOKENWARD_URL /
 * TOKENWARD_KEY, or a named profile), a client typed from the server's own OpenAPI document, and
 * one-line errors that name the cause with a documented exit code (docs/reference/cli.md).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-types.js';
import { readProfile } from './profiles.js';

/** Exit codes of the commands that talk to a server. */
export const EXIT = {
  ok: 0,
  /** The server answered with an error not listed below, or the operation did not succeed. */
  failed: 1,
  /** Bad usage, a bad file, or input the server refused as invalid. */
  usage: 2,
  /** No server answered at the URL. */
  unreachable: 3,
  /** The server refused the key (unknown, revoked or expired). */
  unauthenticated: 4,
  /** The key lacks the scope the command needs, or another organization's data. */
  forbidden: 5,
  /** What the command names does not exist. */
  notFound: 6,
  /** Not confirmed: the answer at the prompt was not yes. */
  aborted: 7,
} as const;

/** A failure the CLI explains in one line, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface ConnectionOptions {
  url?: string | undefined;
  key?: string | undefined;
  profile?: string | undefined;
  org?: string | undefined;
}

export interface Connection {
  url: string;
  key: string;
}

/** Flags first, then the environment, then the profile (named, or the file's default). */
export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): Connection | null {
  const profile = readProfile(options.profile ?? env.TOKENWARD_PROFILE, env);
  const url = options.url ?? env.TOKENWARD_URL ?? profile?.url;
  const key = options.key ?? env.TOKENWARD_KEY ?? profile?.key;
  if (url === undefined && key === undefined) return null;
  if (url === undefined) throw new CliError('no server URL: pass --url, set TOKENWARD_URL, or add a profile (tokenward profiles set).', EXIT.usage);
  if (key === undefined) throw new CliError('no admin key: pass --key, set TOKENWARD_KEY, or add a profile (tokenward profiles set).', EXIT.usage);
  try {
    new URL(url);
  } catch {
    throw new CliError(`not a URL: ${url}`, EXIT.usage);
  }
  return { url: url.replace(/\/+$/, ''), key };
}

export function requireConnection(options: ConnectionOptions): Connection {
  const connection = resolveConnection(options);
  if (!connection) throw new CliError('this command manages a running server: pass --url and --key, set TOKENWARD_URL and TOKENWARD_KEY, or use a profile.', EXIT.usage);
  return connection;
}

export type AdminClient = Client<paths>;

/** The cause of a failed fetch, in words: refused, unknown host, timed out. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timed out';
    default:
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}

export function createAdminClient(connection: Connection): AdminClient {
  const client = createClient<paths>({
    baseUrl: connection.url,
    headers: { authorization: `Bearer ${connection.key}`, 'user-agent': 'tokenward-cli' },
    fetch: async (request) => {
      try {
        return await fetch(request);
      } catch (error) {
        throw new CliError(`cannot reach the server at ${connection.url} (${networkCause(error)}).`, EXIT.unreachable);
      }
    },
  });
  return client;
}

interface ErrorBody {
  errors?: Array<{ code?: string; title?: string; detail?: string }>;
}

/** The stable error name: the body's title (UPPER_SNAKE, as docs/errors.md lists them), else its code. */
function errorName(first: { code?: string; title?: string } | undefined): string | undefined {
  return first?.title && /^[A-Z][A-Z0-9_]+$/.test(first.title) ? first.title : first?.code;
}

/** The error a failed answer means, in one line. */
export function errorOfResponse(response: Response, body: unknown): CliError {
  const first = (body as ErrorBody | undefined)?.errors?.[0];
  const detail = first?.detail ?? first?.title ?? response.statusText;
  const name = errorName(first);
  const code = name ? `${name}: ` : '';
  // A key without the scope is answered 401 INSUFFICIENT_SCOPE, as Atlassian's gateway does: still a permission matter.
  if (name === 'INSUFFICIENT_SCOPE') return new CliError(`the key may not do this: ${detail}`, EXIT.forbidden);
  switch (response.status) {
    case 401:
      return new CliError(`the server refused the key (${detail}).`, EXIT.unauthenticated);
    case 403:
      return new CliError(`the key may not do this: ${code}${detail}`, EXIT.forbidden);
    case 404:
      return new CliError(`not found: ${code}${detail}`, EXIT.notFound);
    case 400:
    case 409:
    case 422:
      return new CliError(`${code}${detail}`, EXIT.usage);
    case 429:
      return new CliError(`the server is rate limiting this key; try again in ${response.headers.get('retry-after') ?? 'a minute'} seconds.`, EXIT.failed);
    default:
      return new CliError(`the server answered ${response.status}: ${code}${detail}`, EXIT.failed);
  }
}

/** The data of an openapi-fetch answer, or the one-line error it means. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok) return undefined as T;
  throw errorOfResponse(result.response, result.error);
}

/** The organization the key manages: the one named by `--org` (id or name), else the only one. */
export async function resolveOrgId(client: AdminClient, org: string | undefined): Promise<string> {
  const orgs = dataOf(await client.GET('/admin/v1/orgs')).data;
  if (org !== undefined) {
    const found = orgs.find((o) => o.id === org || o.attributes.name === org);
    if (!found) throw new CliError(`the key manages no organization "${org}".`, EXIT.notFound);
    return found.id;
  }
  if (orgs.length !== 1) throw new CliError(`the key manages ${orgs.length} organizations; name one with --org.`, EXIT.usage);
  return orgs[0]!.id;
}

/** A client and the org id, for a command's work. */
export async function connect(options: ConnectionOptions): Promise<{ client: AdminClient; orgId: string; connection: Connection }> {
  const connection = requireConnection(options);
  const client = createAdminClient(connection);
  return { client, orgId: await resolveOrgId(client, options.org), connection };
}
