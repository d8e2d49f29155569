/** The org's scope catalogue. */
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { ScopeClass, ScopeDefinition } from '../domain/scope-catalogue.js';
import { isUniqueViolation } from './db-errors.js';
import type { Database } from './schema.js';

export function createScopeStore(db: Kysely<Database>) {
  return {
    /** Built-in scopes first, then custom ones, each by name. */
    async list(orgId: string): Promise<ScopeDefinition[]> {
      const rows = await db.selectFrom('scope_catalogue').selectAll().where('org_id', '=', orgId).orderBy('is_builtin', 'desc').orderBy('name').execute();
      return rows.map((row) => ({ name: row.name, description: row.description, scopeClass: row.scope_class as ScopeClass, isBuiltin: row.is_builtin === 1 }));
    },

    /** Inserts the scopes the org lacks; existing names are left as they are (safe to repeat). */
    async insertMissing(orgId: string, scopes: readonly ScopeDefinition[], at: Date): Promise<void> {
      if (scopes.length === 0) return;
      await db
        .insertInto('scope_catalogue')
        .values(scopes.map((s) => ({ org_id: orgId, name: s.name, description: s.description, scope_class: s.scopeClass, is_builtin: s.isBuiltin ? 1 : 0, created_at: at.getTime() })))
        .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
        .execute();
    },

    /** CONFLICT when the name exists in the org. */
    async insert(orgId: string, scope: ScopeDefinition, at: Date): Promise<void> {
      try {
        await db
          .insertInto('scope_catalogue')
          .values({ org_id: orgId, name: scope.name, description: scope.description, scope_class: scope.scopeClass, is_builtin: scope.isBuiltin ? 1 : 0, created_at: at.getTime() })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `The scope ${scope.name} is already in the catalogue.`, { cause: error });
        throw error;
      }
    },
  };
}

export type ScopeStore = ReturnType<typeof createScopeStore>;
