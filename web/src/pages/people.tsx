/**
 * People (the directory API): users with their roles, deactivate and reactivate (which
 * suspends and restores their tokens), inviting a person; groups on their own tab.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { EffectivePolicy, PageLinks, PeopleColumnsResponse, Role, UserJson } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable, Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDate, formatDateTime, plural, relativeTime } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { AddPerson, GRANTS_ADMIN, ROLE_MEANING, ROLE_WORDS, ROLES } from './add-person.tsx';
import { GroupsPanel } from './groups.tsx';

interface UserList {
  data: UserJson[];
  links: PageLinks;
}

/** The page's extra columns, handed to the cells through the table (the columns are built once). */
type ExtraMeta = { extraOf: Map<string, PeopleColumnsResponse['data'][number]> };

type Pending = { user: UserJson; action: 'deactivate' | 'reactivate' } | null;

/** Which policy governs this person, and why: asked on demand, one person at a time. */
function EffectivePolicyCell({ orgId, user }: { orgId: string; user: UserJson }) {
  const [isAsked, setAsked] = useState(false);
  const policy = useQuery({
    queryKey: ['effective-policy', orgId, user.id],
    queryFn: () => api.get<{ data: EffectivePolicy }>(endpoints.userEffectivePolicy(orgId, user.id)),
    enabled: isAsked,
  });
  if (!isAsked) {
    return (
      <button type="button" className="small nowrap" onClick={() => setAsked(true)} aria-label={`Show the policy of ${user.name}`}>
        Show the policy
      </button>
    );
  }
  if (policy.isError) return <span className="muted">Could not tell</span>;
  if (!policy.data) return <span className="muted">…</span>;
  const { policy: governing, reason } = policy.data.data;
  return (
    <Link to={`/policies/${encodeURIComponent(governing.id)}`} title={reason}>
      {governing.name}
    </Link>
  );
}

function UsersPanel({ orgId }: { orgId: string }) {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const query = { q: params.get('q') ?? '', status: params.get('status') ?? '', role: params.get('role') ?? '', cursor: params.get('cursor') ?? '', pageSize: '50' };
  const users = useQuery({ queryKey: ['users', orgId, query], queryFn: () => api.get<UserList>(endpoints.users(orgId), query), placeholderData: keepPreviousData });
  // Groups, live tokens and last sign-in of the whole page, in one request.
  const pageIds = (users.data?.data ?? []).map((user) => user.id);
  const extra = useQuery({
    queryKey: ['people-columns', orgId, pageIds],
    queryFn: () => api.get<PeopleColumnsResponse>(endpoints.peopleColumns(orgId), { ids: pageIds.join(',') }),
    enabled: pageIds.length > 0,
  });
  const extraOf = new Map((extra.data?.data ?? []).map((row) => [row.userId, row]));
  const [pending, setPending] = useState<Pending>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [invite, setInvite] = useState<{ name: string; url: string } | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users', orgId] });
  // A one-time link with which the person sets a password; shown once, to pass on.
  const makeInvite = useMutation({
    mutationFn: async (user: UserJson) => ({ name: user.name, url: (await api.post<{ url: string }>(endpoints.inviteUser(orgId, user.id))).url }),
    onSuccess: setInvite,
  });
  const changeStatus = useMutation({
    mutationFn: async ({ user, action }: NonNullable<Pending>) => {
      if (action === 'deactivate') {
        const result = await api.post<{ tokensSuspended: number }>(endpoints.deactivateUser(orgId, user.id));
        return `${user.name} is deactivated; ${plural(result.tokensSuspended, 'token')} suspended.`;
      }
      const result = await api.post<{ tokensRestored: number }>(endpoints.reactivateUser(orgId, user.id));
      return `${user.name} is active again; ${plural(result.tokensRestored, 'token')} restored.`;
    },
    onSuccess: async (text) => {
      setPending(null);
      setMessage(text);
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['token-counts', orgId] });
    },
  });
  // A role is a grant of rights: choosing one only asks; the change is made on the confirmation.
  const [roleChange, setRoleChange] = useState<{ user: UserJson; role: Role } | null>(null);
  const changeRole = useMutation({
    mutationFn: ({ user, role }: { user: UserJson; role: Role }) => api.patch<UserJson>(endpoints.user(orgId, user.id), { role }),
    onSuccess: async (user, asked) => {
      setRoleChange(null);
      setMessage(`${user.name} is now ${ROLE_WORDS[user.role].toLowerCase()} (was ${ROLE_WORDS[asked.user.role].toLowerCase()}).`);
      await refresh();
    },
  });

  const columns = useMemo<ColumnDef<UserJson>[]>(
    () => [
      {
        id: 'name',
        header: 'Person',
        cell: ({ row }) => (
          <span className="owner-cell">
            <Link to={`/tokens?ownerId=${encodeURIComponent(row.original.id)}`} title={`Tokens of ${row.original.name}`}>
              {row.original.name}
            </Link>
            <span className="muted">{row.original.email}</span>
          </span>
        ),
      },
      {
        id: 'role',
        header: 'Role',
        cell: ({ row }) => (
          <select
            aria-label={`Role of ${row.original.name}`}
            value={row.original.role}
            onChange={(event) => {
              changeRole.reset();
              setRoleChange({ user: row.original, role: event.target.value as Role });
            }}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_WORDS[role]}
              </option>
            ))}
          </select>
        ),
      },
      {
        id: 'groups',
        header: 'Groups',
        cell: ({ row, table }) => {
          const groups = (table.options.meta as ExtraMeta | undefined)?.extraOf.get(row.original.id)?.groups;
          if (!groups) return <span className="muted">…</span>;
          return groups.length === 0 ? <span className="muted">None</span> : groups.map((g) => g.name).join(', ');
        },
      },
      {
        id: 'tokens',
        header: 'Live tokens',
        cell: ({ row, table }) => {
          const found = (table.options.meta as ExtraMeta | undefined)?.extraOf.get(row.original.id);
          if (!found) return <span className="muted">…</span>;
          return (
            <Link className="num" to={`/tokens?ownerId=${encodeURIComponent(row.original.id)}`} title={`The tokens of ${row.original.name}`}>
              {found.liveTokens}
            </Link>
          );
        },
      },
      {
        id: 'lastSignIn',
        header: 'Last sign-in',
        cell: ({ row, table }) => {
          const found = (table.options.meta as ExtraMeta | undefined)?.extraOf.get(row.original.id);
          if (!found) return <span className="muted">…</span>;
          return found.lastSignInAt ? (
            <span className="nowrap" title={formatDateTime(found.lastSignInAt)}>
              {relativeTime(found.lastSignInAt)}
            </span>
          ) : (
            <span className="muted">Never</span>
          );
        },
      },
      { id: 'policy', header: 'Policy', cell: ({ row }) => <EffectivePolicyCell orgId={orgId} user={row.original} /> },
      { id: 'accountType', header: 'Account', cell: ({ row }) => (row.original.accountType === 'managed' ? 'Managed' : 'External') },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'createdAt', header: 'Added', cell: ({ row }) => <span className="nowrap">{formatDate(row.original.createdAt)}</span> },
      {
        id: 'actions',
        header: 'Actions',
        cell: ({ row }) =>
          row.original.status === 'active' ? (
            <span className="row-actions">
              <button type="button" className="small" onClick={() => makeInvite.mutate(row.original)} aria-label={`Invite link for ${row.original.name}`}>
                Invite link
              </button>
              <button type="button" className="small" onClick={() => { changeStatus.reset(); setPending({ user: row.original, action: 'deactivate' }); }}>
                Deactivate
              </button>
            </span>
          ) : (
            <button type="button" className="small" onClick={() => { changeStatus.reset(); setPending({ user: row.original, action: 'reactivate' }); }}>
              Reactivate
            </button>
          ),
      },
    ],
    // Built once: the cells call `mutate`/`reset`, which TanStack Query keeps stable across renders.
    [],
  );
  const table = useReactTable({ data: users.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, meta: { extraOf } satisfies ExtraMeta });

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'status', 'role']) {
      const value = String(form.get(name) ?? '');
      if (value) next.set(name, value);
    }
    setParams(next);
  }

  return (
    <>
      <AddPerson orgId={orgId} onAdded={(user) => { setMessage(`${user.name} is added.`); void refresh(); }} />
      <form className="filters filters-row" role="search" aria-label="Filter people" onSubmit={filter} key={params.toString()}>
        <label className="grow">
          Search
          <input name="q" type="search" defaultValue={query.q} placeholder="Name or e-mail" maxLength={200} />
        </label>
        <label>
          Status
          <select name="status" defaultValue={query.status}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </label>
        <label>
          Role
          <select name="role" defaultValue={query.role}>
            <option value="">Any</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_WORDS[role]}
              </option>
            ))}
          </select>
        </label>
        <div className="filters-actions">
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
      </form>
      {message && <Notice tone="success">{message}</Notice>}
      {makeInvite.isError && <ErrorNote title="Could not make an invitation link" error={makeInvite.error} />}
      <SecretDialog secret={invite?.url ?? null} title={`Invitation link for ${invite?.name ?? ''}`} label="Link (valid once)" onClose={() => setInvite(null)} />
      {users.isError ? (
        <ErrorNote title="Could not load people" error={users.error} onRetry={() => void users.refetch()} />
      ) : users.isPending ? (
        <Loading />
      ) : users.data.data.length === 0 ? (
        <EmptyState title={query.q || query.status || query.role ? 'Nobody matches these filters' : 'Nobody here yet'}>Add people above, or provision them with SCIM.</EmptyState>
      ) : (
        <DataTable table={table} caption="People" isBusy={users.isFetching} />
      )}
      {users.data && (users.data.links.next || users.data.links.prev) && (
        <Pager prev={users.data.links.prev} next={users.data.links.next} onPage={(cursor) => setParams((p) => { p.set('cursor', cursor); return p; })} isBusy={users.isFetching} />
      )}
      <ConfirmDialog
        isOpen={roleChange !== null}
        title={roleChange ? `Change the role of ${roleChange.user.name}?` : 'Change the role?'}
        confirmLabel={roleChange ? `Make ${roleChange.user.name} ${ROLE_WORDS[roleChange.role].toLowerCase()}` : 'Change role'}
        isDanger={roleChange !== null && GRANTS_ADMIN.includes(roleChange.role)}
        isBusy={changeRole.isPending}
        onCancel={() => setRoleChange(null)}
        onConfirm={() => roleChange && changeRole.mutate(roleChange)}
      >
        {roleChange && (
          <>
            <p>
              <strong>{roleChange.user.name}</strong> ({roleChange.user.email}) goes from <strong>{ROLE_WORDS[roleChange.user.role]}</strong> to{' '}
              <strong>{ROLE_WORDS[roleChange.role]}</strong>.
            </p>
            <p>{ROLE_MEANING[roleChange.role]}</p>
          </>
        )}
        {changeRole.isError && <ErrorNote title="Could not change the role" error={changeRole.error} />}
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={pending !== null}
        title={pending?.action === 'deactivate' ? `Deactivate ${pending.user.name}?` : `Reactivate ${pending?.user.name ?? ''}?`}
        confirmLabel={pending?.action === 'deactivate' ? 'Deactivate' : 'Reactivate'}
        isDanger={pending?.action === 'deactivate'}
        isBusy={changeStatus.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && changeStatus.mutate(pending)}
      >
        <p>
          {pending?.action === 'deactivate'
            ? 'They can no longer sign in, and every token they own is suspended at once (it stops working).'
            : 'They can sign in again; their suspended tokens work again, except expired or revoked ones.'}
        </p>
        {changeStatus.isError && <ErrorNote title="Could not do this" error={changeStatus.error} />}
      </ConfirmDialog>
    </>
  );
}

export function PeoplePage() {
  const { orgId } = useSignedIn();
  const [tab, setTab] = useState<'users' | 'groups'>('users');
  return (
    <>
      <h1>People</h1>
      <div className="tabs" role="tablist" aria-label="People">
        <button type="button" role="tab" id="tab-users" aria-selected={tab === 'users'} aria-controls="panel-users" onClick={() => setTab('users')}>
          Users
        </button>
        <button type="button" role="tab" id="tab-groups" aria-selected={tab === 'groups'} aria-controls="panel-groups" onClick={() => setTab('groups')}>
          Groups
        </button>
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'users' ? <UsersPanel orgId={orgId} /> : <GroupsPanel orgId={orgId} />}
      </div>
    </>
  );
}
