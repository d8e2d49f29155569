/**
 * One webhook's deliveries: every attempt's outcome, the dead letters (deliveries that
 * gave up after their retries) on their own filter, and "Redeliver", which sends one again with the
 * same `webhook-id`.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { DeliveryItem, DeliveryList } from '../../api/types.ts';
import { DataTable, Pager } from '../../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../../components/feedback.tsx';
import { formatDateTime } from '../../components/format.ts';
import { StatusBadge } from '../../components/status-badge.tsx';

export function WebhookDeliveries({ orgId, webhookId }: { orgId: string; webhookId: string }) {
  const queryClient = useQueryClient();
  const [isDeadOnly, setDeadOnly] = useState(false);
  const [cursor, setCursor] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: ['deliveries', orgId, webhookId, isDeadOnly, cursor],
    queryFn: () => api.get<DeliveryList>(endpoints.webhookDeliveries(orgId, webhookId), { status: isDeadOnly ? 'dead' : undefined, cursor, pageSize: 20 }),
  });
  const redeliver = useMutation({
    mutationFn: (delivery: DeliveryItem) => api.post<DeliveryItem>(endpoints.redeliver(orgId, webhookId, delivery.id)),
    onSuccess: async (delivery) => {
      setMessage(`Delivery of event ${delivery.eventId} is queued again.`);
      await queryClient.invalidateQueries({ queryKey: ['deliveries', orgId, webhookId] });
    },
  });
  const columns = useMemo<ColumnDef<DeliveryItem>[]>(
    () => [
      { id: 'event', header: 'Event', cell: ({ row }) => <code>{row.original.eventId}</code> },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'attempts', header: 'Attempts', cell: ({ row }) => row.original.attempts },
      {
        id: 'outcome',
        header: 'Last answer',
        cell: ({ row }) => (row.original.lastError ? `${row.original.lastStatusCode ? `HTTP ${row.original.lastStatusCode}: ` : ''}${row.original.lastError}` : row.original.lastStatusCode ? `HTTP ${row.original.lastStatusCode}` : '—'),
      },
      { id: 'createdAt', header: 'Created', cell: ({ row }) => formatDateTime(row.original.createdAt) },
      {
        id: 'actions',
        header: 'Actions',
        cell: ({ row }) =>
          row.original.status === 'dead' || row.original.status === 'succeeded' ? (
            <button type="button" className="small" onClick={() => redeliver.mutate(row.original)} aria-label={`Redeliver ${row.original.eventId}`}>
              Redeliver
            </button>
          ) : null,
      },
    ],
    // `redeliver.mutate` is stable across renders.
    [],
  );
  const table = useReactTable({ data: deliveries.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });
  return (
    <div className="stack">
      <div className="segmented" role="group" aria-label="Which deliveries">
        <button type="button" aria-pressed={!isDeadOnly} onClick={() => { setDeadOnly(false); setCursor(''); }}>
          All
        </button>
        <button type="button" aria-pressed={isDeadOnly} onClick={() => { setDeadOnly(true); setCursor(''); }}>
          Dead letters
        </button>
      </div>
      {message && <Notice tone="success">{message}</Notice>}
      {redeliver.isError && <ErrorNote title="Could not redeliver" error={redeliver.error} />}
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorNote title="Could not load the deliveries" error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.data.length === 0 ? (
        <EmptyState title={isDeadOnly ? 'No dead letters' : 'No deliveries yet'}>{isDeadOnly ? 'Every delivery got through or is still being tried.' : 'Events are sent here as they happen.'}</EmptyState>
      ) : (
        <>
          <DataTable table={table} caption="Deliveries" isBusy={deliveries.isFetching} />
          <Pager prev={deliveries.data.links.prev} next={deliveries.data.links.next} onPage={setCursor} isBusy={deliveries.isFetching} />
        </>
      )}
    </div>
  );
}
