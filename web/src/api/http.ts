/**
 * The console's one way to call the API: credentials, CSRF, and errors turned into words.
 *
 * Two ways to be signed in:
 * - a session: the HttpOnly `tw_session` cookie travels by itself; state-changing
 *   requests carry the session's CSRF token in `X-CSRF-Token`;
 * - an org admin API key pasted at sign-in (for servers without sign-in or for break-glass
 *   use): kept in this tab's sessionStorage only, sent as `Authorization: Bearer`.
 */
export type Credentials = { kind: 'session'; csrfToken: string } | { kind: 'key'; key: string } | { kind: 'none' };

let credentials: Credentials = { kind: 'none' };
let onSignedOut: (() => void) | null = null;

export function setCredentials(next: Credentials): void {
  credentials = next;
}

export function getCredentials(): Credentials {
  return credentials;
}

/** Called when the API says the sign-in has ended (401 on an authenticated call). */
export function setSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly requestId: string | null,
  ) {
    super(detail || title);
  }

  /** The API has no such route: an API built by another issue and not on this server yet. */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.title === 'NOT_FOUND';
  }
}

/** An error in words a person can act on. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const ref = error.requestId ? ` (request ${error.requestId})` : '';
    if (error.status === 0) return 'Cannot reach the Tokenward server. Check your connection and try again.';
    if (error.isMissingRoute) return 'This server does not offer this yet.';
    if (error.status === 401) return `You are not signed in, or your sign-in has ended. ${error.detail}`.trim();
    if (error.status === 403) return `You are not allowed to do this. ${error.detail}`.trim();
    if (error.status === 429) return 'Too many requests. Wait a minute and try again.';
    if (error.status >= 500) return `The server failed to answer${ref}. Try again; if it keeps failing, give the request id to your administrator.`;
    return error.detail || error.title;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (credentials.kind === 'key') headers.authorization = `Bearer ${credentials.key}`;
  if (credentials.kind === 'session' && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = credentials.csrfToken;
  return headers;
}

export async function rawRequest(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<Response> {
  const hasBody = options.body !== undefined;
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers: headersFor(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server.', null);
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  try {
    const body = (await response.json()) as { errors?: Array<{ title?: string; detail?: string }> };
    const first = body.errors?.[0];
    return new ApiError(response.status, first?.title ?? response.statusText, first?.detail ?? '', requestId);
  } catch {
    return new ApiError(response.status, response.statusText, '', requestId);
  }
}

export async function request<T>(method: string, path: string, options: { body?: unknown; query?: Query; quietAuth?: boolean } = {}): Promise<T> {
  const response = await rawRequest(method, path, options);
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !options.quietAuth && credentials.kind !== 'none') onSignedOut?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Saves a CSV answer as a download (a plain link cannot carry a bearer key). */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await rawRequest('GET', path, { query });
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
