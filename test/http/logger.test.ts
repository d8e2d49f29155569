import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrlQuery } from '../../src/http/logger.js';

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
});
