/** The roles in words, and adding a person with one (People page). */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { Role, UserJson } from '../api/types.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNote } from '../components/feedback.tsx';

export const ROLES: readonly Role[] = ['owner', 'admin', 'approver', 'auditor', 'member'];
export const ROLE_WORDS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', approver: 'Approver', auditor: 'Auditor (read-only)', member: 'Member' };
/** What each role may do, said in the confirmation of a role change. */
export const ROLE_MEANING: Record<Role, string> = {
  owner: 'Owners may do everything, including managing other owners and admins.',
  admin: 'Admins may do everything in the console: revoke any token, change policies, people and settings.',
  approver: 'Approvers decide token requests; they see nothing else of the administration.',
  auditor: 'Auditors may read every admin page but change nothing.',
  member: 'Members manage only their own tokens; every admin page is closed to them.',
};
/** Roles that reach admin changes: a grant of one is confirmed in red. */
export const GRANTS_ADMIN: readonly Role[] = ['owner', 'admin'];

type NewPerson = { email: string; name: string; role: Role };

/** Adding a person: a role beyond member's is a grant, confirmed first in words. */
export function AddPerson({ orgId, onAdded }: { orgId: string; onAdded(user: UserJson): void }) {
  const [asking, setAsking] = useState<NewPerson | null>(null);
  const create = useMutation({
    mutationFn: (body: NewPerson) => api.post<UserJson>(endpoints.users(orgId), body),
    onSuccess: (user) => {
      setAsking(null);
      onAdded(user);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const person = { email: String(form.get('email')), name: String(form.get('name')), role: String(form.get('role')) as Role };
    event.currentTarget.reset();
    // Anything beyond a member's rights is a grant: it is confirmed first.
    if (person.role === 'member') create.mutate(person);
    else setAsking(person);
  }
  return (
    <details className="panel add-panel">
      <summary>Add a person</summary>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={200} autoComplete="off" />
        </label>
        <label>
          E-mail
          <input name="email" type="email" required maxLength={320} autoComplete="off" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="member">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_WORDS[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add'}
        </button>
      </form>
      {create.isError && !asking && <ErrorNote title="Could not add this person" error={create.error} />}
      <ConfirmDialog
        isOpen={asking !== null}
        title={asking ? `Add ${asking.name} as ${ROLE_WORDS[asking.role].toLowerCase()}?` : 'Add this person?'}
        confirmLabel={asking ? `Add as ${ROLE_WORDS[asking.role].toLowerCase()}` : 'Add'}
        isDanger={asking !== null && GRANTS_ADMIN.includes(asking.role)}
        isBusy={create.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && create.mutate(asking)}
      >
        {asking && <p>{ROLE_MEANING[asking.role]}</p>}
        {create.isError && <ErrorNote title="Could not add this person" error={create.error} />}
      </ConfirmDialog>
    </details>
  );
}
