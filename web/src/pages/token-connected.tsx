/**
 * What a token read from a connected system (GitHub, GitLab, Atlassian) shows beyond Tokenward's
 * own tokens: where it lives, its permissions in that system's words beside the scope class a
 * policy judges, which repositories (GitHub) and where it was last used from (GitLab).
 */
import type { OrgTokenJson } from '../api/types.ts';
import { formatDateTime, relativeDays } from '../components/format.ts';
import { repositorySelectionWords, UpstreamScopeTable } from '../components/upstream-scopes.tsx';

type ConnectedSource = Extract<OrgTokenJson['source'], { connectorId: string }>;

const SYSTEM_WORDS: Record<string, string> = { atlassian: 'Atlassian', github: 'GitHub', gitlab: 'GitLab' };

export function connectedSourceOf(token: OrgTokenJson): ConnectedSource | null {
  return 'connectorId' in token.source ? token.source : null;
}

export function systemName(source: ConnectedSource): string {
  return SYSTEM_WORDS[source.type] ?? source.type;
}

/** Facts for the details list: where it lives and, for GitHub, which repositories. */
export function ConnectedFacts({ source }: { source: ConnectedSource }) {
  const system = systemName(source);
  return (
    <>
      <dt>Lives in</dt>
      <dd>
        {system} <span className="muted">(its id there: {source.externalId})</span>
        {source.goneAt && <span className="muted">; {system} stopped listing it on {formatDateTime(source.goneAt)}</span>}
      </dd>
      {source.type === 'github' && (
        <>
          <dt>Repositories</dt>
          <dd>{repositorySelectionWords(source.repositorySelection)}</dd>
        </>
      )}
    </>
  );
}

/** GitLab's last addresses, for the details list after the last use. */
export function LastUsedFrom({ source }: { source: ConnectedSource }) {
  if (source.type !== 'gitlab') return null;
  return (
    <>
      <dt>Last used from</dt>
      <dd>
        {source.lastUsedIps.length === 0 ? (
          <span className="muted">No address told by GitLab</span>
        ) : (
          <ul className="plain-list" aria-label="Addresses it was last used from">
            {source.lastUsedIps.map((ip) => (
              <li key={ip}>
                <code>{ip}</code>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

/** Last use as the connected system reports it (GitLab updates it at most every few minutes). */
export function lastUsedWords(token: OrgTokenJson, source: ConnectedSource | null): string {
  if (token.lastActiveAt) return `${formatDateTime(token.lastActiveAt)} (${relativeDays(token.lastActiveAt)})${source ? `, as ${systemName(source)} reports it` : ''}`;
  return source ? `Never, as ${systemName(source)} reports it` : 'Never';
}

/** The permissions section of a connected token. */
export function ConnectedScopes({ source }: { source: ConnectedSource }) {
  const title = source.type === 'github' ? 'Permissions' : 'Scopes';
  const hasClasses = source.scopes.some((s) => s.scopeClass !== null);
  return (
    <section className="panel" aria-labelledby="scopes-heading">
      <h2 id="scopes-heading">{title}</h2>
      {source.scopes.length === 0 ? (
        <p>No {title.toLowerCase()}.</p>
      ) : hasClasses ? (
        <div className="table-scroll">
          <UpstreamScopeTable scopes={source.scopes} system={source.type} caption={`${title} in ${systemName(source)}, and the class your policies judge each by`} />
        </div>
      ) : (
        <ul className="scope-list">
          {source.scopes.map((scope) => (
            <li key={scope.name}>
              <code>{scope.words}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
