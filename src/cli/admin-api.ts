/**
 * A small client of a running server's admin API, for commands that manage it from afar:
 * `--url` (or TOKENWARD_URL) and `--key` (or TOKENWARD_KEY). A refusal becomes one line naming the
 * server's error code and its words.
 */
export interface RemoteOptions {
  url?: string | undefined;
  key?: string | undefined;
}

export interface AdminApi {
  readonly baseUrl: string;
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** Said when the server refused, or could not be reached; the CLI prints it as one line and exits 1. */
export class RemoteError extends Error {
  override name = 'RemoteError';
}

/**
 * The key: `--key`, then `keyVariables` in order (the environment), then TOKENWARD_KEY.
 * The URL: `--url`, then TOKENWARD_URL, then the server's default address.
 */
export function connectAdminApi(options: RemoteOptions, env: NodeJS.ProcessEnv = process.env, keyVariables: readonly string[] = []): AdminApi {
  const baseUrl = (options.url ?? env.TOKENWARD_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new RemoteError(`--url must start with http:// or https://, got "${baseUrl}".`);
  const key = options.key ?? keyVariables.map((name) => env[name]).find((value) => value) ?? env.TOKENWARD_KEY;
  if (!key) throw new RemoteError(`No key: pass --key or set ${[...keyVariables, 'TOKENWARD_KEY'].join(' or ')}.`);
  return {
    baseUrl,
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        throw new RemoteError(`cannot reach ${baseUrl}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
      }
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON: a proxy's page, say; the status line below names the problem.
      }
      if (!response.ok) {
        const first = (parsed as { errors?: Array<{ title?: string; detail?: string }> } | null)?.errors?.[0];
        throw new RemoteError(first ? `${first.title ?? response.status}: ${first.detail ?? ''}`.trim() : `the server answered ${response.status} ${response.statusText}.`);
      }
      return parsed as T;
    },
  };
}
