/**
 * Every filter of the inventory API: text, status, owner kind, scope, never
 * used, idle over N days, and a window on each of created / last used / expires. Edits stay in the
 * form until "Apply"; the URL is the state.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { LIFECYCLE_STATUSES, OWNER_KINDS } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { DATE_FIELDS, FILTER_PARAMS, hasFilters, type DateField } from '../api/token-filters.ts';
import { OWNER_KIND_WORDS, STATUS_LABELS } from '../components/status-badge.tsx';

const DATE_WORDS: Record<DateField, { label: string; lt: string; gt: string }> = {
  createdAt: { label: 'Created', lt: 'in the last', gt: 'more than … ago' },
  lastActiveAt: { label: 'Last used', lt: 'in the last', gt: 'more than … ago (or never)' },
  expiresAt: { label: 'Expires', lt: 'within the next (or already)', gt: 'more than … from now (or never)' },
};
const UNITS = ['day', 'week', 'month', 'year', 'hour'] as const;

function DateWindow({ field, params }: { field: DateField; params: URLSearchParams }) {
  const [mode, setMode] = useState(params.get(`${field}SearchType`) ?? '');
  const words = DATE_WORDS[field];
  const id = `f-${field}`;
  return (
    <fieldset className="date-window">
      <legend>{words.label}</legend>
      <label className="visually-hidden" htmlFor={`${id}-mode`}>
        {words.label}: kind of window
      </label>
      <select id={`${id}-mode`} name={`${field}SearchType`} value={mode} onChange={(event) => setMode(event.target.value)}>
        <option value="">Any time</option>
        <option value="lt">{words.lt}</option>
        <option value="gt">{words.gt}</option>
        <option value="range">Between dates</option>
      </select>
      {(mode === 'lt' || mode === 'gt') && (
        <span className="inline-fields">
          <label>
            <span className="visually-hidden">{words.label}: how many</span>
            <input name={`${field}Value`} type="number" min={0} max={100000} required defaultValue={params.get(`${field}Value`) ?? '30'} inputMode="numeric" />
          </label>
          <label>
            <span className="visually-hidden">{words.label}: unit</span>
            <select name={`${field}Uom`} defaultValue={params.get(`${field}Uom`) ?? 'day'}>
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}s
                </option>
              ))}
            </select>
          </label>
        </span>
      )}
      {mode === 'range' && (
        <span className="inline-fields">
          <label>
            From
            <input name={`${field}From`} type="date" defaultValue={params.get(`${field}From`) ?? ''} />
          </label>
          <label>
            To
            <input name={`${field}To`} type="date" defaultValue={params.get(`${field}To`) ?? ''} />
          </label>
        </span>
      )}
    </fieldset>
  );
}

export function InventoryFilters({ params, onApply }: { params: URLSearchParams; onApply(next: Record<string, string>): void }) {
  const statuses = (params.get('status') ?? '').split(',').filter(Boolean);
  const kinds = (params.get('ownerKind') ?? '').split(',').filter(Boolean);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of FILTER_PARAMS) {
      const values = form.getAll(name).map(String).filter((value) => value.trim() !== '');
      if (values.length > 0) next[name] = values.join(',');
    }
    onApply(next);
  }

  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Filter tokens" key={params.toString()}>
      {params.get('ownerId') && (
        <p className="owner-filter">
          <input type="hidden" name="ownerId" value={params.get('ownerId') ?? ''} />
          Showing the tokens of one owner only.{' '}
          <button type="button" className="link-button" onClick={() => onApply(Object.fromEntries([...params].filter(([name]) => name !== 'ownerId' && FILTER_PARAMS.includes(name))))}>
            Show every owner
          </button>
        </p>
      )}
      <div className="filters-row">
        <label className="grow">
          Search
          <input name="q" type="search" defaultValue={params.get('q') ?? ''} placeholder="Label, owner name or e-mail" maxLength={200} />
        </label>
        <label>
          Scope
          <input name="scope" defaultValue={params.get('scope') ?? ''} placeholder="e.g. write:jira-work" maxLength={200} />
        </label>
        <div className="filters-actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          {hasFilters(params) && (
            <button type="button" onClick={() => onApply({})}>
              Clear
            </button>
          )}
        </div>
      </div>
      <details className="more-filters" open={hasFilters(params) && !params.get('q') ? true : undefined}>
        <summary>More filters</summary>
        <div className="filters-grid">
          <fieldset>
            <legend>Status</legend>
            {LIFECYCLE_STATUSES.map((status) => (
              <label key={status} className="check">
                <input type="checkbox" name="status" value={status} defaultChecked={statuses.includes(status)} />
                {STATUS_LABELS[status]}
              </label>
            ))}
            <span className="hint">None ticked: all but revoked.</span>
          </fieldset>
          <fieldset>
            <legend>Owner</legend>
            {OWNER_KINDS.map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" name="ownerKind" value={kind} defaultChecked={kinds.includes(kind)} />
                {OWNER_KIND_WORDS[kind]}
              </label>
            ))}
          </fieldset>
          <SourceFilter current={params.get('source') ?? ''} />
          <fieldset>
            <legend>Use</legend>
            <label>
              Used
              <select name="neverUsed" defaultValue={params.get('neverUsed') ?? ''}>
                <option value="">Used or not</option>
                <option value="true">Never used</option>
                <option value="false">Used at least once</option>
              </select>
            </label>
            <label>
              Idle for more than (days)
              <input name="idleDays" type="number" min={1} max={100000} inputMode="numeric" defaultValue={params.get('idleDays') ?? ''} />
            </label>
          </fieldset>
          {DATE_FIELDS.map((field) => (
            <DateWindow key={field} field={field} params={params} />
          ))}
        </div>
      </details>
    </form>
  );
}

const SYSTEM_NAMES: Record<string, string> = { atlassian: 'Atlassian', github: 'GitHub', gitlab: 'GitLab' };

/** Tokenward's own tokens, every connector of one system, or one connector's (the Connectors page adds them). */
function SourceFilter({ current }: { current: string }) {
  const { orgId } = useSignedIn();
  const connectors = useQuery({ queryKey: ['connectors', orgId], queryFn: () => api.get<{ data: Array<{ id: string; name: string; type: string }> }>(endpoints.connectors(orgId)) });
  const list = connectors.data?.data ?? [];
  // A system gets its own choice once it has more than one connector; with one, the connector is that choice.
  const systems = Object.keys(SYSTEM_NAMES).filter((type) => list.filter((connector) => connector.type === type).length > 1);
  return (
    <fieldset>
      <legend>Source</legend>
      <label>
        From
        <select name="source" defaultValue={current}>
          <option value="">Every source</option>
          <option value="tokenward">Issued by Tokenward</option>
          {systems.map((type) => (
            <option key={type} value={type}>
              Every {SYSTEM_NAMES[type]} connector
            </option>
          ))}
          {list.map((connector) => (
            <option key={connector.id} value={connector.id}>
              {connector.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
