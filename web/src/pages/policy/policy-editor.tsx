/**
 * Creating and changing a policy: creation mode, lifetimes, scopes by class, IP
 * allowlist, idle revocation and whom it applies to. Saving always previews first: the impact
 * dialog says how many existing tokens the change breaks and what happens to them, then saves with
 * that choice (`meta.existingTokens`). Paths: /policies/new and /policies/{policyId}.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { ExistingTokensMode, PolicyImpact, PolicySaved, ScopeListResponse } from '../../api/types.ts';
import { useSignedIn } from '../../auth/session.tsx';
import { AssigneePicker } from '../../components/assignee-picker.tsx';
import { ErrorNote, Loading } from '../../components/feedback.tsx';
import { plural } from '../../components/format.ts';
import { ScopePicker } from '../../components/scope-picker.tsx';
import { ImpactDialog } from './impact-dialog.tsx';
import { bodyOf, draftOf, NEW_POLICY, problemsOf, SCOPE_CLASS_NAMES, type CreationMode, type PolicyDraft, type ScopeClassName } from './policy-draft.ts';
import { RuleFields } from './rule-fields.tsx';

export function PolicyEditorPage() {
  const { policyId } = useParams();
  const { orgId } = useSignedIn();
  const isNew = policyId === undefined;
  const policy = useQuery({
    queryKey: ['policy', orgId, policyId],
    queryFn: () => api.get<PolicySaved>(endpoints.policy(orgId, policyId ?? '')),
    enabled: !isNew,
  });
  const scopes = useQuery({ queryKey: ['scopes', orgId], queryFn: () => api.get<ScopeListResponse>(endpoints.scopes(orgId)) });
  const title = isNew ? 'New policy' : `Edit policy${policy.data ? `: ${policy.data.data.attributes.name}` : ''}`;

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/policies">Policies</Link> / {isNew ? 'New' : 'Edit'}
      </nav>
      <h1>{title}</h1>
      {(!isNew && policy.isError) || scopes.isError ? (
        <ErrorNote title="Could not load the policy" error={policy.error ?? scopes.error} onRetry={() => void Promise.all([policy.refetch(), scopes.refetch()])} />
      ) : (!isNew && policy.isPending) || scopes.isPending ? (
        <Loading />
      ) : (
        <PolicyForm
          key={policyId ?? 'new'}
          orgId={orgId}
          policyId={policyId}
          isDefault={policy.data?.data.attributes.isDefault ?? false}
          initial={policy.data ? draftOf(policy.data.data) : NEW_POLICY}
          catalogue={scopes.data.data}
        />
      )}
    </>
  );
}

const CLASS_WORDS: Record<ScopeClassName, string> = { read: 'Read scopes', write: 'Write scopes', delete: 'Delete scopes', admin: 'Admin scopes' };

const CREATION_CHOICES: ReadonlyArray<{ value: CreationMode; label: string; hint: string }> = [
  { value: 'allowed', label: 'Allowed', hint: 'People create their own tokens, within these rules.' },
  { value: 'approval', label: 'With approval', hint: 'People ask; an approver decides, and may narrow what they get.' },
  { value: 'blocked', label: 'Blocked', hint: 'Only admins issue tokens to these people.' },
];

function PolicyForm({ orgId, policyId, isDefault, initial, catalogue }: { orgId: string; policyId: string | undefined; isDefault: boolean; initial: PolicyDraft; catalogue: ScopeListResponse['data'] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  // Problems show once a save was tried, then follow every keystroke (a fixed one disappears).
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const problems = hasTriedSave ? problemsOf(draft, isDefault) : [];
  const [impact, setImpact] = useState<PolicyImpact | null>(null);
  const [mode, setMode] = useState<ExistingTokensMode>('leave');
  const set = (patch: Partial<PolicyDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const preview = useMutation({
    mutationFn: () => api.post<{ data: PolicyImpact }>(policyId ? endpoints.previewPolicy(orgId, policyId) : endpoints.previewNewPolicy(orgId), bodyOf(draft, isDefault)),
    onSuccess: (answer) => {
      setMode('leave');
      setImpact(answer.data);
    },
  });
  const save = useMutation({
    mutationFn: () => {
      const body = bodyOf(draft, isDefault, mode);
      return policyId ? api.put<PolicySaved>(endpoints.policy(orgId, policyId), body) : api.post<PolicySaved>(endpoints.policies(orgId), body);
    },
    onSuccess: async (saved) => {
      const applied = saved.meta?.existingTokens;
      const effect = applied && applied.affected > 0 ? ` Existing tokens: ${applied.left} left, ${applied.clamped} clamped, ${applied.revoked} revoked.` : '';
      await queryClient.invalidateQueries({ queryKey: ['policies', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['policy', orgId] });
      void navigate('/policies', { state: { message: `Policy ${saved.data.attributes.name} is saved.${effect}` } });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setHasTriedSave(true);
    if (problemsOf(draft, isDefault).length === 0) preview.mutate();
  }

  return (
    <form className="stack policy-form" onSubmit={submit} noValidate>
      <section className="panel stack" aria-labelledby="policy-basics">
        <h2 id="policy-basics">Name and precedence</h2>
        <div className="inline-form">
          <label className="grow">
            Name
            <input value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} required maxLength={200} aria-invalid={problems.length > 0 && !draft.name.trim()} />
          </label>
          {!isDefault && (
            <label>
              Priority
              <input type="number" min={0} max={1_000_000} value={draft.priority} onChange={(e) => set({ priority: e.currentTarget.value })} aria-describedby="priority-hint" />
            </label>
          )}
        </div>
        {isDefault ? (
          <p className="hint">The default policy governs everyone no other policy names: it is always on and takes no assignees.</p>
        ) : (
          <>
            <p className="hint" id="priority-hint">When several policies apply to a person, the highest priority wins; its rules apply whole.</p>
            <label className="check">
              <input type="checkbox" checked={draft.isEnabled} onChange={(e) => set({ isEnabled: e.currentTarget.checked })} /> Enabled
            </label>
          </>
        )}
      </section>

      <section className="panel stack" aria-labelledby="policy-creation">
        <h2 id="policy-creation">Creating tokens</h2>
        <fieldset>
          <legend>May people create tokens?</legend>
          {CREATION_CHOICES.map((choice) => (
            <label key={choice.value} className="check radio-choice">
              <input type="radio" name="tokenCreation" value={choice.value} checked={draft.tokenCreation === choice.value} onChange={() => set({ tokenCreation: choice.value })} />
              <span>
                <strong>{choice.label}</strong> <span className="muted">{choice.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>By class of scope</legend>
          <p className="hint">A token holding scopes of several classes follows the strictest of them.</p>
          <div className="inline-form">
            {SCOPE_CLASS_NAMES.map((scopeClass) => (
              <label key={scopeClass}>
                {CLASS_WORDS[scopeClass]}
                <select
                  value={draft.creationByClass[scopeClass] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value as CreationMode | '';
                    const { [scopeClass]: _dropped, ...others } = draft.creationByClass;
                    set({ creationByClass: value === '' ? others : { ...others, [scopeClass]: value } });
                  }}
                >
                  <option value="">As above</option>
                  {CREATION_CHOICES.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.requireJustification} onChange={(e) => set({ requireJustification: e.currentTarget.checked })} /> A request must say what the token is for
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.isUseBlocked} onChange={(e) => set({ isUseBlocked: e.currentTarget.checked })} /> Block the use of tokens: existing ones stop working
        </label>
      </section>

      <RuleFields draft={draft} onChange={set} problems={problems} />

      <section className="panel stack" aria-labelledby="policy-scopes">
        <h2 id="policy-scopes">Scopes</h2>
        <p className="hint">Tokens governed by this policy can hold only these scopes.</p>
        <ScopePicker catalogue={catalogue} value={draft.allowedScopes} onChange={(allowedScopes) => set({ allowedScopes })} />
      </section>

      {!isDefault && (
        <section className="panel stack" aria-labelledby="policy-assignees">
          <h2 id="policy-assignees">Applies to</h2>
          <AssigneePicker orgId={orgId} value={draft} onChange={(next) => set({ groupIds: next.groupIds, userIds: next.userIds, serviceAccountIds: next.serviceAccountIds })} />
        </section>
      )}

      {problems.length > 0 && (
        <div className="note note-error" role="alert">
          <strong>Fix these before saving:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.isError && <ErrorNote title="Could not preview the change" error={preview.error} />}
      <div className="page-actions">
        <button type="submit" className="primary" disabled={preview.isPending}>
          {preview.isPending ? 'Checking existing tokens…' : 'Preview impact and save'}
        </button>
        <Link to="/policies">Cancel</Link>
      </div>
      <ImpactDialog
        impact={impact}
        mode={mode}
        onModeChange={setMode}
        isBusy={save.isPending}
        onConfirm={() => save.mutate()}
        onCancel={() => {
          setImpact(null);
          save.reset();
        }}
      />
      {save.isError && <ErrorNote title="Could not save the policy" error={save.error} />}
    </form>
  );
}
