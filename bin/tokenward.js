#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci`, or `npm run build` after changing the sources), so a
// command starts without compiling TypeScript. A checkout that was never built falls back to
// running the sources through tsx, which is slower to start but always current.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
