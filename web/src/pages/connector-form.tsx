/**
 * The form that adds a connector. Each connected system asks for different things (an Atlassian
 * admin key, a GitLab administrator's token, a GitHub App and its installation), so the fields
 * follow the chosen system; what the server needs is assembled here. Secrets are sent once and
 * cleared from the form as soon as the server has them.
 */
import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConnectorJson } from '../../../src/http/schemas/connectors.ts';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorNote } from '../components/feedback.tsx';

type Kind = 'atlassian' | 'github' | 'gitlab';

interface KindText {
  option: string;
  baseUrl: string;
  baseUrlLabel: string;
  baseUrlHint: string;
  orgLabel: string;
  orgHint: string;
  orgPlaceholder: string;
  namePlaceholder: string;
  afterwards: string;
}

const KINDS: Record<Kind, KindText> = {
  atlassian: {
    option: 'Atlassian organization',
    baseUrl: 'https://api.atlassian.com',
    baseUrlLabel: 'API address',
    baseUrlHint: 'Atlassian Cloud answers at https://api.atlassian.com.',
    orgLabel: 'Organization id',
    orgHint: 'As shown in Atlassian Administration under Settings → API keys.',
    orgPlaceholder: '',
    namePlaceholder: 'e.g. Acme Cloud',
    afterwards: 'Test its connection, then sync it.',
  },
  github: {
    option: 'GitHub organization',
    baseUrl: 'https://api.github.com',
    baseUrlLabel: 'API address',
    baseUrlHint: 'github.com: https://api.github.com. GitHub Enterprise Server: https://<your host>/api/v3.',
    orgLabel: 'Organization login',
    orgHint: 'As in github.com/<login>.',
    orgPlaceholder: 'e.g. acme',
    namePlaceholder: 'e.g. Acme on GitHub',
    afterwards: 'Set the webhook address shown on its card in the GitHub App, link GitHub logins to people, then sync it.',
  },
  gitlab: {
    option: 'GitLab instance',
    baseUrl: 'https://gitlab.com',
    baseUrlLabel: 'Instance address',
    baseUrlHint: 'The address you open GitLab at, without /api/v4.',
    orgLabel: 'Instance name',
    orgHint: 'Any name for this instance, shown in lists.',
    orgPlaceholder: 'e.g. gitlab.acme.example',
    namePlaceholder: 'e.g. Acme GitLab',
    afterwards: 'Test its connection, then sync it.',
  },
};

const WHOLE_NUMBER = /^[1-9][0-9]{0,19}$/;
const PEM = /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/;

/** A labelled input with its hint read out with it (not as part of its name). */
function Field({ label, hint, error, className = 'grow', children }: { label: string; hint?: ReactNode; error?: string | null; className?: string; children: (ids: { id: string; describedBy: string | undefined }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface Values {
  name: string;
  baseUrl: string;
  upstreamOrgId: string;
  secret: string;
  appId: string;
  installationId: string;
  privateKey: string;
  webhookSecret: string;
}

const emptyValues = (kind: Kind): Values => ({ name: '', baseUrl: KINDS[kind].baseUrl, upstreamOrgId: '', secret: '', appId: '', installationId: '', privateKey: '', webhookSecret: '' });

/** What is wrong with the GitHub App's fields, in words, before anything is sent. */
function githubProblems(values: Values): Partial<Record<'appId' | 'installationId' | 'privateKey', string>> {
  const problems: Partial<Record<'appId' | 'installationId' | 'privateKey', string>> = {};
  if (values.appId.trim() !== '' && !WHOLE_NUMBER.test(values.appId.trim())) problems.appId = 'The App ID is a number: the App’s settings page shows it under “About”.';
  if (values.installationId.trim() !== '' && !WHOLE_NUMBER.test(values.installationId.trim())) problems.installationId = 'The installation id is the number at the end of the installation’s settings address.';
  if (values.privateKey.trim() !== '' && !PEM.test(values.privateKey.trim())) problems.privateKey = 'Paste the whole .pem file GitHub downloaded, from -----BEGIN to the END line.';
  return problems;
}

export function AddConnectorForm({ orgId, onAdded }: { orgId: string; onAdded(connector: ConnectorJson, afterwards: string): void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('atlassian');
  const [values, setValues] = useState<Values>(emptyValues('atlassian'));
  const [isChecked, setChecked] = useState(false);
  const text = KINDS[kind];
  const problems = kind === 'github' && isChecked ? githubProblems(values) : {};
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api.post<ConnectorJson>(endpoints.connectors(orgId), body),
    onSuccess: (connector) => {
      setValues(emptyValues(kind));
      setChecked(false);
      onAdded(connector, KINDS[kind].afterwards);
      return queryClient.invalidateQueries({ queryKey: ['connectors', orgId] });
    },
  });

  const set = (name: keyof Values) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((now) => ({ ...now, [name]: event.target.value }));

  function changeKind(next: Kind) {
    setKind(next);
    // Keep what fits every system; the address and the secrets belong to the old choice.
    setValues((now) => ({ ...emptyValues(next), name: now.name }));
    setChecked(false);
    create.reset();
  }

  async function readKeyFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const pem = await file.text();
    setValues((now) => ({ ...now, privateKey: pem.trim() }));
    event.target.value = '';
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = (value: string) => value.trim();
    if (kind === 'github') {
      setChecked(true);
      if (Object.keys(githubProblems(values)).length > 0) return;
    }
    const credential =
      kind === 'github'
        ? JSON.stringify({ appId: trimmed(values.appId), installationId: trimmed(values.installationId), privateKey: trimmed(values.privateKey), webhookSecret: values.webhookSecret })
        : trimmed(values.secret);
    create.mutate({ type: kind, name: trimmed(values.name), baseUrl: trimmed(values.baseUrl), upstreamOrgId: trimmed(values.upstreamOrgId), credential });
  }

  return (
    <form className="connector-form" onSubmit={submit} aria-label="Add a connector">
      <div className="inline-form">
        <Field label="System" className="">
          {({ id }) => (
            <select id={id} value={kind} onChange={(event) => changeKind(event.target.value as Kind)}>
              {(Object.keys(KINDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KINDS[k].option}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" hint="How the connector is named in Tokenward.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} required maxLength={200} placeholder={text.namePlaceholder} value={values.name} onChange={set('name')} />}
        </Field>
      </div>
      <div className="inline-form">
        <Field label={text.orgLabel} hint={text.orgHint}>
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} required maxLength={200} placeholder={text.orgPlaceholder} value={values.upstreamOrgId} onChange={set('upstreamOrgId')} />}
        </Field>
        <Field label={text.baseUrlLabel} hint={text.baseUrlHint}>
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="url" required maxLength={2048} value={values.baseUrl} onChange={set('baseUrl')} />}
        </Field>
      </div>

      {kind === 'github' ? (
        <fieldset className="connector-app">
          <legend>GitHub App</legend>
          <p className="hint">
            Create the App in the organization’s settings (Developer settings → GitHub Apps) with read and write access to personal access tokens and
            their requests, and install it on the organization.
          </p>
          <div className="inline-form">
            <Field label="App ID" hint="On the App’s settings page, under “About”." error={problems.appId}>
              {({ id, describedBy }) => (
                <input id={id} aria-describedby={describedBy} aria-invalid={problems.appId ? true : undefined} required inputMode="numeric" maxLength={20} value={values.appId} onChange={set('appId')} />
              )}
            </Field>
            <Field label="Installation id" hint="The number at the end of the installation’s settings address." error={problems.installationId}>
              {({ id, describedBy }) => (
                <input id={id} aria-describedby={describedBy} aria-invalid={problems.installationId ? true : undefined} required inputMode="numeric" maxLength={20} value={values.installationId} onChange={set('installationId')} />
              )}
            </Field>
          </div>
          <Field label="Private key" hint="The .pem file from “Generate a private key”: paste it, or choose the file below. It is never shown again." error={problems.privateKey}>
            {({ id, describedBy }) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                aria-invalid={problems.privateKey ? true : undefined}
                required
                rows={4}
                maxLength={8000}
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN RSA PRIVATE KEY-----"
                value={values.privateKey}
                onChange={set('privateKey')}
              />
            )}
          </Field>
          <Field label="Private key file" className="">
            {({ id }) => <input id={id} type="file" accept=".pem,application/x-pem-file,text/plain" onChange={(event) => void readKeyFile(event)} />}
          </Field>
          <Field label="Webhook secret" hint="The App’s webhook secret, so requests reach Tokenward at once. Without it they arrive with each sync.">
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" maxLength={500} autoComplete="off" value={values.webhookSecret} onChange={set('webhookSecret')} />}
          </Field>
        </fieldset>
      ) : (
        <div className="inline-form">
          <Field
            label={kind === 'atlassian' ? 'Admin API key' : 'Administrator’s access token'}
            hint={
              kind === 'atlassian'
                ? 'It needs the read scopes for tokens, service accounts and keys, and the delete scopes to revoke from here. Never shown again.'
                : 'A personal access token of a GitLab administrator with the api scope (and admin_mode where Admin Mode is on). Never shown again.'
            }
          >
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} type="password" required maxLength={4000} autoComplete="off" value={values.secret} onChange={set('secret')} />}
          </Field>
        </div>
      )}

      <div className="page-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : `Add ${text.option}`}
        </button>
      </div>
      <p className="hint">Keys and secrets are stored encrypted and never shown again, in no answer, export or log.</p>
      {create.isError && <ErrorNote title="Could not add the connector" error={create.error} />}
    </form>
  );
}
