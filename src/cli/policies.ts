/**
 * `tokenward policies export|plan|apply`: the organization's policies as a file kept in git. The
 * plan is the server's (it compares by name and walks the existing tokens); apply shows the same
 * plan, asks at a terminal unless --yes, and the server makes every change in one transaction.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { stringify } from 'yaml';
import type { paths } from './api-types.js';
import { parsePolicyFile, type ParsedPolicyFile } from './policy-file.js';
import { CliError, connect, dataOf, EXIT, type AdminClient, type Connection, type ConnectionOptions } from './remote.js';

type PlanJson = paths['/admin/tokenward/v1/orgs/{orgId}/policy-set/plan']['post']['responses'][200]['content']['application/json']['data'];
type FileBody = paths['/admin/tokenward/v1/orgs/{orgId}/policy-set/plan']['post']['requestBody']['content']['application/json']['data'];
type ExistingTokens = 'leave' | 'clamp' | 'revoke';

const SCHEMA_PATH = '/admin/tokenward/v1/policy-file.schema.json';

export async function runPoliciesExport(options: ConnectionOptions): Promise<void> {
  const { client, orgId, connection } = await connect(options);
  const file = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/policy-set', { params: { path: { orgId } } })).data;
  const header = [
    `# yaml-language-server: $schema=${connection.url}${SCHEMA_PATH}`,
    '# Tokenward authentication policies. Check changes with `tokenward policies plan -f <file>`,',
    '# make them with `tokenward policies apply -f <file>`.',
  ].join('\n');
  process.stdout.write(`${header}\n${stringify(file, { lineWidth: 0 })}`);
}

/** The file, checked against the schema the server publishes: one line naming the line and the reason. */
async function readPolicyFile(path: string, connection: Connection): Promise<ParsedPolicyFile> {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, EXIT.usage);
  }
  let schema: Record<string, unknown>;
  try {
    const response = await fetch(`${connection.url}${SCHEMA_PATH}`);
    if (!response.ok) throw new CliError(`the server at ${connection.url} publishes no policy file schema (${response.status}); is it a Tokenward server of this version?`, EXIT.failed);
    schema = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot reach the server at ${connection.url} (${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}).`, EXIT.unreachable);
  }
  return parsePolicyFile(path, text, schema);
}

/** A server refusal that names a policy points at that policy's line in the file. */
function withLine(error: unknown, file: ParsedPolicyFile, path: string): unknown {
  if (!(error instanceof CliError)) return error;
  const named = /Policy "([^"]+)"/.exec(error.message)?.[1];
  const line = named === undefined ? null : file.lineOfPolicy(named);
  return line === null ? error : new CliError(`${path}:${line}: ${error.message}`, error.exitCode);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderPlan(plan: PlanJson): string {
  if (plan.changes.length === 0) return `No changes: the server's policies are those of the file (${plural(plan.unchanged, 'policy')}).\n`.replace('policys', 'policies');
  const sign = { add: '+', change: '~', remove: '-' } as const;
  const lines: string[] = [];
  for (const change of plan.changes) {
    const fields = change.action === 'change' ? `: ${change.fields.join(', ')}` : '';
    lines.push(`${sign[change.action]} ${change.action.padEnd(6)} ${change.name}${fields}`);
    const { affected, tokens } = change.impact;
    lines.push(`           ${affected === 0 ? 'breaks no existing token' : `breaks ${plural(affected, 'existing token')}`}`);
    for (const token of tokens.slice(0, 5)) lines.push(`             ${token.id}  ${token.label}  (${token.violations.join(', ')})`);
    if (affected > 5) lines.push(`             … and ${affected - 5} more`);
    if (change.applied) lines.push(`           existing tokens: ${change.applied.mode}: ${change.applied.clamped} clamped, ${change.applied.revoked} revoked, ${change.applied.left} left`);
  }
  const count = (action: string) => plan.changes.filter((c) => c.action === action).length;
  lines.push(`${count('add')} to add, ${count('change')} to change, ${count('remove')} to remove; ${plan.unchanged} unchanged.`);
  return `${lines.join('\n')}\n`;
}

async function planOf(client: AdminClient, orgId: string, file: ParsedPolicyFile, path: string): Promise<PlanJson> {
  try {
    return dataOf(await client.POST('/admin/tokenward/v1/orgs/{orgId}/policy-set/plan', { params: { path: { orgId } }, body: { data: file.data as unknown as FileBody } })).data;
  } catch (error) {
    throw withLine(error, file, path);
  }
}

export async function runPoliciesPlan(options: ConnectionOptions & { file: string; json?: boolean }): Promise<void> {
  const { client, orgId, connection } = await connect(options);
  const file = await readPolicyFile(options.file, connection);
  const plan = await planOf(client, orgId, file, options.file);
  process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
}

export async function runPoliciesApply(options: ConnectionOptions & { file: string; existingTokens: ExistingTokens; yes?: boolean; json?: boolean }): Promise<void> {
  const { client, orgId, connection } = await connect(options);
  const file = await readPolicyFile(options.file, connection);
  const plan = await planOf(client, orgId, file, options.file);
  if (!options.json) process.stdout.write(renderPlan(plan));
  if (plan.changes.length === 0) {
    if (options.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  if (!options.yes) {
    if (!process.stdin.isTTY) throw new CliError('refusing to change policies without a terminal to confirm at; add --yes.', EXIT.usage);
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await prompt.question(`Apply these changes (existing tokens: ${options.existingTokens})? [y/N] `);
    prompt.close();
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('nothing changed.', EXIT.aborted);
  }
  let applied: PlanJson;
  try {
    applied = dataOf(
      await client.PUT('/admin/tokenward/v1/orgs/{orgId}/policy-set', { params: { path: { orgId } }, body: { data: file.data as unknown as FileBody, meta: { existingTokens: options.existingTokens } } }),
    ).data;
  } catch (error) {
    throw withLine(error, file, options.file);
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(applied, null, 2)}\n`);
    return;
  }
  const total = (key: 'clamped' | 'revoked' | 'left') => applied.changes.reduce((sum, c) => sum + (c.applied?.[key] ?? 0), 0);
  process.stdout.write(`Applied ${plural(applied.changes.length, 'change')}; existing tokens: ${total('clamped')} clamped, ${total('revoked')} revoked, ${total('left')} left as they were.\n`);
}
