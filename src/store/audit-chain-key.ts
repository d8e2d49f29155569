/**
 * How the audit chain key reaches the audit store without changing how stores are made: the
 * composition root opens the database with the pepper (`openDatabase({ pepper })`), which puts the derived key
 * on the Kysely instance as a no-op plugin; every transaction and store made from that instance
 * carries it, so `createStores(trx).audit.append(entry)` keeps working everywhere, unchanged.
 * A handle opened without the key (tests that count queries) writes unsealed rows, which
 * `tokenward audit verify` reports: nothing unsealed passes as sealed.
 */
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { AuditChainKey } from '../domain/audit-chain.js';

export class AuditChainKeyPlugin implements KyselyPlugin {
  constructor(
    readonly key: AuditChainKey,
    /** The pepper's fingerprint, so migration 0008 can refuse to chain old rows under a wrong pepper. */
    readonly pepperFingerprint: string,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function chainKeyPluginOf(db: Kysely<any>): AuditChainKeyPlugin | null {
  const plugin = db.getExecutor().plugins.find((p) => p instanceof AuditChainKeyPlugin);
  return (plugin as AuditChainKeyPlugin | undefined) ?? null;
}

export function chainKeyOf(db: Kysely<any>): AuditChainKey | null {
  return chainKeyPluginOf(db)?.key ?? null;
}
