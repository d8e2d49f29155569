/**
 * pino logger with redaction: no authorization header, cookie, or field named like a secret ever
 * reaches a log line, whatever a future log call passes in.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'token',
  'secret',
  'password',
  'pepper',
  '*.token',
  '*.secret',
  '*.password',
  '*.pepper',
];

const SECRET_PARAM = /token|secret|password|key|code/i;

/** Request line for logs, with the values of secret-looking query parameters blanked. */
export function redactUrlQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const name of [...params.keys()]) if (SECRET_PARAM.test(name)) params.set(name, '[REDACTED]');
  return `${url.slice(0, at)}?${params.toString()}`;
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: {
        req: (req: { id?: string; method?: string; url?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: typeof req.url === 'string' ? redactUrlQuery(req.url) : undefined,
          ip: req.ip,
        }),
      },
    },
    destination,
  );
}
