/** The org's automation settings (the PATCH …/automation/settings): thresholds and retention, in days. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { AutomationSettings } from '../../api/types.ts';
import { ErrorNote, Loading, Notice } from '../../components/feedback.tsx';

const NUMBER_FIELDS: ReadonlyArray<{ key: keyof AutomationSettings; label: string; min: number; max: number }> = [
  { key: 'idleWarningDays', label: 'Warn before idle revocation (days)', min: 0, max: 365 },
  { key: 'staleAfterDays', label: 'Stale after (days)', min: 1, max: 3650 },
  { key: 'usageRetentionDays', label: 'Keep raw usage (days)', min: 1, max: 3650 },
  { key: 'outboxRetentionDays', label: 'Keep delivered events (days)', min: 1, max: 3650 },
  { key: 'approvalReminderHours', label: 'Remind approvers after (hours)', min: 1, max: 8760 },
];

export function AutomationSettingsPanel({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const settings = useQuery({ queryKey: ['automation-settings', orgId], queryFn: () => api.get<AutomationSettings>(endpoints.automationSettings(orgId)) });
  const save = useMutation({
    mutationFn: (body: Partial<AutomationSettings>) => api.patch<AutomationSettings>(endpoints.automationSettings(orgId), body),
    onSuccess: (next) => {
      queryClient.setQueryData(['automation-settings', orgId], next);
      setSaved(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const idle = String(form.get('idleRevokeAfterDays') ?? '').trim();
    const body: Record<string, unknown> = {
      expiryWarningDays: String(form.get('expiryWarningDays') ?? '').split(/[\s,]+/).filter(Boolean).map(Number),
      idleRevokeAfterDays: idle ? Number(idle) : null,
    };
    for (const field of NUMBER_FIELDS) body[field.key] = Number(form.get(field.key));
    save.mutate(body as Partial<AutomationSettings>);
  }

  return (
    <section className="panel stack" aria-labelledby="automation-settings">
      <h2 id="automation-settings">Settings</h2>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorNote title="Could not load the automation settings" error={settings.error} />
      ) : (
        <form className="stack" onSubmit={submit}>
          <div className="inline-form">
            <label>
              Warn before expiry (days, comma-separated)
              <input name="expiryWarningDays" defaultValue={settings.data.expiryWarningDays.join(', ')} pattern="[0-9 ,]*" />
            </label>
            <label>
              Revoke idle tokens after (days)
              <input name="idleRevokeAfterDays" type="number" min={1} max={3650} defaultValue={settings.data.idleRevokeAfterDays ?? ''} placeholder="Never" />
            </label>
            {NUMBER_FIELDS.map((field) => (
              <label key={field.key}>
                {field.label}
                <input name={field.key} type="number" min={field.min} max={field.max} required defaultValue={String(settings.data[field.key])} />
              </label>
            ))}
          </div>
          <p className="hint">A policy's own idle revocation wins over the org's for the people it governs.</p>
          {save.isError && <ErrorNote title="Could not save the settings" error={save.error} />}
          {saved && <Notice tone="success">Automation settings are saved.</Notice>}
          <div>
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
