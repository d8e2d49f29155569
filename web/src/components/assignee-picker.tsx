/**
 * Whom a policy applies to: groups ticked from the directory's list, people found by name
 * or e-mail through the directory search (`GET …/users?q=`) and kept as removable chips.
 */
import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { GroupJson, PageLinks, ServiceAccountListResponse, UserJson } from '../api/types.ts';
import { ErrorNote, Loading } from './feedback.tsx';

export interface Assignees {
  groupIds: string[];
  userIds: string[];
  serviceAccountIds: string[];
}

function GroupChoices({ orgId, value, onChange }: { orgId: string; value: Assignees; onChange(next: Assignees): void }) {
  const groups = useQuery({ queryKey: ['groups', orgId, 'all'], queryFn: () => api.get<{ data: GroupJson[]; links: PageLinks }>(endpoints.groups(orgId), { pageSize: 1000 }) });
  if (groups.isPending) return <Loading label="Loading groups…" />;
  if (groups.isError) return <ErrorNote title="Could not load the groups" error={groups.error} />;
  if (groups.data.data.length === 0) return <p className="hint">No groups yet: create them on the People page.</p>;
  const chosen = new Set(value.groupIds);
  return (
    <div className="choice-list">
      {groups.data.data.map((group) => (
        <label key={group.id} className="check">
          <input
            type="checkbox"
            checked={chosen.has(group.id)}
            onChange={(event) =>
              onChange({ ...value, groupIds: event.currentTarget.checked ? [...value.groupIds, group.id] : value.groupIds.filter((id) => id !== group.id) })
            }
          />
          {group.name} <span className="muted">({group.memberCount})</span>
        </label>
      ))}
    </div>
  );
}

function PeopleChoices({ orgId, value, onChange }: { orgId: string; value: Assignees; onChange(next: Assignees): void }) {
  const [search, setSearch] = useState('');
  const term = search.trim();
  const found = useQuery({
    queryKey: ['users', orgId, 'picker', term],
    queryFn: () => api.get<{ data: UserJson[] }>(endpoints.users(orgId), { q: term, status: 'active', pageSize: 8 }),
    enabled: term.length >= 2,
  });
  // Names of the people already chosen (one small read each; policies name few people directly).
  const chosen = useQueries({
    queries: value.userIds.map((id) => ({ queryKey: ['user', orgId, id], queryFn: () => api.get<UserJson>(endpoints.user(orgId, id)), staleTime: 60_000 })),
  });
  const remove = (id: string) => onChange({ ...value, userIds: value.userIds.filter((u) => u !== id) });
  const add = (id: string) => {
    if (!value.userIds.includes(id)) onChange({ ...value, userIds: [...value.userIds, id] });
    setSearch('');
  };
  return (
    <div className="stack">
      {value.userIds.length > 0 && (
        <ul className="chip-list" aria-label="People this policy names">
          {value.userIds.map((id, index) => {
            const user = chosen[index]?.data;
            const name = user ? `${user.name} (${user.email})` : id;
            return (
              <li key={id} className="person-chip">
                {name}
                <button type="button" className="link-button" aria-label={`Remove ${user?.name ?? id}`} onClick={() => remove(id)}>
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label>
        Add a person
        <input type="search" value={search} onChange={(event) => setSearch(event.currentTarget.value)} placeholder="Name or e-mail, 2 letters or more" autoComplete="off" />
      </label>
      {term.length >= 2 &&
        (found.isPending ? (
          <Loading label="Searching…" />
        ) : found.isError ? (
          <ErrorNote title="Could not search people" error={found.error} />
        ) : found.data.data.length === 0 ? (
          <p className="hint">Nobody active matches “{term}”.</p>
        ) : (
          <ul className="choice-list" aria-label="People found">
            {found.data.data.map((user) => (
              <li key={user.id}>
                <button type="button" className="small" disabled={value.userIds.includes(user.id)} onClick={() => add(user.id)}>
                  Add {user.name}
                </button>{' '}
                <span className="muted">{user.email}</span>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

/** Service accounts ticked from the org's list (their tokens then follow the policy too). */
function ServiceAccountChoices({ orgId, value, onChange }: { orgId: string; value: Assignees; onChange(next: Assignees): void }) {
  const accounts = useQuery({
    queryKey: ['service-accounts', orgId, 'all'],
    queryFn: () => api.get<ServiceAccountListResponse>(endpoints.serviceAccounts(orgId), { pageSize: 100 }),
  });
  if (accounts.isPending) return <Loading label="Loading service accounts…" />;
  if (accounts.isError) return <ErrorNote title="Could not load the service accounts" error={accounts.error} />;
  if (accounts.data.items.length === 0) return <p className="hint">No service accounts yet.</p>;
  const chosen = new Set(value.serviceAccountIds);
  return (
    <div className="choice-list">
      {accounts.data.items.map((account) => (
        <label key={account.id} className="check">
          <input
            type="checkbox"
            checked={chosen.has(account.id)}
            onChange={(event) =>
              onChange({
                ...value,
                serviceAccountIds: event.currentTarget.checked ? [...value.serviceAccountIds, account.id] : value.serviceAccountIds.filter((id) => id !== account.id),
              })
            }
          />
          {account.displayName}
        </label>
      ))}
    </div>
  );
}

export function AssigneePicker({ orgId, value, onChange }: { orgId: string; value: Assignees; onChange(next: Assignees): void }) {
  return (
    <div className="two-columns">
      <fieldset>
        <legend>Groups</legend>
        <GroupChoices orgId={orgId} value={value} onChange={onChange} />
      </fieldset>
      <fieldset>
        <legend>People</legend>
        <PeopleChoices orgId={orgId} value={value} onChange={onChange} />
      </fieldset>
      <fieldset>
        <legend>Service accounts</legend>
        <ServiceAccountChoices orgId={orgId} value={value} onChange={onChange} />
      </fieldset>
    </div>
  );
}
