/**
 * `npm run generate:api-types`: writes the CLI's API types from a throwaway server's OpenAPI
 * document, and the policy file's JSON Schema as the server serves it to docs/reference.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { AUTOMATION_OFF, loadConfig } from '../src/config.js';
import { policyFileJsonSchema } from '../src/http/schemas/policy-set.js';
import { adminDocument, API_TYPES_FILE, renderApiTypes } from './api-types.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-api-types-'));
try {
  const config = loadConfig({ TOKENWARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await createApp({ config: { ...config, automation: AUTOMATION_OFF } });
  await app.http.ready();
  writeFileSync(API_TYPES_FILE, await renderApiTypes(adminDocument(app)));
  writeFileSync('docs/reference/policy-file.schema.json', `${JSON.stringify(policyFileJsonSchema(), null, 2)}\n`);
  await app.close();
  process.stdout.write(`Wrote ${API_TYPES_FILE}.\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
