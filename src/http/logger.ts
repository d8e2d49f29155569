/**
 * pino logger with redaction: no authorization header, cookie, or field named like a secret ever
 * reaches a log line, whatever a future log call passes in.
 */
import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Level, type Logger } from 'pino';
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

/**
 * A request's logger that becomes pino's child only when a line is logged at an enabled level.
 * Fastify makes a child logger for every request; pino's child serializes (and redacts) its
 * bindings when made, 2-3% of a request's CPU that logs nothing, which at `warn` is most of them.
 * The line logged, once it is, is the real child's, bindings included.
 */
class LazyChildLogger {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  private get real(): Logger {
    return (this.#child ??= this.parent.child(this.bindings));
  }

  get level(): string {
    return this.#child ? this.#child.level : this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return this.#child ? this.#child.isLevelEnabled(level) : this.parent.isLevelEnabled(level);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  debug(...args: unknown[]): void {
    this.write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.write('trace', args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real.child(bindings, options);
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    (this.real[level] as (...a: unknown[]) => void)(...args);
  }
}

/**
 * Fastify's `childLoggerFactory`: a lazy child (above), unless the route asks for options of its
 * own (a log level, serializers), which pino's child then takes at once.
 */
export function lazyChildLogger(logger: Logger, bindings: Bindings, options: ChildLoggerOptions): Logger {
  if (Object.keys(options).length > 0) return logger.child(bindings, options);
  return new LazyChildLogger(logger, bindings) as unknown as Logger;
}
