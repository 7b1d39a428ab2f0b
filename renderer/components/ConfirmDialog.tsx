import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words the user can check before confirming. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive act: the confirm button says so. */
  danger?: boolean;
  /** Ask for a reason (it goes to the audit trail): confirming needs one. */
  reasonLabel?: string;
  /** Runs the act; a message returned (or thrown) is shown in the dialog, which stays open. */
  onConfirm: (reason: string) => Promise<string | void> | string | void;
  onCancel: () => void;
}

/**
 * The one confirmation dialog (issue 12): removals that cannot be undone from a toast, detaching and purging
 * studies, leaving unsaved edits. A modal <dialog> (focus stays in it, Escape cancels); Cancel is focused first, so
 * Enter never confirms by accident.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  reasonLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
  }, []);

  async function confirm() {
    if (reasonLabel && reason.trim() === '') return setError(`${reasonLabel}: write why.`);
    setBusy(true);
    setError(null);
    try {
      const message = await onConfirm(reason.trim());
      if (message) setError(message);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      {reasonLabel && (
        <label className="confirm-dialog__reason">
          {reasonLabel}
          <textarea value={reason} rows={2} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      )}
      <div className="confirm-dialog__actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
