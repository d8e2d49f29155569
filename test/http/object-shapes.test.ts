/**
 * V8 keeps each first key added to an empty object as a transition of the empty object's shape,
 * up to 1,536, until a full garbage collection drops the shapes no object uses any more. Past the
 * limit, every object that starts with a new key gets a shape of its own, and code that builds
 * objects key by key (Node's parsed headers, the gateway's header copies) takes the slow path on
 * every request. The server's start-up and first requests must leave room before any full
 * collection has run: this test fails if they use up the limit, or leave fewer than 200 keys free.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/process.js';

const exec = promisify(execFile);

describe('object shapes once the server is ready', () => {
  it('still shares one shape among objects that start with the same new key, with room for 200 more', async () => {
    const { stdout } = await exec(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', 'test/support/object-shapes-probe.ts', '200'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 120_000,
    });
    const probe = JSON.parse(stdout.trim().split('\n').pop()!) as { afterReady: boolean; afterHeadroom: boolean; kept: number };
    expect(probe).toEqual({ afterReady: true, afterHeadroom: true, kept: 200 });
  }, 150_000);
});
