/** The layering of docs/architecture.md, enforced: imports flow one way. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/domain/errors.js';
import { HTTP_OF_CODE } from '../src/http/errors.js';
import { REPO_ROOT } from './support/process.js';

const SRC = join(REPO_ROOT, 'src');
const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  store: ['store', 'domain'],
  service: ['service', 'store', 'domain'],
  http: ['http', 'service', 'domain', 'config'],
  // The gateway: a proxy beside http, verifying through a service or the SDK.
  gateway: ['gateway', 'service', 'domain', 'sdk'],
  cli: ['cli', 'gateway', 'service', 'store', 'domain', 'config', 'app', 'version'],
};
const SDK = join(REPO_ROOT, 'packages/sdk/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  if (path.startsWith(SDK)) return 'sdk';
  const rel = relative(SRC, path);
  const [first] = rel.split('/');
  return first!.replace(/\.(ts|js)$/, '');
}

describe('architecture', () => {
  it('keeps imports flowing one way between layers', () => {
    const violations: string[] = [];
    for (const file of filesUnder(SRC)) {
      const layer = layerOf(file);
      const allowed = ALLOWED[layer];
      if (!allowed) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = layerOf(resolve(dirname(file), match[1]!));
        // cli may reach the store only through the migrator (store/db.ts), not a store.
        const isCliStore = layer === 'cli' && target === 'store' && !match[1]!.endsWith('store/db.js');
        if (!allowed.includes(target) || isCliStore) violations.push(`${relative(REPO_ROOT, file)} imports ${match[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('gives every error code a status and a line in docs/errors.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/errors.md'), 'utf8');
    for (const code of Object.keys(ERROR_CODES) as Array<keyof typeof ERROR_CODES>) {
      const { status, n } = HTTP_OF_CODE[code];
      expect(doc, code).toContain(`| \`${code}\` | ${status} | ADMIN-${status}-${n} |`);
    }
  });

  // Parallel work on error codes once gave three codes ADMIN-400-4; scripts match on these.
  it('gives every error code its own ADMIN-<status>-<n> code', () => {
    const seen = new Map<string, string>();
    for (const [code, { status, n }] of Object.entries(HTTP_OF_CODE)) {
      const wire = `ADMIN-${status}-${n}`;
      expect(seen.get(wire), `${code} and ${seen.get(wire)} share ${wire}`).toBeUndefined();
      seen.set(wire, code);
    }
  });
});
