import { useEffect, useRef, useState } from 'react';
import type { AuthPolicy } from '../../shared/contract/auth';
import { Banner } from '../components/Banner';
import { ChangePasswordForm } from './ChangePasswordForm';
import { secretWord } from './secret-rule';

/** The user menu's Change password, as a modal dialog over the page (Escape or Close leaves it unchanged). */
export function ChangePasswordDialog({ policy, onClose }: { policy: AuthPolicy; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [done, setDone] = useState(false);
  const word = secretWord(policy).toLowerCase();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="change-password-title" onClose={onClose}>
      <div className="dialog__head">
        <h2 id="change-password-title">Change your {word}</h2>
        <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      {done ? (
        <Banner message={{ kind: 'saved', text: `Your ${word} is changed: use it from the next sign-in or unlock.` }} />
      ) : (
        <ChangePasswordForm policy={policy} onDone={() => setDone(true)} />
      )}
    </dialog>
  );
}
