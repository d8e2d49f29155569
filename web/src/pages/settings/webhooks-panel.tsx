/**
 * Webhooks: the org's endpoints, adding one (its signing secret shown once, in the
 * copy-once dialog), turning one off or on, deleting one, and each one's deliveries.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { WebhookItem, WebhookList, WebhookWithSecret } from '../../api/types.ts';
import type { EventType } from '../../../../src/domain/events.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../../components/feedback.tsx';
import { formatDate } from '../../components/format.ts';
import { SecretDialog } from '../../components/secret-dialog.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

/** The event types a webhook can ask for (src/domain/events.ts EVENT_TYPES; the type check keeps the names right). */
const EVENT_TYPES = [
  'token.created', 'token.revoked', 'token.expiring', 'token.expired', 'token.idle_warning', 'token.idle_revoked', 'token.leaked',
  'admin_key.created', 'admin_key.revoked', 'user.deactivated', 'user.reactivated', 'service_account.deleted',
  'approval.requested', 'approval.decided', 'approval.reminder', 'policy.changed', 'digest.weekly',
] as const satisfies readonly EventType[];

function AddWebhookForm({ orgId, onCreated }: { orgId: string; onCreated(created: WebhookWithSecret): void }) {
  const details = useRef<HTMLDetailsElement>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<WebhookWithSecret>(endpoints.webhooks(orgId), body),
    onSuccess: (created) => {
      if (details.current) details.current.open = false;
      onCreated(created);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    create.mutate({ url: String(form.get('url') ?? '').trim(), description: description || null, eventTypes: form.getAll('eventType').map(String), format: String(form.get('format')) });
  }
  return (
    <details className="panel add-panel" ref={details}>
      <summary>Add a webhook</summary>
      <form className="stack" onSubmit={submit}>
        <div className="two-columns">
          <label>
            Endpoint URL
            <input name="url" type="url" required placeholder="https://hooks.acme.com/tokenward" />
          </label>
          <label>
            Description
            <input name="description" maxLength={500} placeholder="What listens there" />
          </label>
        </div>
        <fieldset>
          <legend>Format</legend>
          <label className="check">
            <input type="radio" name="format" value="standard" defaultChecked /> Standard Webhooks (signed JSON)
          </label>
          <label className="check">
            <input type="radio" name="format" value="slack" /> Slack incoming webhook
          </label>
        </fieldset>
        <fieldset>
          <legend>Events (none ticked: every event)</legend>
          <div className="choice-grid">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input type="checkbox" name="eventType" value={type} /> <code>{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        {create.isError && <ErrorNote title="Could not add the webhook" error={create.error} />}
        <div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add webhook'}
          </button>
        </div>
      </form>
    </details>
  );
}

function WebhookCard({ orgId, webhook, onDelete }: { orgId: string; webhook: WebhookItem; onDelete(): void }) {
  const queryClient = useQueryClient();
  const [isShowingDeliveries, setShowingDeliveries] = useState(false);
  const toggle = useMutation({
    mutationFn: () => api.patch<WebhookItem>(endpoints.webhook(orgId, webhook.id), { enabled: !webhook.enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', orgId] }),
  });
  const name = webhook.description ?? webhook.url;
  return (
    <article className="panel stack job-card" aria-label={`Webhook ${webhook.url}`}>
      <div className="panel-head">
        <h3 className="url-heading">{webhook.url}</h3>
        <StatusBadge status={webhook.enabled ? 'enabled' : 'disabled'} />
      </div>
      <dl className="key-value">
        {webhook.description && (
          <>
            <dt>For</dt>
            <dd>{webhook.description}</dd>
          </>
        )}
        <dt>Events</dt>
        <dd>{webhook.eventTypes.length === 0 ? 'Every event' : webhook.eventTypes.join(', ')}</dd>
        <dt>Format</dt>
        <dd>{webhook.format === 'slack' ? 'Slack' : 'Standard Webhooks'}</dd>
        <dt>Added</dt>
        <dd>{formatDate(webhook.createdAt)}</dd>
        {webhook.disabledReason && (
          <>
            <dt>Turned off</dt>
            <dd>{webhook.disabledReason}</dd>
          </>
        )}
      </dl>
      {toggle.isError && <ErrorNote title="Could not change the webhook" error={toggle.error} />}
      <div className="job-actions">
        <button type="button" aria-expanded={isShowingDeliveries} onClick={() => setShowingDeliveries(!isShowingDeliveries)} aria-label={`Deliveries of ${name}`}>
          {isShowingDeliveries ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button type="button" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {webhook.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button type="button" className="danger" onClick={onDelete} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </div>
      {isShowingDeliveries && <WebhookDeliveries orgId={orgId} webhookId={webhook.id} />}
    </article>
  );
}

export function WebhooksPanel({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<WebhookItem | null>(null);
  const webhooks = useQuery({ queryKey: ['webhooks', orgId], queryFn: () => api.get<WebhookList>(endpoints.webhooks(orgId)) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks', orgId] });
  const remove = useMutation({
    mutationFn: (webhook: WebhookItem) => api.delete(endpoints.webhook(orgId, webhook.id)),
    onSuccess: async () => {
      setMessage(`The webhook ${toDelete?.url ?? ''} is deleted.`);
      setToDelete(null);
      await refresh();
    },
  });
  return (
    <div className="stack">
      <p className="muted">Tokenward sends each event to these endpoints, signed with the endpoint's secret, and retries with backoff; what still fails becomes a dead letter you can send again.</p>
      {message && <Notice tone="success">{message}</Notice>}
      <AddWebhookForm
        orgId={orgId}
        onCreated={(created) => {
          setMessage(`The webhook ${created.webhook.url} is added.`);
          setSecret(created.secret);
          void refresh();
        }}
      />
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.isError ? (
        <ErrorNote title="Could not load the webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : webhooks.data.data.length === 0 ? (
        <EmptyState title="No webhooks yet">Add one to send token events to Slack, a SIEM or your own service.</EmptyState>
      ) : (
        webhooks.data.data.map((webhook) => <WebhookCard key={webhook.id} orgId={orgId} webhook={webhook} onDelete={() => { remove.reset(); setToDelete(webhook); }} />)
      )}
      <SecretDialog secret={secret} title="The webhook's signing secret" label="Signing secret" onClose={() => setSecret(null)} />
      <ConfirmDialog isOpen={toDelete !== null} title="Delete this webhook?" confirmLabel="Delete" isDanger isBusy={remove.isPending} onConfirm={() => toDelete && remove.mutate(toDelete)} onCancel={() => setToDelete(null)}>
        <p>
          Events stop going to <strong>{toDelete?.url}</strong>, and its delivery history goes with it.
        </p>
        {remove.isError && <ErrorNote title="Could not delete it" error={remove.error} />}
      </ConfirmDialog>
    </div>
  );
}
