/** Groups of the directory: list with member counts, create, rename, delete. */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { GroupJson, PageLinks } from '../api/types.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable, Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDate, plural } from '../components/format.ts';

export function GroupsPanel({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState('');
  const [toDelete, setToDelete] = useState<GroupJson | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const groups = useQuery({
    queryKey: ['groups', orgId, cursor],
    queryFn: () => api.get<{ data: GroupJson[]; links: PageLinks }>(endpoints.groups(orgId), { cursor, pageSize: 50 }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['groups', orgId] });
  const create = useMutation({
    mutationFn: (name: string) => api.post<GroupJson>(endpoints.groups(orgId), { name }),
    onSuccess: async (group) => {
      setMessage(`Group ${group.name} is created.`);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (group: GroupJson) => api.delete(endpoints.group(orgId, group.id)),
    onSuccess: async () => {
      setMessage(`Group ${toDelete?.name ?? ''} is deleted.`);
      setToDelete(null);
      await refresh();
    },
  });

  const columns = useMemo<ColumnDef<GroupJson>[]>(
    () => [
      { id: 'name', header: 'Group', cell: ({ row }) => row.original.name },
      { id: 'members', header: 'Members', cell: ({ row }) => plural(row.original.memberCount, 'member') },
      { id: 'createdAt', header: 'Created', cell: ({ row }) => formatDate(row.original.createdAt) },
      {
        id: 'actions',
        header: 'Actions',
        cell: ({ row }) => (
          <button type="button" className="small" onClick={() => { remove.reset(); setToDelete(row.original); }}>
            Delete
          </button>
        ),
      },
    ],
    // Built once: `remove.reset` is stable across renders.
    [],
  );
  const table = useReactTable({ data: groups.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (name) create.mutate(name);
    event.currentTarget.reset();
  }

  return (
    <>
      <form className="inline-form panel" onSubmit={submit} aria-label="Create a group">
        <label className="grow">
          New group
          <input name="name" required maxLength={200} placeholder="e.g. Platform engineers" />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create group
        </button>
      </form>
      {create.isError && <ErrorNote title="Could not create the group" error={create.error} />}
      {message && <Notice tone="success">{message}</Notice>}
      {groups.isError ? (
        <ErrorNote title="Could not load groups" error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.isPending ? (
        <Loading />
      ) : groups.data.data.length === 0 ? (
        <EmptyState title="No groups yet">Groups are what policies are assigned to. Create one above, or let SCIM or SSO bring them.</EmptyState>
      ) : (
        <DataTable table={table} caption="Groups" />
      )}
      {groups.data && (groups.data.links.next || groups.data.links.prev) && (
        <Pager prev={groups.data.links.prev} next={groups.data.links.next} onPage={setCursor} isBusy={groups.isFetching} />
      )}
      <ConfirmDialog
        isOpen={toDelete !== null}
        title={`Delete the group ${toDelete?.name ?? ''}?`}
        confirmLabel="Delete group"
        isDanger
        isBusy={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
      >
        <p>Its {plural(toDelete?.memberCount ?? 0, 'membership')} go with it; the people stay.</p>
        {remove.isError && <ErrorNote title="Could not delete" error={remove.error} />}
      </ConfirmDialog>
    </>
  );
}
