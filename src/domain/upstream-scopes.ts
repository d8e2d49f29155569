/**
 * A connected system's scope as admins read it: the system's own words beside the Tokenward scope
 * class that policies judge it by. GitHub's fine-grained permissions and GitLab's scopes have a
 * class each; Atlassian's scopes are Tokenward's own names, whose class the scope catalogue holds.
 */
import type { ConnectorType } from './connectors.js';
import { githubPermissionOf } from './github-connector.js';
import { gitlabScopeClass } from './gitlab-scopes.js';
import type { ScopeClass } from './scope-catalogue.js';

export interface UpstreamScope {
  name: string;
  /** The connected system's words: "repository contents: write" for GitHub, the scope itself for GitLab. */
  words: string;
  /** Null where the connected system's scopes are judged by name (Atlassian). */
  scopeClass: ScopeClass | null;
}

/**
 *   upstreamScopeOf('github', 'github:repository/contents:write')
 *   // -> { name: 'github:repository/contents:write', words: 'repository contents: write', scopeClass: 'write' }
 */
export function upstreamScopeOf(type: ConnectorType, name: string): UpstreamScope {
  if (type === 'github') {
    const permission = githubPermissionOf(name);
    // A name GitHub's permissions did not make counts as the strictest class, as the policy does.
    return permission ? { name, words: `${permission.group} ${permission.permission}: ${permission.level}`, scopeClass: permission.scopeClass } : { name, words: name, scopeClass: 'admin' };
  }
  if (type === 'gitlab') return { name, words: name, scopeClass: gitlabScopeClass(name) };
  return { name, words: name, scopeClass: null };
}
