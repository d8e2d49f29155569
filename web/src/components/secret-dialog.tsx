/**
 * Shows a new token's secret exactly once: the server never shows it again, so the
 * dialog says so, offers a copy button, and closes only when the person says they have it.
 */
import { useEffect, useRef, useState } from 'react';

export function SecretDialog({ secret, title, label = 'Token', onClose }: { secret: string | null; title: string; label?: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (secret && !dialog.open) {
      setCopyState('idle');
      dialog.showModal();
    }
    if (!secret && dialog.open) dialog.close();
  }, [secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="secret-title" onCancel={(event) => event.preventDefault()}>
      <h2 id="secret-title">{title}</h2>
      <p>
        <strong>Copy it now: it is shown only this once.</strong> Tokenward keeps only a digest of it and cannot show it again.
      </p>
      <label>
        {label}
        <input className="secret" readOnly value={secret ?? ''} onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
      </label>
      <p className="hint" aria-live="polite">
        {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? 'The browser did not allow copying: select the text and copy it yourself.' : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="primary" onClick={onClose}>
          I have copied it
        </button>
      </div>
    </dialog>
  );
}
