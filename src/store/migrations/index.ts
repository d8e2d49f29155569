/** The ordered list of migrations; names sort in the order they run. */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db.js';
import * as initial from './0001_initial.js';
import * as tokenSearch from './0002_token_search.js';
import * as serviceAccounts from './0003_service_accounts.js';
import * as directory from './0004_directory.js';
import * as signIn from './0005_sign_in.js';
import * as scim from './0006_scim.js';
import * as policies from './0007_policies.js';
import * as auditChain from './0008_audit_chain.js';
import * as automation from './0009_automation.js';
import * as usage from './0010_usage.js';
import * as connectors from './0012_connectors.js';
import * as policyClasses from './0013_policy_classes.js';
import * as tokenControls from './0013_token_controls.js';
import * as tokenOwners from './0013_token_owners.js';
import * as gatewayCredentials from './0014_gateway_credentials.js';
import * as externalTokenNotices from './0015_external_token_notices.js';
import * as usageLimits from './0016_usage_limits.js';
import * as githubConnector from './0017_github_connector.js';
import * as gitlabRotations from './0018_gitlab_rotations.js';
import * as instanceOrgs from './0019_instance_orgs.js';
import * as tokenIpAllowlist from './0020_token_ip_allowlist.js';
import * as tokenCounts from './0021_token_counts.js';
import * as idleCounts from './0022_idle_counts.js';
import * as expiryIndexStatus from './0023_expiry_index_status.js';
import * as lastActiveIndexSqlite from './0024_last_active_index_sqlite.js';
import * as idleCellsNeverUsed from './0025_idle_cells_never_used.js';
import * as ownerIndexCovering from './0026_owner_index_covering.js';
import * as revokedRowsOutOfSearchIndex from './0027_revoked_rows_out_of_search_index.js';

type DialectMigration = {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<any>, dialect: DialectName): Promise<void>;
};

const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_initial': initial,
  '0002_token_search': tokenSearch,
  '0003_service_accounts': serviceAccounts,
  '0004_directory': directory,
  '0005_sign_in': signIn,
  '0006_scim': scim,
  '0007_policies': policies,
  '0008_audit_chain': auditChain,
  '0009_automation': automation,
  '0010_usage': usage,
  '0012_connectors': connectors,
  '0013_policy_classes': policyClasses,
  '0013_token_controls': tokenControls,
  '0013_token_owners': tokenOwners,
  '0014_gateway_credentials': gatewayCredentials,
  '0015_external_token_notices': externalTokenNotices,
  '0016_usage_limits': usageLimits,
  '0017_github_connector': githubConnector,
  '0018_gitlab_rotations': gitlabRotations,
  '0019_instance_orgs': instanceOrgs,
  '0020_token_ip_allowlist': tokenIpAllowlist,
  '0021_token_counts': tokenCounts,
  '0022_idle_counts': idleCounts,
  '0023_expiry_index_status': expiryIndexStatus,
  '0024_last_active_index_sqlite': lastActiveIndexSqlite,
  '0025_idle_cells_never_used': idleCellsNeverUsed,
  '0026_owner_index_covering': ownerIndexCovering,
  '0027_revoked_rows_out_of_search_index': revokedRowsOutOfSearchIndex,
};

export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, m]) => [
      name,
      { up: (db: Kysely<any>) => m.up(db, dialect), down: m.down ? (db: Kysely<any>) => m.down!(db, dialect) : undefined },
    ]),
  );
}
