/**
 * Express/Connect middleware: `app.get('/issues', requireToken(client, ['read:jira-work']), handler)`.
 * Sets `req.tokenward` to the verdict; refuses as the Fastify plugin does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenwardClient, VerifyResult } from './client.js';
import { rateLimitHeaders, statusOfCode } from './status.js';

type Request = IncomingMessage & { tokenward?: VerifyResult; ip?: string; route?: { path?: string }; originalUrl?: string };
type Next = (error?: unknown) => void;

function refuse(res: ServerResponse, status: number, error: string): void {
  res.statusCode = status;
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error }));
}

export function requireToken(client: TokenwardClient, scopes: readonly string[] = []) {
  return (req: Request, res: ServerResponse, next: Next): void => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) {
      refuse(res, 401, 'MISSING_TOKEN');
      return;
    }
    client
      .verify(match[1], {
        scopes,
        ip: req.ip ?? req.socket.remoteAddress,
        method: req.method,
        route: req.route?.path ?? (req.originalUrl ?? req.url ?? '').split('?')[0],
        userAgent: req.headers['user-agent'],
      })
      .then((result) => {
        for (const [name, value] of Object.entries(rateLimitHeaders(result.rateLimit, !result.valid))) res.setHeader(name, value);
        if (!result.valid) return refuse(res, statusOfCode(result.code), result.code);
        req.tokenward = result;
        next();
      }, next);
  };
}
