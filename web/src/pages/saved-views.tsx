/**
 * Named views of the inventory: the filters, sort, page size and chosen columns of the page's URL,
 * kept under a name in this browser for the admin signed in (per organization and per person or
 * key). Listed, applied with one click, deleted. A view is only the URL's query, so applying one
 * is the same as opening the link it stands for.
 */
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../auth/session.tsx';

export interface SavedView {
  name: string;
  /** The page's query, without the page cursor. */
  query: string;
}

const MAX_VIEWS = 30;

function storageKeyOf(orgId: string, who: string): string {
  return `tokenward.inventory-views.${orgId}.${who}`;
}

function readViews(key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string' && typeof (v as SavedView).query === 'string');
  } catch {
    // A hand-edited or foreign value: start again rather than break the page.
    return [];
  }
}

/** The view's query: the current URL's, without the cursor (a view starts at its first page). */
export function viewQueryOf(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.sort();
  return next.toString();
}

export function SavedViews({ params, onApply }: { params: URLSearchParams; onApply(query: string): void }) {
  const { orgId, who } = useSignedIn();
  const key = storageKeyOf(orgId, who.email ?? who.name);
  const [views, setViews] = useState<SavedView[]>(() => readViews(key));
  const [note, setNote] = useState<string | null>(null);
  const current = viewQueryOf(params);

  function store(next: SavedView[]) {
    setViews(next);
    try {
      localStorage.setItem(key, JSON.stringify(next));
    } catch {
      setNote('This browser would not keep the views (storage is full or turned off).');
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('viewName') ?? '').trim().slice(0, 80);
    if (!name) return;
    const others = views.filter((view) => view.name !== name);
    if (others.length >= MAX_VIEWS) {
      setNote(`At most ${MAX_VIEWS} views: delete one first.`);
      return;
    }
    const replaced = others.length < views.length;
    store([...others, { name, query: current }].sort((a, b) => a.name.localeCompare(b.name)));
    setNote(replaced ? `"${name}" now holds this view.` : `"${name}" is saved.`);
    form.reset();
  }

  return (
    <details className="column-chooser saved-views">
      <summary>Saved views{views.length > 0 ? ` (${views.length})` : ''}</summary>
      <div role="group" aria-label="Saved views">
        {views.length === 0 ? (
          <p className="muted">No saved view yet. Set filters, sort and columns, then save them under a name.</p>
        ) : (
          <ul className="saved-view-list">
            {views.map((view) => (
              <li key={view.name}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={view.query === current ? 'true' : undefined}
                  onClick={() => {
                    setNote(null);
                    onApply(view.query);
                  }}
                >
                  {view.name}
                </button>
                {view.query === current && <span className="muted"> (shown)</span>}
                <button type="button" className="small" aria-label={`Delete the view ${view.name}`} onClick={() => { store(views.filter((v) => v.name !== view.name)); setNote(`"${view.name}" is deleted.`); }}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="saved-view-form" onSubmit={save}>
          <label>
            Name of this view
            <input name="viewName" required maxLength={80} placeholder="e.g. Idle contractor tokens" autoComplete="off" />
          </label>
          <button type="submit" className="small primary">
            Save this view
          </button>
        </form>
        {note && (
          <p className="muted" role="status">
            {note}
          </p>
        )}
      </div>
    </details>
  );
}
