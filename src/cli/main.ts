#!/usr/bin/env node
/**
 * `tokenward` command line. Each command reads the configuration from the environment (the same
 * variables as the server), calls services, and prints for humans. A command's module is imported
 * only when that command runs: loading the whole server for `version` or `--help` would cost seconds.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { VERSION } from '../version.js';
import type { ImportOpenApiOptions } from './gateway-import.js';
import type { OrgsOptions } from './orgs.js';
import { exitWithError } from './output.js';

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a positive whole number.');
  return Number(value);
}

/** Admin keys last at most one year, as Atlassian's do. */
function adminKeyDays(value: string): number {
  const days = positiveInt(value);
  if (days > 365) throw new InvalidArgumentError('must be from 1 to 365 days.');
  return days;
}

const program = new Command()
  .name('tokenward')
  .description('Self-hosted API-token governance server.')
  .version(VERSION, '-V, --version', 'print the version')
  .option('--url <url>', 'the server to manage (or TOKENWARD_URL, or a profile)')
  .option('--key <key>', 'an admin API key of the server (or TOKENWARD_KEY, or a profile)')
  .option('--profile <name>', 'a saved server and key (tokenward profiles set); or TOKENWARD_PROFILE')
  .showHelpAfterError()
  // Usage mistakes exit 2, as the remote commands' documented codes say; set before any subcommand so they inherit it.
  .exitOverride();

program.command('serve').description('run the server (migrates and bootstraps on first start)').action(async () => (await import('./serve.js')).runServe());

const gateway = program
  .command('gateway')
  .description('run the gateway: a reverse proxy that lets calls through to an API only with a Tokenward token holding the route\'s scopes')
  // Not requiredOption: commander would then ask for it before the import-openapi subcommand too.
  .option('--config <file>', 'the gateway file (YAML)')
  .action(async (options: { config?: string }) => {
    if (options.config === undefined) return gateway.error("error: required option '--config <file>' not specified");
    return (await import('./gateway.js')).runGateway({ config: options.config });
  });
gateway
  .command('import-openapi <file>')
  .description("write a gateway file whose routes come from an upstream's OpenAPI 3 document (JSON or YAML); with the previous file, print what changed")
  .option('--upstream <url>', "the upstream's base URL (default: the document's first server URL)")
  .option('--base-path <path>', 'put before every operation path, e.g. /wiki')
  .option('--default-scopes <scopes>', 'scopes (comma-separated) for operations that name none; without it they are left out')
  .option('-o, --output <file>', 'write the gateway file there (default: standard output); if it exists, it is the previous file')
  .option('--previous <file>', 'the previous gateway file: keep its other sections, print added, removed and changed routes')
  .option('--credential-env <name>', "environment variable that will hold the upstream's credential", 'UPSTREAM_AUTH')
  .option('--tokenward-url <url>', 'the Tokenward server the gateway verifies with', 'http://127.0.0.1:8080')
  .option('--verifier-key-env <name>', 'environment variable that will hold the verifier key', 'TOKENWARD_VERIFIER_KEY')
  .action(async (file: string, options: ImportOpenApiOptions) => (await import('./gateway-import.js')).runGatewayImport(file, options));

program.command('migrate').description('bring the database schema up to date, then exit').action(async () => (await import('./migrate.js')).runMigrate());

program
  .command('version')
  .description('print the version')
  .action(() => {
    process.stdout.write(`${VERSION}\n`);
  });

const adminKey = program.command('admin-key').description('organization admin API keys');
adminKey
  .command('create')
  .description('issue a new org admin API key (recovery when the bootstrap key is lost); prints the key once')
  .requiredOption('--org <idOrName>', 'organization id, or its name')
  .option('--scopes <list>', 'comma-separated admin scopes; default: every admin scope')
  .option('--label <label>', 'a label to recognise the key by', 'recovery admin key')
  .option('--expires-in-days <days>', 'lifetime in days (1-365)', adminKeyDays, 90)
  .action(async (options: { org: string; scopes?: string; label: string; expiresInDays: number }) => (await import('./admin-key.js')).runAdminKeyCreate(options));
adminKey
  .command('generate')
  .description('print a fresh, well-formed admin key secret without touching any database (for TOKENWARD_BOOTSTRAP_ADMIN_KEY)')
  .action(async () => (await import('./admin-key.js')).runAdminKeyGenerate());

const orgs = program.command('orgs').description("the instance administrator's organizations, on a running server (--url, --key: the instance key)");
// --url and --key are the program's own options (the instance key here: else TOKENWARD_INSTANCE_KEY, then TOKENWARD_KEY).
const remote = (command: Command) => command.option('--json', 'print JSON instead of text');
remote(orgs.command('list').description('every organization on the server, with its status')).action(async (...args: unknown[]) =>
  (await import('./orgs.js')).runOrgsList(allOptions<OrgsOptions>(args)),
);
remote(
  orgs
    .command('create <name>')
    .description("create an organization; prints its first admin API key and its owner's one-time setup link, once")
    .requiredOption('--owner-email <email>', "the organization's first owner")
    .option('--owner-name <name>', "the owner's name"),
).action(async (name: string, ...args: unknown[]) => (await import('./orgs.js')).runOrgsCreate(name, allOptions<OrgsOptions & { ownerEmail: string; ownerName?: string }>(args)));
remote(orgs.command('disable <idOrName>').description("disable an organization: its keys, sessions and tokens stop working; its data is kept")).action(
  async (idOrName: string, ...args: unknown[]) => (await import('./orgs.js')).runOrgsSetDisabled(idOrName, true, allOptions<OrgsOptions>(args)),
);
remote(orgs.command('enable <idOrName>').description('enable a disabled organization again')).action(
  async (idOrName: string, ...args: unknown[]) => (await import('./orgs.js')).runOrgsSetDisabled(idOrName, false, allOptions<OrgsOptions>(args)),
);

const instanceKey = program.command('instance-key').description("the instance administrator's keys");
instanceKey
  .command('create')
  .description("issue a new instance key on this server's own database (when the key printed at install is lost); prints it once")
  .option('--label <label>', 'a label to recognise the key by', 'recovery instance key')
  .action(async (options: { label: string }) => (await import('./orgs.js')).runInstanceKeyCreate(options));
instanceKey
  .command('generate')
  .description('print a fresh, well-formed instance key secret without touching any database (for TOKENWARD_BOOTSTRAP_INSTANCE_KEY)')
  .action(async () => (await import('./orgs.js')).runInstanceKeyGenerate());

program
  .command('owner-link')
  .description("print a new one-time link (valid 24 hours) with which the org's owner sets a password and signs in; older unused ones stop working")
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .action(async (options: { org?: string }) => (await import('./owner-link.js')).runOwnerLink(options));
const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description("walk the audit log's hash chain; exit 0 when intact, 1 naming the first bad entry")
  .action(async () => (await import('./audit.js')).runAuditVerify());
audit
  .command('purge')
  .description("remove entries older than each organization's audit retention now (what the retention job does)")
  .option('--org <idOrName>', 'only this organization')
  .action(async (options: { org?: string }) => (await import('./audit.js')).runAuditPurge(options));

const jobs = program.command('jobs').description('the automation jobs');
jobs
  .command('list')
  .description('each job with its schedule and last run')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .action(async (options: { org?: string }) => (await import('./jobs.js')).runJobsList(options));
jobs
  .command('run')
  .description('run a job now (exit 1 unless it succeeds), or with --dry-run list what it would do without doing it')
  .argument('<job>', 'the job name, as `tokenward jobs list` shows it')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--dry-run', 'list the actions only; change nothing')
  .option('--json', 'print one JSON object instead of text')
  .action(async (name: string, options: { org?: string; dryRun?: boolean; json?: boolean }) => (await import('./jobs.js')).runJobsRun(name, options));
jobs
  .command('runs')
  .description("a job's latest runs, newest first")
  .argument('<job>', 'the job name')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--limit <n>', 'how many runs', positiveInt, 20)
  .action(async (name: string, options: { org?: string; limit: number }) => (await import('./jobs.js')).runJobsRuns(name, options));

const connectors = program.command('connectors').description('connected systems whose tokens Tokenward governs (through the server when one is named, else the local database)');
connectors
  .command('list')
  .description('each connector with its last sync')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--json', 'print JSON instead of text')
  .action(async (...args: unknown[]) => {
    const options = allOptions<{ org?: string; json?: boolean; url?: string; key?: string; profile?: string }>(args);
    if ((await import('./remote.js')).resolveConnection(options)) return (await import('./directory.js')).runRemoteConnectorsList(options);
    return (await import('./connectors.js')).runConnectorsList(options);
  });
connectors
  .command('sync')
  .description('sync a connector now and wait for it (exit 1 unless it succeeds)')
  .argument('<connectorId>', 'the connector id, as `tokenward connectors list` shows it')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--json', 'print one JSON object instead of text')
  .action(async (id: string, ...args: unknown[]) => {
    const options = allOptions<{ org?: string; json?: boolean; url?: string; key?: string; profile?: string }>(args);
    if ((await import('./remote.js')).resolveConnection(options)) return (await import('./directory.js')).runRemoteConnectorsSync(id, options);
    return (await import('./connectors.js')).runConnectorsSync(id, options);
  });

// Commands that manage a running server through its admin API (docs/reference/cli.md).

/** The options of a command with the program's (--url, --key, --profile). */
function allOptions<T extends object>(args: unknown[]): T {
  return (args[args.length - 1] as Command).optsWithGlobals() as T;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const filterOptions = (command: Command) =>
  command
    .option('--filter <name=value>', 'an inventory filter, e.g. idleDays=90 or expiresAtSearchType=lt (repeat for several)', collect)
    .option('--status <list>', 'active, suspended, expired, revoked (comma-separated)')
    .option('--owner-kind <list>', 'user, service-account, admin-key (comma-separated)')
    .option('--scope <scope>', 'holding this scope')
    .option('--owner <id>', 'of this user or service account')
    .option('--idle-days <n>', 'not used in the last n days')
    .option('--never-used', 'never used')
    .option('--source <source>', 'tokenward, atlassian, github, gitlab, or a connector id')
    .option('--expires-within-days <n>', 'expiring in less than n days');
const formatOptions = (command: Command) => command.option('--json', 'print JSON').option('--csv', 'print CSV');
const orgOption = (command: Command) => command.option('--org <idOrName>', 'the organization, when the key manages several');

program
  .command('profiles')
  .description('saved servers and keys, in a file only you can read')
  .addCommand(
    new Command('set')
      .description('save (or replace) a profile; the first one saved is the default')
      .argument('<name>')
      .requiredOption('--server <url>', "the server's URL")
      .option('--admin-key <key>', 'the admin API key (default: TOKENWARD_KEY)')
      .option('--default', 'use this profile when none is named')
      .action(async (name: string, options: { server: string; adminKey?: string; default?: boolean }) => (await import('./profiles-command.js')).runProfilesSet(name, options)),
  )
  .addCommand(new Command('list').description('the saved profiles (never their keys)').action(async () => (await import('./profiles-command.js')).runProfilesList()));

const tokens = program.command('tokens').description("every token of the organization, through the server's admin API");
for (const name of ['list', 'search'] as const) {
  const command = tokens.command(name === 'list' ? 'list' : 'search <text>').description(name === 'list' ? 'tokens matching the filters (newest first)' : 'tokens whose label, owner name or owner e-mail contains the text');
  formatOptions(orgOption(filterOptions(command)))
    .option('--sort <field>', '[+|-]createdAt, lastActiveAt, expiresAt or label')
    .option('--limit <n>', 'at most n tokens', positiveInt, 100)
    .option('--all', 'every matching token')
    .action(async (...args: unknown[]) => {
      const options = allOptions<Parameters<typeof import('./tokens.js').runTokensList>[0]>(args);
      return (await import('./tokens.js')).runTokensList(name === 'search' ? { ...options, q: args[0] as string } : options);
    });
}
formatOptions(orgOption(tokens.command('show <tokenId>').description('one token with its owner, scopes, use and source'))).action(async (id: string, ...args: unknown[]) =>
  (await import('./tokens.js')).runTokensShow(id, allOptions(args)),
);
orgOption(filterOptions(tokens.command('export').description('every matching token as CSV (default) or, with --json, JSON')))
  .option('--json', 'a JSON array instead of CSV')
  .option('--sort <field>', '[+|-]createdAt, lastActiveAt, expiresAt or label')
  .action(async (...args: unknown[]) => (await import('./tokens.js')).runTokensExport(allOptions(args)));
orgOption(filterOptions(tokens.command('revoke [tokenIds...]').description('revoke tokens named by id, or every token matching --filter and the other filters')))
  .option('--dry-run', 'list what would be revoked; change nothing')
  .option('--yes', 'do not ask (needed without a terminal)')
  .option('--reason <text>', 'recorded on each token and in the audit log')
  .option('--json', 'print JSON')
  .action(async (ids: string[], ...args: unknown[]) => (await import('./tokens.js')).runTokensRevoke(ids, allOptions(args)));

// Rotation of a connected system's token (GitLab) goes through the server: the recipient opens the link there.
formatOptions(orgOption(connectors.command('rotate <connectorId> <tokenId>').description("rotate a connected token (GitLab): prints a one-time link for its recipient; nothing changes upstream until it is opened")))
  .option('--expires-in-days <n>', 'lifetime of the new token, 1-365 (default 30)', positiveInt)
  .option('--recipient <userId>', 'who receives the link, when the owner is not a person of the directory (group and project tokens)')
  .action(async (connectorId: string, tokenId: string, ...args: unknown[]) => (await import('./connector-rotations.js')).runConnectorsRotate(connectorId, tokenId, allOptions(args)));
formatOptions(orgOption(connectors.command('rotation <connectorId> <rotationId>').description('where a rotation stands and what the connected system answered'))).action(
  async (connectorId: string, rotationId: string, ...args: unknown[]) => (await import('./connector-rotations.js')).runConnectorsRotation(connectorId, rotationId, allOptions(args)),
);
formatOptions(orgOption(connectors.command('resolve-rotation <connectorId> <rotationId>').description('settle a rotation of unknown outcome by reading the token upstream (never rotates)'))).action(
  async (connectorId: string, rotationId: string, ...args: unknown[]) => (await import('./connector-rotations.js')).runConnectorsResolveRotation(connectorId, rotationId, allOptions(args)),
);

const users = program.command('users').description('people of the organization');
formatOptions(orgOption(users.command('list').description('people, oldest first')))
  .option('--q <text>', 'name or e-mail contains')
  .option('--status <status>', 'active or deactivated')
  .action(async (...args: unknown[]) => (await import('./directory.js')).runUsersList(allOptions(args)));
formatOptions(orgOption(users.command('show <userId>').description('one person'))).action(async (id: string, ...args: unknown[]) => (await import('./directory.js')).runUsersShow(id, allOptions(args)));

const groups = program.command('groups').description('groups of the organization');
formatOptions(orgOption(groups.command('list').description('groups with their member counts'))).action(async (...args: unknown[]) => (await import('./directory.js')).runGroupsList(allOptions(args)));
formatOptions(orgOption(groups.command('show <groupId>').description('one group with its members'))).action(async (id: string, ...args: unknown[]) => (await import('./directory.js')).runGroupsShow(id, allOptions(args)));

const accounts = program.command('service-accounts').description('service accounts of the organization');
formatOptions(orgOption(accounts.command('list').description('service accounts'))).action(async (...args: unknown[]) => (await import('./directory.js')).runServiceAccountsList(allOptions(args)));
formatOptions(orgOption(accounts.command('show <idNameOrEmail>').description('one service account'))).action(async (ref: string, ...args: unknown[]) =>
  (await import('./directory.js')).runServiceAccountsShow(ref, allOptions(args)),
);

const approvals = program.command('approvals').description('token requests waiting for an admin');
formatOptions(orgOption(approvals.command('list').description('requests, pending ones by default')))
  .option('--status <status>', 'pending, approved, denied or cancelled', 'pending')
  .action(async (...args: unknown[]) => (await import('./directory.js')).runApprovalsList(allOptions(args)));
for (const decision of ['approve', 'deny'] as const) {
  const command = orgOption(approvals.command(`${decision} <requestId>`).description(decision === 'approve' ? 'approve a request: the token is issued to the requester' : 'deny a request (a reason is required)'));
  (decision === 'deny' ? command.requiredOption('--reason <text>', 'told to the requester') : command.option('--reason <text>', 'told to the requester'))
    .option('--json', 'print JSON')
    .action(async (id: string, ...args: unknown[]) => (await import('./directory.js')).runApprovalsDecide(decision, id, allOptions(args)));
}

const policies = program.command('policies').description("the organization's authentication policies as a file kept in git");
orgOption(policies.command('export').description('print every policy as a policy file (YAML)')).action(async (...args: unknown[]) => (await import('./policies.js')).runPoliciesExport(allOptions(args)));
orgOption(policies.command('plan').description("what applying the file would change, by policy name, and which existing tokens each change breaks"))
  .requiredOption('-f, --file <file>', 'the policy file (- for standard input)')
  .option('--json', 'print JSON')
  .action(async (...args: unknown[]) => (await import('./policies.js')).runPoliciesPlan(allOptions(args)));
orgOption(policies.command('apply').description('show the plan, then make the policies those of the file, all in one transaction'))
  .requiredOption('-f, --file <file>', 'the policy file (- for standard input)')
  .option('--existing-tokens <mode>', 'what to do with existing tokens a change breaks: leave, clamp or revoke', (value: string) => {
    if (!['leave', 'clamp', 'revoke'].includes(value)) throw new InvalidArgumentError('must be leave, clamp or revoke.');
    return value;
  }, 'leave')
  .option('--yes', 'do not ask (needed without a terminal)')
  .option('--json', 'print JSON')
  .action(async (...args: unknown[]) => (await import('./policies.js')).runPoliciesApply(allOptions(args)));

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  exitWithError(error);
});
