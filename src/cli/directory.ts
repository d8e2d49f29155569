/**
 * `tokenward users | groups | service-accounts | approvals | connectors` against a running server:
 * lists and single records through the admin API, token requests decided, connectors synced.
 */
import type { paths } from './api-types.js';
import { printRecord, printRecords, shortTime, type Column, type FormatOptions } from './format.js';
import { CliError, connect, dataOf, EXIT, type ConnectionOptions } from './remote.js';

type Options = ConnectionOptions & FormatOptions & { limit?: number };
type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

type UserJson = Json<'/admin/tokenward/v1/orgs/{orgId}/users/{userId}', 'get'>;
type GroupJson = Json<'/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}', 'get'>;
type AccountJson = Json<'/admin/api-access/v1/orgs/{orgId}/service-accounts', 'get'>['items'][number];
type RequestJson = Json<'/admin/tokenward/v1/orgs/{orgId}/token-requests', 'get'>['data'][number];
type UserQuery = NonNullable<paths['/admin/tokenward/v1/orgs/{orgId}/users']['get']['parameters']['query']>;
type RequestStatus = NonNullable<NonNullable<paths['/admin/tokenward/v1/orgs/{orgId}/token-requests']['get']['parameters']['query']>['status']>;
type ConnectorJson = Json<'/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}', 'get'>;

/** Follows `links.next` until `limit` records or the end. */
async function pages<T>(limit: number, fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor && all.length < limit);
  return all.slice(0, limit);
}

const USER_COLUMNS: Column<UserJson>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'NAME', value: (u) => u.name },
  { header: 'E-MAIL', value: (u) => u.email },
  { header: 'ROLE', value: (u) => u.role },
  { header: 'STATUS', value: (u) => u.status },
];

export async function runUsersList(options: Options & { q?: string; status?: string }): Promise<void> {
  const { client, orgId } = await connect(options);
  const filters: UserQuery = { ...(options.q ? { q: options.q } : {}), ...(options.status ? { status: options.status as UserQuery['status'] } : {}) };
  const users = await pages(options.limit ?? 1000, async (cursor) => {
    const page = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/users', { params: { path: { orgId }, query: { ...filters, pageSize: 100, ...(cursor ? { cursor } : {}) } } }));
    return { items: page.data, next: page.links.next };
  });
  printRecords(users, USER_COLUMNS, options, 'No users.');
}

export async function runUsersShow(userId: string, options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const user = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/users/{userId}', { params: { path: { orgId, userId } } }));
  printRecord(user, [...USER_COLUMNS, { header: 'CREATED', value: (u) => shortTime(u.createdAt) }], options);
}

const GROUP_COLUMNS: Column<Omit<GroupJson, 'memberIds'>>[] = [
  { header: 'ID', value: (g) => g.id },
  { header: 'NAME', value: (g) => g.name },
  { header: 'MEMBERS', value: (g) => g.memberCount },
  { header: 'CREATED', value: (g) => shortTime(g.createdAt) },
];

export async function runGroupsList(options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const groups = await pages(options.limit ?? 1000, async (cursor) => {
    const page = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/groups', { params: { path: { orgId }, query: { pageSize: 100, ...(cursor ? { cursor } : {}) } } }));
    return { items: page.data, next: page.links.next };
  });
  printRecords(groups, GROUP_COLUMNS, options, 'No groups.');
}

export async function runGroupsShow(groupId: string, options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const group = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/groups/{groupId}', { params: { path: { orgId, groupId } } }));
  printRecord(group, [...GROUP_COLUMNS, { header: 'MEMBER IDS', value: (g) => g.memberIds.join(' ') }], options);
}

const ACCOUNT_COLUMNS: Column<AccountJson>[] = [
  { header: 'ID', value: (a) => a.id },
  { header: 'NAME', value: (a) => a.displayName },
  { header: 'E-MAIL', value: (a) => a.email },
  { header: 'STATUS', value: (a) => a.status },
  { header: 'UPDATED', value: (a) => shortTime(new Date(a.updatedAt).toISOString()) },
];

async function listAccounts(options: Options): Promise<AccountJson[]> {
  const { client, orgId } = await connect(options);
  return pages(options.limit ?? 100_000, async (cursor) => {
    const page = dataOf(await client.GET('/admin/api-access/v1/orgs/{orgId}/service-accounts', { params: { path: { orgId }, query: { pageSize: 100, ...(cursor ? { cursor } : {}) } } }));
    return { items: page.items, next: page.links.next };
  });
}

export async function runServiceAccountsList(options: Options): Promise<void> {
  printRecords(await listAccounts(options), ACCOUNT_COLUMNS, options, 'No service accounts.');
}

/** By id, name or e-mail (the API has no single-account read: the list is walked). */
export async function runServiceAccountsShow(ref: string, options: Options): Promise<void> {
  const found = (await listAccounts({ ...options, limit: undefined })).filter((a) => a.id === ref || a.email === ref || a.displayName === ref);
  if (found.length === 0) throw new CliError(`not found: no service account "${ref}".`, EXIT.notFound);
  if (found.length > 1) throw new CliError(`${found.length} service accounts are "${ref}"; give the id or e-mail.`, EXIT.usage);
  printRecord(found[0]!, [...ACCOUNT_COLUMNS, { header: 'DESCRIPTION', value: (a) => a.description }], options);
}

const REQUEST_COLUMNS: Column<RequestJson>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'REQUESTER', value: (r) => r.requesterId },
  { header: 'LABEL', value: (r) => r.label },
  { header: 'SCOPES', value: (r) => r.scopes.join(' ') },
  { header: 'DAYS', value: (r) => r.lifetimeDays },
  { header: 'STATUS', value: (r) => r.status },
  { header: 'ASKED', value: (r) => shortTime(r.createdAt) },
];

export async function runApprovalsList(options: Options & { status: RequestStatus }): Promise<void> {
  const { client, orgId } = await connect(options);
  const requests = await pages(options.limit ?? 1000, async (cursor) => {
    const page = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/token-requests', { params: { path: { orgId }, query: { status: options.status, pageSize: 100, ...(cursor ? { cursor } : {}) } } }));
    return { items: page.data, next: page.links.next };
  });
  printRecords(requests, REQUEST_COLUMNS, options, `No ${options.status} requests.`);
}

export async function runApprovalsDecide(decision: 'approve' | 'deny', requestId: string, options: Options & { reason?: string }): Promise<void> {
  const { client, orgId } = await connect(options);
  const params = { path: { orgId, requestId } };
  const request =
    decision === 'approve'
      ? dataOf(await client.POST('/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/approve', { params, body: options.reason ? { reason: options.reason } : {} }))
      : dataOf(await client.POST('/admin/tokenward/v1/orgs/{orgId}/token-requests/{requestId}/deny', { params, body: { reason: options.reason ?? '' } }));
  if (options.json) process.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
  else process.stdout.write(`Request ${request.id} (${request.label}): ${request.status}${request.tokenId ? `, token ${request.tokenId}` : ''}.\n`);
}

type SyncRun = ConnectorJson['lastSync'];

function describeRun(run: SyncRun): string {
  if (!run) return 'never synced';
  const { seen, discovered, updated, gone } = run.counts;
  return `${run.state} ${shortTime(run.finishedAt ?? run.startedAt ?? run.createdAt)} (${seen} read, ${discovered} new, ${updated} changed, ${gone} gone)${run.error ? `: ${run.error}` : ''}`;
}

const CONNECTOR_COLUMNS: Column<ConnectorJson>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'TYPE', value: (c) => c.type },
  { header: 'NAME', value: (c) => c.name },
  { header: 'EVERY', value: (c) => `${c.scheduleMinutes} min` },
  { header: 'LAST SYNC', value: (c) => describeRun(c.lastSync) },
];

export async function runRemoteConnectorsList(options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const connectors = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/connectors', { params: { path: { orgId } } })).data;
  printRecords(connectors, CONNECTOR_COLUMNS, options, 'No connectors yet.');
}

/** Starts a sync and follows it to its end; exit 1 unless it succeeded. */
export async function runRemoteConnectorsSync(connectorId: string, options: Options): Promise<void> {
  const { client, orgId } = await connect(options);
  const params = { path: { orgId, connectorId } };
  let run: NonNullable<SyncRun> = dataOf(await client.POST('/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}/sync', { params }));
  while (run.state === 'queued' || run.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const last = dataOf(await client.GET('/admin/tokenward/v1/orgs/{orgId}/connectors/{connectorId}', { params })).lastSync;
    if (last && last.id === run.id) run = last;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(run)}\n`);
  else process.stdout.write(`Sync ${run.id}: ${describeRun(run)}.\n`);
  if (run.state !== 'succeeded') process.exitCode = EXIT.failed;
}
