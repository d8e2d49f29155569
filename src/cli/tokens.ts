/**
 * `tokenward tokens ...` against a running server: the inventory of every token (list, search,
 * show, export) with its filters, and revoking by id or by filter with a dry run, a confirmation
 * at a terminal and a progress bar.
 */
import { createInterface } from 'node:readline/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { paths } from './api-types.js';
import { printRecord, printRecords, shortTime, type Column, type FormatOptions } from './format.js';
import { CliError, connect, dataOf, errorOfResponse, EXIT, type AdminClient, type ConnectionOptions } from './remote.js';

type ListQuery = NonNullable<paths['/admin/tokenward/v1/orgs/{orgId}/tokens']['get']['parameters']['query']>;
type TokenJson = paths['/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}']['get']['responses'][200]['content']['application/json'];

/** The inventory's filters, as `--filter name=value` takes them (checked against the API's types). */
export const FILTER_NAMES = [
  'q', 'status', 'ownerKind', 'scope', 'ownerId', 'neverUsed', 'idleDays', 'source',
  'createdAtSearchType', 'createdAtUom', 'createdAtValue', 'createdAtFrom', 'createdAtTo', 'createdAtRangeFrom', 'createdAtRangeTo',
  'lastActiveAtSearchType', 'lastActiveAtUom', 'lastActiveAtValue', 'lastActiveAtFrom', 'lastActiveAtTo', 'lastActiveAtRangeFrom', 'lastActiveAtRangeTo',
  'expiresAtSearchType', 'expiresAtUom', 'expiresAtValue', 'expiresAtFrom', 'expiresAtTo', 'expiresAtRangeFrom', 'expiresAtRangeTo',
] as const satisfies ReadonlyArray<keyof ListQuery>;
type FilterName = (typeof FILTER_NAMES)[number];

export interface FilterOptions {
  filter?: string[] | undefined;
  q?: string | undefined;
  status?: string | undefined;
  ownerKind?: string | undefined;
  scope?: string | undefined;
  owner?: string | undefined;
  idleDays?: string | undefined;
  neverUsed?: boolean | undefined;
  source?: string | undefined;
  expiresWithinDays?: string | undefined;
}

type CommonOptions = ConnectionOptions & FormatOptions;

/** The query the options describe; `--filter` names are the inventory's, the shortcuts map onto them. */
export function queryOfFilters(options: FilterOptions): Partial<Record<FilterName, string>> {
  const query: Partial<Record<FilterName, string>> = {};
  for (const entry of options.filter ?? []) {
    const at = entry.indexOf('=');
    const name = at > 0 ? entry.slice(0, at) : '';
    if (!(FILTER_NAMES as readonly string[]).includes(name)) {
      throw new CliError(`--filter takes name=value with one of: ${FILTER_NAMES.join(', ')}; got "${entry}".`, EXIT.usage);
    }
    query[name as FilterName] = entry.slice(at + 1);
  }
  const shortcuts: Array<[FilterName, string | undefined]> = [
    ['q', options.q],
    ['status', options.status],
    ['ownerKind', options.ownerKind],
    ['scope', options.scope],
    ['ownerId', options.owner],
    ['idleDays', options.idleDays],
    ['neverUsed', options.neverUsed ? 'true' : undefined],
    ['source', options.source],
  ];
  for (const [name, value] of shortcuts) if (value !== undefined) query[name] = value;
  if (options.expiresWithinDays !== undefined) Object.assign(query, { expiresAtSearchType: 'lt', expiresAtValue: options.expiresWithinDays, expiresAtUom: 'day' });
  return query;
}

function ownerText(token: TokenJson): string {
  if (!token.owner) return 'organization';
  return token.owner.email ? `${token.owner.name} <${token.owner.email}>` : token.owner.name;
}

const COLUMNS: Column<TokenJson>[] = [
  { header: 'ID', value: (t) => t.id },
  { header: 'LABEL', value: (t) => t.label },
  { header: 'KIND', value: (t) => t.ownerKind },
  { header: 'OWNER', value: ownerText },
  { header: 'STATUS', value: (t) => t.status },
  { header: 'EXPIRES', value: (t) => shortTime(t.expiresAt, 'never') },
  { header: 'LAST USED', value: (t) => shortTime(t.lastActiveAt, 'never') },
];

const DETAIL: Column<TokenJson>[] = [
  ...COLUMNS,
  { header: 'SCOPES', value: (t) => t.scopes.join(' ') },
  { header: 'PREFIX', value: (t) => t.displayPrefix },
  { header: 'CREATED', value: (t) => shortTime(t.createdAt) },
  { header: 'CALLS (30 DAYS)', value: (t) => t.callsLast30Days },
  { header: 'LAST ADDRESS', value: (t) => t.lastIp },
  { header: 'SOURCE', value: (t) => ('connectorId' in t.source ? `${t.source.type} (${t.source.connectorId})` : 'tokenward') },
  { header: 'REVOKED', value: (t) => (t.revokedAt ? `${shortTime(t.revokedAt)} ${t.revokedReason ?? ''}`.trim() : '') },
];

/** Walks the pages of the list (1000 a page) until `limit` tokens or the end; `onPage` sees each page. */
async function walk(client: AdminClient, orgId: string, query: ListQuery, limit: number, onPage?: (count: number) => void): Promise<TokenJson[]> {
  const tokens: TokenJson[] = [];
  let cursor: string | undefined;
  do {
    const pageSize = String(Math.min(1000, limit - tokens.length));
    const page = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/tokens', { params: { path: { orgId }, query: { ...query, pageSize, ...(cursor ? { cursor } : {}) } } }));
    tokens.push(...page.data);
    onPage?.(tokens.length);
    cursor = page.links.next ?? undefined;
  } while (cursor && tokens.length < limit);
  return tokens;
}

export async function runTokensList(options: CommonOptions & FilterOptions & { limit: number; all?: boolean; sort?: string }): Promise<void> {
  const { client, orgId } = await connect(options);
  const query: ListQuery = { ...queryOfFilters(options), ...(options.sort ? { sort: options.sort } : {}) };
  const tokens = await walk(client, orgId, query, options.all ? Number.MAX_SAFE_INTEGER : options.limit);
  printRecords(tokens, COLUMNS, options, 'No tokens match.');
}

export async function runTokensShow(tokenId: string, options: CommonOptions): Promise<void> {
  const { client, orgId } = await connect(options);
  const token = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}', { params: { path: { orgId, tokenId } } }));
  printRecord(token, DETAIL, options);
}

/** `tokens export`: the server's CSV, streamed as it comes; with --json, every matching token as one JSON array. */
export async function runTokensExport(options: CommonOptions & FilterOptions & { sort?: string }): Promise<void> {
  const { client, orgId } = await connect(options);
  const query = { ...queryOfFilters(options), ...(options.sort ? { sort: options.sort } : {}) };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(await walk(client, orgId, query, Number.MAX_SAFE_INTEGER), null, 2)}\n`);
    return;
  }
  const result = await client.GET('/admin/tokenward/v1/orgs/{orgId}/tokens/export.csv', { params: { path: { orgId }, query }, parseAs: 'stream' });
  if (!result.response.ok || !result.data) throw errorOfResponse(result.response, await result.response.json().catch(() => undefined));
  for await (const chunk of result.data as unknown as AsyncIterable<Uint8Array>) process.stdout.write(chunk);
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

const REVOKE_BATCH = 500;

/**
 * `tokens revoke <id...>` or `tokens revoke --filter ...`: lists what would go (the dry run stops
 * there), asks at a terminal unless --yes, then revokes in batches of 500 with a progress bar.
 */
export async function runTokensRevoke(ids: string[], options: CommonOptions & FilterOptions & { dryRun?: boolean; yes?: boolean; reason?: string }): Promise<void> {
  const query = queryOfFilters(options);
  const byFilter = Object.keys(query).length > 0;
  if (byFilter === (ids.length > 0)) throw new CliError('name the tokens to revoke either by id or with --filter, not both and not neither.', EXIT.usage);
  const { client, orgId } = await connect(options);
  const tty = Boolean(process.stderr.isTTY) && !options.json;
  let targets: TokenJson[];
  if (byFilter) {
    // Connected systems' tokens are revoked through their connector, not here.
    const bar = tty ? new SingleBar({ format: 'Finding tokens {value} found', stream: process.stderr }, Presets.shades_classic) : null;
    bar?.start(0, 0);
    targets = await walk(client, orgId, { ...query, source: 'tokenward' }, Number.MAX_SAFE_INTEGER, (n) => bar?.update(n));
    bar?.stop();
  } else {
    targets = [];
    for (const tokenId of ids) targets.push(dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/tokens/{tokenId}', { params: { path: { orgId, tokenId } } })));
  }
  const live = targets.filter((t) => t.status !== 'revoked');
  if (options.dryRun) {
    if (options.json) process.stdout.write(`${JSON.stringify({ dryRun: true, count: live.length, tokens: live }, null, 2)}\n`);
    else {
      if (live.length > 0) process.stdout.write(renderPreview(live));
      process.stdout.write(`Dry run: ${live.length} token${live.length === 1 ? '' : 's'} would be revoked; nothing was changed.\n`);
    }
    return;
  }
  if (live.length === 0) {
    process.stdout.write('No tokens to revoke.\n');
    return;
  }
  if (!options.yes) {
    if (!process.stdin.isTTY) throw new CliError(`refusing to revoke ${live.length} tokens without a terminal to confirm at; add --yes.`, EXIT.usage);
    if (!(await confirm(`Revoke ${live.length} token${live.length === 1 ? '' : 's'}? [y/N] `))) throw new CliError('nothing revoked.', EXIT.aborted);
  }
  const bar = tty ? new SingleBar({ format: 'Revoking [{bar}] {value}/{total} tokens', stream: process.stderr }, Presets.shades_classic) : null;
  bar?.start(live.length, 0);
  let revoked = 0;
  let done = 0;
  for (let at = 0; at < live.length; at += REVOKE_BATCH) {
    const tokenIds = live.slice(at, at + REVOKE_BATCH).map((t) => t.id);
    const result = dataOf(await client.POST('/admin/tokenward/v1/orgs/{orgId}/tokens/revoke', { params: { path: { orgId } }, body: { tokenIds, ...(options.reason ? { reason: options.reason } : {}) } }));
    revoked += result.data.revoked.length;
    done += tokenIds.length;
    bar?.update(done);
  }
  bar?.stop();
  if (options.json) process.stdout.write(`${JSON.stringify({ revoked })}\n`);
  else process.stdout.write(`Revoked ${revoked} token${revoked === 1 ? '' : 's'}.\n`);
}

/** The first 20 tokens a revoke would take, then how many more. */
function renderPreview(tokens: TokenJson[]): string {
  const shown = tokens.slice(0, 20).map((t) => `  ${t.id}  ${t.label}  ${ownerText(t)}  ${t.status}`);
  if (tokens.length > 20) shown.push(`  … and ${tokens.length - 20} more`);
  return `${shown.join('\n')}\n`;
}
