/**
 * The scopes an OpenAPI import finds, as entries of the org's scope catalogue. Pure.
 *
 * An entry's description is the OAuth2 scheme's own wording of the scope when the document has
 * one, followed by the summaries of the operations that need it, so an admin choosing scopes in
 * the policy editor sees what each one opens. Its class comes from the scope's verb (`read:` is
 * read, `manage:` admin, unknown verbs admin), so the editor's read-only shortcut takes in the
 * imported read scopes and nothing stronger.
 */
import { cleanScopeName, type ScopeDefinition } from './scope-catalogue.js';
import { scopeClassOfImported, type OpenApiImport } from './openapi-routes.js';

const DESCRIPTION_MAX = 500;

export interface CatalogueImportPlan {
  /** Not in the catalogue yet: to be added. */
  toAdd: ScopeDefinition[];
  /** Already in the catalogue: left as they are (the admin's or the built-in wording is kept). */
  existing: string[];
  /** Names the catalogue cannot hold, with the reason. */
  refused: Array<{ name: string; reason: string }>;
}

/** Which of the imported scopes join the catalogue, and with which description and class. */
export function planCatalogueImport(scopes: OpenApiImport['scopes'], catalogue: readonly ScopeDefinition[]): CatalogueImportPlan {
  const known = new Set(catalogue.map((scope) => scope.name));
  const plan: CatalogueImportPlan = { toAdd: [], existing: [], refused: [] };
  for (const scope of scopes) {
    if (known.has(scope.name)) {
      plan.existing.push(scope.name);
      continue;
    }
    let name: string;
    try {
      name = cleanScopeName(scope.name);
    } catch {
      plan.refused.push({ name: scope.name.slice(0, 100), reason: 'not a scope name the catalogue accepts (lower-case words separated by colons)' });
      continue;
    }
    plan.toAdd.push({ name, description: describe(scope.description, scope.summaries), scopeClass: scopeClassOfImported(name), isBuiltin: false });
  }
  return plan;
}

function describe(schemeDescription: string | null, summaries: readonly string[]): string {
  const lead = schemeDescription?.trim() ? `${schemeDescription.trim().replace(/\.?$/, '.')} ` : '';
  const unique = [...new Set(summaries)];
  let text = `${lead}Needed by: `;
  for (let i = 0; i < unique.length; i += 1) {
    const rest = unique.length - i;
    const next = `${i === 0 ? '' : '; '}${unique[i]}`;
    const more = ` (and ${rest} more)`;
    if (text.length + next.length + (rest > 1 ? more.length : 1) > DESCRIPTION_MAX) return `${text}${more}.`;
    text += next;
  }
  return `${text}.`;
}
