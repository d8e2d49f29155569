import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (from `src/` under tsx, `dist/src/` once built). */
const PACKAGE_JSON = new URL(import.meta.url.includes('/dist/src/') ? '../../package.json' : '../package.json', import.meta.url);
export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
