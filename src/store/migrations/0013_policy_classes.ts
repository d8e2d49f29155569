/**
 * Creation mode per scope class, and approvers per group. Frozen once shipped.
 *
 * - Every stored policy rule gets `creationByClass`, each class set to the rule's one creation
 *   mode: the same decision for every request as before (the strictest class of a request whose
 *   classes all share one mode is that mode). A rule that already names modes per class is kept.
 * - `group_approvers`: the people who decide their group's token requests (team leads); a request
 *   from someone in no group that has approvers goes to the org's approvers.
 */
import type { Kysely } from 'kysely';

/** The classes the catalogue knew when this migration shipped. */
const CLASSES_AT_MIGRATION = ['read', 'write', 'delete', 'admin'] as const;

/** A stored rule (JSON) with a creation mode per class; unchanged when it has them. Exported for the property test. */
export function withCreationByClass(ruleJson: string): string {
  const rule = JSON.parse(ruleJson) as { tokenCreation: string; creationByClass?: Record<string, string> };
  if (rule.creationByClass) return ruleJson;
  const creationByClass = Object.fromEntries(CLASSES_AT_MIGRATION.map((scopeClass) => [scopeClass, rule.tokenCreation]));
  return JSON.stringify({ ...rule, creationByClass });
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = (await db.selectFrom('policies').select(['id', 'rule']).execute()) as Array<{ id: string; rule: string }>;
  for (const row of rows) {
    const rule = withCreationByClass(row.rule);
    if (rule !== row.rule) await db.updateTable('policies').set({ rule }).where('id', '=', row.id).execute();
  }

  await db.schema
    .createTable('group_approvers')
    .addColumn('group_id', 'varchar(64)', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_approvers_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_approvers_user_idx').on('group_approvers').columns(['org_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('group_approvers').execute();
}
