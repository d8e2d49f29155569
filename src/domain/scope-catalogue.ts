/**
 * The scopes members' and service accounts' tokens may carry. Each org has a catalogue:
 * a built-in set of Jira- and Confluence-like classic scopes, so Atlassian admins feel at home
 * (CONTRACT.md §8: `read:jira-work`, `write:jira-work`), plus the scopes its admins add. Every scope
 * belongs to one class, and policies may allow a whole class (`class:read`) instead of names.
 */
import { DomainError } from './errors.js';

export const SCOPE_CLASSES = ['read', 'write', 'delete', 'admin'] as const;
export type ScopeClass = (typeof SCOPE_CLASSES)[number];

export interface ScopeDefinition {
  name: string;
  description: string;
  scopeClass: ScopeClass;
  isBuiltin: boolean;
}

const builtin = (name: string, scopeClass: ScopeClass, description: string): ScopeDefinition => ({ name, description, scopeClass, isBuiltin: true });

/** Seeded into every org on creation (and lazily into orgs that predate the catalogue). */
export const DEFAULT_SCOPE_CATALOGUE: readonly ScopeDefinition[] = [
  builtin('read:jira-work', 'read', 'Read Jira project and issue data, search issues, and objects associated with issues.'),
  builtin('read:jira-user', 'read', 'View user information in Jira that the user has access to.'),
  builtin('write:jira-work', 'write', 'Create and edit issues in Jira, post comments, create worklogs, and delete issues.'),
  builtin('delete:issue:jira', 'delete', 'Delete Jira issues.'),
  builtin('delete:project:jira', 'delete', 'Delete Jira projects.'),
  builtin('manage:jira-project', 'admin', 'Create and edit project settings and create new project-level objects.'),
  builtin('manage:jira-configuration', 'admin', 'Take Jira administration actions (create projects, custom fields, workflows).'),
  builtin('manage:jira-webhook', 'admin', 'Register and manage Jira webhooks.'),
  builtin('read:confluence-content.all', 'read', 'Read all content in Confluence, including body content.'),
  builtin('read:confluence-content.summary', 'read', 'Read a summary of the content in Confluence.'),
  builtin('read:confluence-space.summary', 'read', 'Read a summary of Confluence space information.'),
  builtin('read:confluence-user', 'read', 'View user information in Confluence.'),
  builtin('search:confluence', 'read', 'Search Confluence content and space summaries.'),
  builtin('write:confluence-content', 'write', 'Create and update pages, blog posts, comments and labels.'),
  builtin('write:confluence-file', 'write', 'Upload attachments to Confluence.'),
  builtin('delete:page:confluence', 'delete', 'Delete Confluence pages.'),
  builtin('delete:space:confluence', 'delete', 'Delete Confluence spaces.'),
  builtin('write:confluence-space', 'admin', 'Create, update and archive Confluence spaces.'),
  builtin('manage:confluence-configuration', 'admin', 'Manage global Confluence settings.'),
];

/** What a policy's `allowedScopes` entry may name besides a scope: a whole class. */
export const CLASS_PREFIX = 'class:';

const SCOPE_NAME = /^[a-z][a-z0-9-]*(?::[a-z0-9][a-z0-9._-]*){1,3}$/;

export function isScopeClass(value: string): value is ScopeClass {
  return (SCOPE_CLASSES as readonly string[]).includes(value);
}

/** A custom scope name: lower case, colon-separated like Atlassian's (`read:reports`, `write:wiki-page:custom`). */
export function cleanScopeName(input: string): string {
  const name = input.trim();
  if (name.length > 100 || !SCOPE_NAME.test(name) || name.startsWith(CLASS_PREFIX)) {
    throw new DomainError('VALIDATION_FAILED', `"${input.slice(0, 100)}" is not a valid scope name: use lower-case words separated by colons, e.g. read:reports.`);
  }
  return name;
}

/**
 * Expands `allowedScopes` (names and `class:<class>` entries) into the set of scope names of the
 * catalogue they allow. Entries the catalogue does not know allow nothing.
 *
 *   allowedScopeNames(['class:read', 'write:jira-work'], catalogue) // every read scope + write:jira-work
 */
export function allowedScopeNames(allowedScopes: readonly string[], catalogue: readonly ScopeDefinition[]): Set<string> {
  const classes = new Set(allowedScopes.filter((s) => s.startsWith(CLASS_PREFIX)).map((s) => s.slice(CLASS_PREFIX.length)));
  const names = new Set(allowedScopes);
  return new Set(catalogue.filter((scope) => classes.has(scope.scopeClass) || names.has(scope.name)).map((scope) => scope.name));
}

/** Throws VALIDATION_FAILED naming any scope the catalogue does not hold. */
export function assertKnownScopes(scopes: readonly string[], catalogue: readonly ScopeDefinition[]): void {
  const known = new Set(catalogue.map((s) => s.name));
  const unknown = [...new Set(scopes)].filter((s) => !known.has(s));
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Unknown scopes: ${unknown.join(', ')}. GET the organization's scope catalogue for the names.`);
}
