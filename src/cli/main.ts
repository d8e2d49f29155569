#!/usr/bin/env node
/**
 * `tokenward` command line. Each command reads the configuration from the environment (the same
 * variables as the server), calls services, and prints for humans. A command's module is imported
 * only when that command runs: loading the whole server for `version` or `--help` would cost seconds.
 */
import { Command, InvalidArgumentError } from 'commander';
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
  .showHelpAfterError();

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
const remote = (command: Command) =>
  command
    .option('--url <url>', "the server's address (default: TOKENWARD_URL, else http://127.0.0.1:8080)")
    .option('--key <key>', 'the instance key (default: TOKENWARD_INSTANCE_KEY, else TOKENWARD_KEY)')
    .option('--json', 'print JSON instead of text');
remote(orgs.command('list').description('every organization on the server, with its status')).action(async (options: OrgsOptions) => (await import('./orgs.js')).runOrgsList(options));
remote(
  orgs
    .command('create <name>')
    .description("create an organization; prints its first admin API key and its owner's one-time setup link, once")
    .requiredOption('--owner-email <email>', "the organization's first owner")
    .option('--owner-name <name>', "the owner's name"),
).action(async (name: string, options: OrgsOptions & { ownerEmail: string; ownerName?: string }) => (await import('./orgs.js')).runOrgsCreate(name, options));
remote(orgs.command('disable <idOrName>').description("disable an organization: its keys, sessions and tokens stop working; its data is kept")).action(
  async (idOrName: string, options: OrgsOptions) => (await import('./orgs.js')).runOrgsSetDisabled(idOrName, true, options),
);
remote(orgs.command('enable <idOrName>').description('enable a disabled organization again')).action(
  async (idOrName: string, options: OrgsOptions) => (await import('./orgs.js')).runOrgsSetDisabled(idOrName, false, options),
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

const connectors = program.command('connectors').description('connected systems whose tokens Tokenward governs');
connectors
  .command('list')
  .description('each connector with its last sync')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--json', 'print JSON instead of text')
  .action(async (options: { org?: string; json?: boolean }) => (await import('./connectors.js')).runConnectorsList(options));
connectors
  .command('sync')
  .description('sync a connector now and wait for it (exit 1 unless it succeeds)')
  .argument('<connectorId>', 'the connector id, as `tokenward connectors list` shows it')
  .option('--org <idOrName>', 'organization id or name; default: the only one')
  .option('--json', 'print one JSON object instead of text')
  .action(async (id: string, options: { org?: string; json?: boolean }) => (await import('./connectors.js')).runConnectorsSync(id, options));

program.parseAsync(process.argv).catch(exitWithError);
