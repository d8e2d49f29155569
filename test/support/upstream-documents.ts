/**
 * OpenAPI documents for the gateway import tests. The hand-written one is in the repository; the
 * real Jira platform document (1.7 MB, published by Atlassian) is read from the shared upstreams
 * folder beside the checkout, as CI provides it, and is not copied in: tests that need it skip,
 * saying why, when it is absent (a fresh clone).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPORTS_API_PATH = fileURLToPath(new URL('../fixtures/openapi/reports-api.yaml', import.meta.url));
export const JIRA_PLATFORM_PATH = fileURLToPath(new URL('../../../shared/upstreams/jira-platform.openapi.json', import.meta.url));
export const hasJiraPlatform = existsSync(JIRA_PLATFORM_PATH);
/** Said by the tests that skip. */
export const JIRA_PLATFORM_ABSENT = `skipped: the Jira platform OpenAPI document is not at ${JIRA_PLATFORM_PATH} (the shared upstreams folder beside the checkout)`;

export function readReportsApi(): unknown {
  return parse(readFileSync(REPORTS_API_PATH, 'utf8'));
}

export function readJiraPlatform(): unknown {
  return JSON.parse(readFileSync(JIRA_PLATFORM_PATH, 'utf8'));
}
