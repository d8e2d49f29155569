import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChildLogger, redactUrlQuery } from '../../src/http/logger.js';

describe('logger', () => {
  it('redacts secrets however they are passed', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    logger.info({ token: 'twu_leak1', nested: { secret: 'leak2', password: 'leak3' }, req: { headers: { authorization: 'Bearer leak4' } } }, 'hello');
    const text = lines.join('');
    expect(text).toContain('hello');
    for (const leak of ['leak1', 'leak2', 'leak3', 'leak4']) expect(text).not.toContain(leak);
  });

  it('blanks secret-looking query parameters in request URLs', () => {
    expect(redactUrlQuery('/x?token=abc&q=ada&apiKey=k&cursor=c')).toBe('/x?token=%5BREDACTED%5D&q=ada&apiKey=%5BREDACTED%5D&cursor=c');
    expect(redactUrlQuery('/plain')).toBe('/plain');
  });

  it.each(['info', 'warn'] as const)("gives each request a child logger at %s that logs the request's id with every line, as pino's own child does", async (level) => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger(level, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
    const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, childLoggerFactory: (parent, bindings, options) => lazyChildLogger(parent as Logger, bindings, options) as FastifyBaseLogger });
    app.get('/x', async (request) => {
      request.log.debug('not at this level');
      request.log.warn({ token: 'twu_leak' }, 'careful');
      request.log.child({ part: 'inner' }).error('inner trouble');
      return { level: request.log.level, infoEnabled: (request.log as unknown as Logger).isLevelEnabled('info') };
    });
    const response = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    expect(response.json()).toEqual({ level, infoEnabled: level === 'info' });
    const reqId = lines.find((line) => line.msg === 'careful')?.reqId;
    expect(reqId).toBeTruthy();
    const ofRequest = lines.filter((line) => line.reqId === reqId);
    expect(ofRequest.map((line) => line.msg)).toEqual(level === 'info' ? ['incoming request', 'careful', 'inner trouble', 'request completed'] : ['careful', 'inner trouble']);
    expect(ofRequest.find((line) => line.msg === 'careful')).toMatchObject({ level: 40, token: '[REDACTED]' });
    expect(ofRequest.find((line) => line.msg === 'inner trouble')).toMatchObject({ level: 50, part: 'inner' });
    expect(lines.some((line) => line.msg === 'not at this level')).toBe(false);
  });
});
