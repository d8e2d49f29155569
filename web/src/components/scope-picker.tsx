/**
 * Picks a policy's allowed scopes from the org's catalogue, grouped by class. A whole
 * class (`class:read`) also covers scopes added to the catalogue later; shortcuts set the common
 * choices ("Read-only" is `class:read`). The value is the API's `allowedScopes` list.
 */
import type { ScopeListResponse } from '../api/types.ts';

export const SCOPE_CLASSES = ['read', 'write', 'delete', 'admin'] as const;
type ScopeClass = (typeof SCOPE_CLASSES)[number];
type Scope = ScopeListResponse['data'][number];

const CLASS_WORDS: Record<ScopeClass, string> = { read: 'Read', write: 'Write', delete: 'Delete', admin: 'Admin' };
const SHORTCUTS: ReadonlyArray<{ label: string; value: string[] }> = [
  { label: 'Read-only', value: ['class:read'] },
  { label: 'Read and write', value: ['class:read', 'class:write'] },
  { label: 'Everything', value: SCOPE_CLASSES.map((c) => `class:${c}`) },
];

/** In words, for the policy list and the preview: "every read scope, write:jira-work". */
export function describeScopes(allowed: readonly string[]): string {
  if (allowed.length === 0) return 'any scope';
  return allowed.map((entry) => (entry.startsWith('class:') ? `every ${entry.slice(6)} scope` : entry)).join(', ');
}

export function ScopePicker({ catalogue, value, onChange, idPrefix = 'scopes' }: { catalogue: readonly Scope[]; value: readonly string[]; onChange(next: string[]): void; idPrefix?: string }) {
  const chosen = new Set(value);
  const toggle = (entry: string, on: boolean) => onChange(on ? [...value, entry] : value.filter((v) => v !== entry));
  // A whole class replaces its single scopes: keeping both would only repeat them.
  const toggleClass = (cls: ScopeClass, on: boolean) => {
    const inClass = new Set(catalogue.filter((s) => s.class === cls).map((s) => s.name));
    const others = value.filter((v) => !inClass.has(v) && v !== `class:${cls}`);
    onChange(on ? [...others, `class:${cls}`] : others);
  };
  const isShortcut = (shortcut: string[]) => shortcut.length === value.length && shortcut.every((s) => chosen.has(s));
  const unknown = value.filter((v) => !v.startsWith('class:') && !catalogue.some((s) => s.name === v));

  return (
    <div className="stack">
      <div className="segmented" role="group" aria-label="Scope shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <button key={shortcut.label} type="button" aria-pressed={isShortcut(shortcut.value)} onClick={() => onChange(shortcut.value)}>
            {shortcut.label}
          </button>
        ))}
      </div>
      <div className="filters-grid">
        {SCOPE_CLASSES.map((cls) => {
          const inClass = catalogue.filter((scope) => scope.class === cls);
          const isWholeClass = chosen.has(`class:${cls}`);
          return (
            <fieldset key={cls} className="scope-class">
              <legend>{CLASS_WORDS[cls]} scopes</legend>
              <label className="check">
                <input type="checkbox" id={`${idPrefix}-class-${cls}`} checked={isWholeClass} onChange={(event) => toggleClass(cls, event.currentTarget.checked)} />
                <span>
                  Every {cls} scope <span className="muted">(also ones added later)</span>
                </span>
              </label>
              {inClass.map((scope) => (
                <label key={scope.name} className="check" title={scope.description}>
                  <input
                    type="checkbox"
                    checked={isWholeClass || chosen.has(scope.name)}
                    disabled={isWholeClass}
                    onChange={(event) => toggle(scope.name, event.currentTarget.checked)}
                  />
                  <code>{scope.name}</code>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      {unknown.length > 0 && <p className="hint">Also allowed, not in the catalogue: {unknown.join(', ')}.</p>}
    </div>
  );
}
