/**
 * The overview's card of policy violations among connected tokens: per connector, how many live
 * tokens break their policy, by reason (lifetime over the maximum, scopes outside the allowed
 * ones, idle past the limit), each count leading to that connector's live tokens in the inventory.
 * Shown only when the org has connectors and the admin may read them.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import type { ConnectorListResponse as ConnectorListSchema, ViolationsResponse as ViolationsSchema } from '../../../src/http/schemas/connectors.ts';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount } from '../components/format.ts';

type ConnectorList = Static<typeof ConnectorListSchema>;
type Violations = Static<typeof ViolationsSchema>;

const REASONS = [
  { kind: 'lifetime', words: 'Lifetime over the policy' },
  { kind: 'scopes', words: 'Scopes outside the policy' },
  { kind: 'idle', words: 'Idle past the policy' },
] as const;

function liveTokensOf(connectorId: string): string {
  return `/tokens?${new URLSearchParams({ source: connectorId, status: 'active' }).toString()}`;
}

function Count({ n, to, label }: { n: number; to: string; label: string }) {
  return n === 0 ? <span className="muted">0</span> : <Link to={to} aria-label={label}>{formatCount(n)}</Link>;
}

export function ViolationsPanel({ orgId }: { orgId: string }) {
  const connectors = useQuery({ queryKey: ['connectors', orgId], queryFn: () => api.get<ConnectorList>(endpoints.connectors(orgId)) });
  const list = connectors.data?.data ?? [];
  const reports = useQueries({
    queries: list.map((connector) => ({
      queryKey: ['connector-violations', orgId, connector.id],
      queryFn: () => api.get<Violations>(endpoints.connectorViolations(orgId, connector.id)),
    })),
  });
  // No connectors, or no right to read them: no card.
  if (connectors.isError || (connectors.isSuccess && list.length === 0)) return null;
  return (
    <section className="panel" aria-labelledby="violations-heading">
      <div className="panel-head">
        <h2 id="violations-heading">Policy violations of connected tokens</h2>
        <Link to="/connectors">Connectors</Link>
      </div>
      {!connectors.data ? (
        <Loading />
      ) : (
        <div className="table-scroll">
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Connector</th>
                {REASONS.map((reason) => (
                  <th key={reason.kind} scope="col" className="num">
                    {reason.words}
                  </th>
                ))}
                <th scope="col" className="num">
                  Tokens breaking a policy
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((connector, i) => {
                const report = reports[i];
                const to = liveTokensOf(connector.id);
                return (
                  <tr key={connector.id}>
                    <th scope="row">
                      {connector.name}
                      {report?.data && report.data.unjudged > 0 && <span className="stat-hint"> {formatCount(report.data.unjudged)} not judged: owner not in the directory and no policy set for them</span>}
                    </th>
                    {report?.isError ? (
                      <td colSpan={REASONS.length + 1}>
                        <ErrorNote error={report.error} />
                      </td>
                    ) : !report?.data ? (
                      <td colSpan={REASONS.length + 1}>
                        <Loading />
                      </td>
                    ) : (
                      <>
                        {REASONS.map((reason) => (
                          <td key={reason.kind} className="num">
                            <Count n={report.data.byKind[reason.kind]} to={to} label={`${reason.words} at ${connector.name}: ${formatCount(report.data.byKind[reason.kind])}`} />
                          </td>
                        ))}
                        <td className="num">
                          <Count n={report.data.total} to={to} label={`Tokens breaking a policy at ${connector.name}: ${formatCount(report.data.total)}`} />
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
