/**
 * `tokenward orgs create|list|disable|enable`: the instance administrator's commands, against a
 * running server's instance routes with the instance key (`--key`, TOKENWARD_INSTANCE_KEY or
 * TOKENWARD_KEY). `tokenward instance-key create` is the local fallback: it issues a new instance
 * key on the server's own database, for when the key is lost.
 */
import { connectAdminApi, RemoteError, type AdminApi, type RemoteOptions } from './admin-api.js';
import { configOrExit } from './output.js';
import { generateToken } from '../domain/token-format.js';

const INSTANCE = '/admin/tokenward/v1/instance';

interface OrgJson {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
}

interface CreatedOrg {
  data: OrgJson;
  owner: { id: string; email: string };
  adminKey: { id: string; secret: string };
  ownerSetupLink: { url: string; expiresAt: string };
}

export interface OrgsOptions extends RemoteOptions {
  json?: boolean | undefined;
}

function api(options: RemoteOptions): AdminApi {
  return connectAdminApi(options, process.env, ['TOKENWARD_INSTANCE_KEY']);
}

function fail(error: unknown): never {
  if (error instanceof RemoteError) {
    process.stderr.write(`tokenward: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** An org by id, or by its name (names are unique on a server). */
async function resolveOrg(client: AdminApi, idOrName: string): Promise<OrgJson> {
  const { data } = await client.request<{ data: OrgJson[] }>('GET', `${INSTANCE}/orgs`);
  const org = data.find((o) => o.id === idOrName) ?? data.find((o) => o.name === idOrName);
  if (!org) throw new RemoteError(`ORG_NOT_FOUND: no organization has the id or name "${idOrName}".`);
  return org;
}

function table(orgs: readonly OrgJson[]): string {
  const rows = [['ID', 'NAME', 'STATUS', 'CREATED'], ...orgs.map((o) => [o.id, o.name, o.status, o.createdAt])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

export async function runOrgsList(options: OrgsOptions): Promise<void> {
  try {
    const { data } = await api(options).request<{ data: OrgJson[] }>('GET', `${INSTANCE}/orgs`);
    process.stdout.write(options.json ? `${JSON.stringify(data, null, 2)}\n` : table(data));
  } catch (error) {
    fail(error);
  }
}

export async function runOrgsCreate(name: string, options: OrgsOptions & { ownerEmail: string; ownerName?: string | undefined }): Promise<void> {
  try {
    const created = await api(options).request<CreatedOrg>('POST', `${INSTANCE}/orgs`, { name, ownerEmail: options.ownerEmail, ...(options.ownerName ? { ownerName: options.ownerName } : {}) });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      [
        `Created the organization "${created.data.name}" (id ${created.data.id}) and its owner ${created.owner.email}.`,
        '',
        'Its admin API key (every admin scope; shown ONLY NOW: hand it to the organization\'s admins):',
        `  ${created.adminKey.secret}`,
        '',
        `Owner ${created.owner.email}: set a password and sign in with this one-time link (until ${created.ownerSetupLink.expiresAt}):`,
        `  ${created.ownerSetupLink.url}`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    fail(error);
  }
}

export async function runOrgsSetDisabled(idOrName: string, isDisabled: boolean, options: OrgsOptions): Promise<void> {
  try {
    const client = api(options);
    const org = await resolveOrg(client, idOrName);
    const { data } = await client.request<{ data: OrgJson }>('POST', `${INSTANCE}/orgs/${encodeURIComponent(org.id)}/${isDisabled ? 'disable' : 'enable'}`);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      isDisabled
        ? `Disabled the organization "${data.name}" (${data.id}): its keys, sessions and tokens stop working; its data is kept.\n`
        : `Enabled the organization "${data.name}" (${data.id}): its keys, sessions and tokens work again.\n`,
    );
  } catch (error) {
    fail(error);
  }
}

/** Local: a new instance key on this server's database (the lost-key path). */
export async function runInstanceKeyCreate(options: { label: string }): Promise<void> {
  const config = configOrExit();
  const { createCore } = await import('../app.js');
  const core = await createCore({ config });
  try {
    const issued = await core.services.instance.issueKeyLocally(options.label);
    process.stdout.write(
      [
        `Created instance key ${issued.key.id} ("${issued.key.label}").`,
        'The key, shown only this once (it creates, lists and disables organizations):',
        `  ${issued.secret}`,
        '',
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}

export function runInstanceKeyGenerate(): void {
  process.stdout.write(`${generateToken('instance').secret}\n`);
}
