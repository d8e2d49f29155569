/**
 * The impact preview before a policy is saved: how many existing tokens the new rules
 * break and which, what each choice would do with them (leave, clamp, revoke: counted the way
 * src/service/policy-impact.ts applies them), and the confirmation that saves.
 */
import type { ExistingTokensMode, PolicyImpact } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { formatDate, plural } from '../../components/format.ts';

type ImpactToken = PolicyImpact['tokens'][number];

const VIOLATION_WORDS: Record<string, string> = {
  LIFETIME_TOO_LONG: 'lives longer than allowed',
  SCOPES_NOT_ALLOWED: 'holds scopes no longer allowed',
  IP_NOT_ALLOWED: 'last used from an address outside the allowlist',
  USE_BLOCKED: 'use is blocked',
};
const SHOWN_TOKENS = 20;

/** What `clamp` does to one token: drops scopes and shortens the lifetime; a token left with no scope is revoked. */
function clampOutcomeOf(token: ImpactToken): 'clamped' | 'revoked' | 'left' {
  if (token.scopes.length > 0 && token.disallowedScopes.length >= token.scopes.length) return 'revoked';
  return token.violations.some((v) => v === 'LIFETIME_TOO_LONG' || v === 'SCOPES_NOT_ALLOWED') ? 'clamped' : 'left';
}

export function outcomeCounts(impact: PolicyImpact, mode: ExistingTokensMode): { left: number; clamped: number; revoked: number } {
  if (mode === 'leave') return { left: impact.affected, clamped: 0, revoked: 0 };
  if (mode === 'revoke') return { left: 0, clamped: 0, revoked: impact.affected };
  const counts = { left: 0, clamped: 0, revoked: 0 };
  for (const token of impact.tokens) counts[clampOutcomeOf(token)] += 1;
  return counts;
}

const MODE_WORDS: Record<ExistingTokensMode, { label: string; hint: string }> = {
  leave: { label: 'Leave them', hint: 'They keep working until they expire; only new tokens follow the new rules (verification still refuses what the rules forbid).' },
  clamp: { label: 'Clamp them', hint: 'Shorten their lifetime to the new maximum and drop scopes no longer allowed; a token left with no scope is revoked.' },
  revoke: { label: 'Revoke them', hint: 'Every token listed stops working now.' },
};

export function ImpactDialog({
  impact,
  mode,
  onModeChange,
  isBusy,
  onConfirm,
  onCancel,
}: {
  impact: PolicyImpact | null;
  mode: ExistingTokensMode;
  onModeChange(mode: ExistingTokensMode): void;
  isBusy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const counts = impact ? outcomeCounts(impact, mode) : { left: 0, clamped: 0, revoked: 0 };
  const confirmLabel = counts.revoked > 0 ? `Save and revoke ${plural(counts.revoked, 'token')}` : 'Save policy';
  return (
    <ConfirmDialog isOpen={impact !== null} title="Before saving: the impact" confirmLabel={confirmLabel} isDanger={counts.revoked > 0} isBusy={isBusy} onConfirm={onConfirm} onCancel={onCancel}>
      {impact && (
        <div className="stack impact">
          {impact.affected === 0 ? (
            <p>
              <strong>No existing token breaks these rules</strong> ({plural(impact.examined, 'live token')} checked). Saving changes only what happens from now on.
            </p>
          ) : (
            <>
              <p>
                <strong>
                  {plural(impact.affected, 'existing token')} of {impact.examined} would break the new rules.
                </strong>
              </p>
              <fieldset>
                <legend>What to do with them</legend>
                {(['leave', 'clamp', 'revoke'] as const).map((option) => (
                  <label key={option} className="check radio-choice">
                    <input type="radio" name="existingTokens" value={option} checked={mode === option} onChange={() => onModeChange(option)} />
                    <span>
                      <strong>{MODE_WORDS[option].label}</strong> <span className="muted">{MODE_WORDS[option].hint}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <p className="impact-counts" role="status">
                With this choice: <strong>{counts.left}</strong> left as they are, <strong>{counts.clamped}</strong> clamped, <strong>{counts.revoked}</strong> revoked.
              </p>
              <ul className="confirm-list impact-list">
                {impact.tokens.slice(0, SHOWN_TOKENS).map((token) => (
                  <li key={token.id}>
                    <strong>{token.label}</strong> <span className="muted">({token.owner.type === 'user' ? 'member' : 'service account'}, expires {formatDate(token.expiresAt, 'never')})</span>:{' '}
                    {token.violations.map((v) => VIOLATION_WORDS[v] ?? v).join('; ')}
                    {token.disallowedScopes.length > 0 && <span className="muted"> ({token.disallowedScopes.join(', ')})</span>}
                  </li>
                ))}
              </ul>
              {impact.tokens.length > SHOWN_TOKENS && <p className="hint">and {impact.tokens.length - SHOWN_TOKENS} more.</p>}
            </>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
