/**
 * A connected system's permissions in its own words beside Tokenward's scope class: GitHub's
 * fine-grained permissions as GitHub's settings page names them ("Repository · Contents: Read and
 * write"), GitLab's scopes by their GitLab names. The class is what policies judge.
 */
import type { ReactNode } from 'react';

export interface UpstreamScope {
  name: string;
  /** read, write or admin; null when the connected system's scopes have no class in Tokenward. */
  scopeClass: string | null;
  /** The connected system's words, when they differ from the name. */
  words?: string | null;
}

const GROUP_WORDS: Record<string, string> = { organization: 'Organization', repository: 'Repository', other: 'Account' };
const LEVEL_WORDS: Record<string, string> = { read: 'Read-only', write: 'Read and write', admin: 'Admin' };
const GITHUB_SCOPE = /^github:(organization|repository|other)\/([^:]+):(.+)$/;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** GitHub's permission as its settings page shows it: where it applies, and what it allows. */
export function githubPermissionWords(scope: UpstreamScope): { where: string; what: string } | null {
  const match = GITHUB_SCOPE.exec(scope.name);
  if (!match) return null;
  const [, group, permission, level] = match;
  return { where: GROUP_WORDS[group!] ?? capitalized(group!), what: `${capitalized(permission!.replace(/_/g, ' '))}: ${LEVEL_WORDS[level!] ?? level}` };
}

export function ScopeClassBadge({ scopeClass }: { scopeClass: string | null }) {
  if (!scopeClass) return null;
  const tone = scopeClass === 'read' ? 'badge-info' : scopeClass === 'admin' ? 'badge-class-admin' : 'badge-warn';
  return <span className={`badge ${tone}`}>{scopeClass}</span>;
}

/**
 * The permissions as a two-column table: the connected system's words, Tokenward's class. A
 * table reads out each pair together, and on a phone it stays two narrow columns.
 */
export function UpstreamScopeTable({ scopes, system, caption }: { scopes: readonly UpstreamScope[]; system: 'github' | 'gitlab' | string; caption: ReactNode }) {
  const heading = system === 'github' ? 'Permission in GitHub' : system === 'gitlab' ? 'Scope in GitLab' : 'Scope';
  return (
    <table className="data-table compact upstream-scopes">
      <caption className="table-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Scope class in Tokenward</th>
        </tr>
      </thead>
      <tbody>
        {scopes.map((scope) => {
          const github = githubPermissionWords(scope);
          return (
            <tr key={scope.name}>
              <td>
                {github ? (
                  <>
                    <span className="muted">{github.where} · </span>
                    {github.what}
                  </>
                ) : (
                  <code>{scope.words ?? scope.name}</code>
                )}
              </td>
              <td>
                <ScopeClassBadge scopeClass={scope.scopeClass} />
                {!scope.scopeClass && <span className="muted">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const SELECTION_WORDS: Record<string, string> = {
  all: 'All repositories',
  subset: 'Only select repositories',
  none: 'Public repositories only (read-only)',
};

/** GitHub's repository selection, as GitHub's token settings word it. */
export function repositorySelectionWords(selection: string | null | undefined): string {
  if (!selection) return 'Not told by GitHub';
  return SELECTION_WORDS[selection] ?? selection;
}
