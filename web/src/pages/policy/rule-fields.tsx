/** The policy editor's limits: lifetimes, IP allowlist and idle revocation, with their problems in words. */
import { checkIpList } from '../../components/ip-allowlist.ts';
import type { PolicyDraft } from './policy-draft.ts';

export function RuleFields({ draft, onChange, problems }: { draft: PolicyDraft; onChange(patch: Partial<PolicyDraft>): void; problems: readonly string[] }) {
  const ipErrors = checkIpList(draft.ipAllowlist).errors;
  const hasProblem = (word: string) => problems.some((p) => p.includes(word));
  return (
    <section className="panel stack" aria-labelledby="policy-limits">
      <h2 id="policy-limits">Limits</h2>
      <div className="inline-form">
        <label>
          Longest lifetime (days)
          <input type="number" min={1} max={365} value={draft.maxLifetimeDays} onChange={(e) => onChange({ maxLifetimeDays: e.currentTarget.value })} aria-invalid={hasProblem('longest lifetime')} />
        </label>
        <label>
          Default lifetime (days)
          <input
            type="number"
            min={1}
            max={365}
            value={draft.defaultLifetimeDays}
            placeholder={`Same: ${draft.maxLifetimeDays || '…'}`}
            onChange={(e) => onChange({ defaultLifetimeDays: e.currentTarget.value })}
            aria-invalid={hasProblem('default lifetime')}
          />
        </label>
        <label>
          Revoke after idle (days)
          <input
            type="number"
            min={1}
            max={3650}
            value={draft.idleRevokeAfterDays}
            placeholder="Org setting"
            onChange={(e) => onChange({ idleRevokeAfterDays: e.currentTarget.value })}
            aria-describedby="idle-hint"
            aria-invalid={hasProblem('Idle revocation')}
          />
        </label>
      </div>
      <p className="hint" id="idle-hint">
        A request longer than the longest lifetime is refused, never shortened. Idle revocation: tokens unused that long are revoked by the idle-revoke job; empty uses the org's automation setting.
      </p>
      <label>
        IP allowlist
        <textarea
          rows={3}
          value={draft.ipAllowlist}
          onChange={(e) => onChange({ ipAllowlist: e.currentTarget.value })}
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
          aria-describedby="ip-hint ip-errors"
          aria-invalid={ipErrors.length > 0}
          spellCheck={false}
        />
      </label>
      <p className="hint" id="ip-hint">One address or CIDR block per line. Empty: tokens work from any address.</p>
      <div id="ip-errors" aria-live="polite">
        {ipErrors.map((error) => (
          <p key={error} className="field-error">
            {error}
          </p>
        ))}
      </div>
    </section>
  );
}
