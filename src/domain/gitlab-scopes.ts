/**
 * GitLab token scopes against Tokenward's scope classes. GitLab's own names are what a token
 * carries and what admins see; the class is what a policy's `class:<class>` entries judge. A scope
 * GitLab adds later and this list does not know counts as `admin`, so a policy never lets an
 * unknown power pass as harmless.
 */
import { CLASS_PREFIX, type ScopeClass } from './scope-catalogue.js';

const CLASS_OF_GITLAB_SCOPE: Readonly<Record<string, ScopeClass>> = {
  read_user: 'read',
  read_api: 'read',
  read_repository: 'read',
  read_registry: 'read',
  read_virtual_registry: 'read',
  read_observability: 'read',
  read_service_ping: 'read',
  write_repository: 'write',
  write_registry: 'write',
  write_virtual_registry: 'write',
  write_observability: 'write',
  create_runner: 'write',
  manage_runner: 'write',
  k8s_proxy: 'write',
  ai_features: 'write',
  self_rotate: 'write',
  // `api` grants complete read and write access to everything the owner can reach.
  api: 'write',
  sudo: 'admin',
  admin_mode: 'admin',
};

/** The scope class of one GitLab scope name. */
export function gitlabScopeClass(scope: string): ScopeClass {
  return CLASS_OF_GITLAB_SCOPE[scope] ?? 'admin';
}

/** The classes a set of GitLab scopes reaches, each once, in class order. */
export function gitlabScopeClasses(scopes: readonly string[]): ScopeClass[] {
  const order: ScopeClass[] = ['read', 'write', 'delete', 'admin'];
  const found = new Set(scopes.map(gitlabScopeClass));
  return order.filter((c) => found.has(c));
}

/**
 * The GitLab scopes of `scopes` a policy allows through its `class:<class>` entries (names of
 * Tokenward's catalogue never match a GitLab scope, so only classes can allow one).
 */
export function gitlabScopesAllowedByClass(allowedScopes: readonly string[], scopes: readonly string[]): string[] {
  const classes = new Set(allowedScopes.filter((s) => s.startsWith(CLASS_PREFIX)).map((s) => s.slice(CLASS_PREFIX.length)));
  return scopes.filter((s) => classes.has(gitlabScopeClass(s)) || allowedScopes.includes(s));
}
