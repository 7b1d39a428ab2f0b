import { useEffect, useId, useRef, useState } from 'react';
import { hasRight, ROLE_LABELS, type Right } from '../../shared/auth/roles';
import { CORE_SPECIALTY_LABEL, type CoreSpecialty } from '../../shared/domain/meeting';
import { useRead } from '../data/hooks';
import { hrefFor } from '../router';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { useSessionActions } from './session-actions';

/** Any of these opens the administration area (renderer/features/admin/AdminArea.tsx). */
const ADMIN_RIGHTS: Right[] = ['users.manage', 'settings.manage', 'audit.read', 'store.purge'];

/**
 * The top bar's "who is at this workstation": name and role always in sight; the menu locks the screen, changes
 * the password, opens the administration and signs out. A disclosure (a button and the panel it shows), closed by
 * Escape or a click elsewhere.
 */
export function UserMenu() {
  const { data: status } = useRead('auth:status', {});
  const { lock, signOut } = useSessionActions();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const user = status?.user;
  if (!user) return null;
  const role = ROLE_LABELS[user.role];
  const specialty = user.specialty ? (CORE_SPECIALTY_LABEL[user.specialty as CoreSpecialty] ?? null) : null;
  const admin = ADMIN_RIGHTS.some((r) => hasRight(user.role, r));
  const close = () => setOpen(false);

  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-menu__name">{user.displayName}</span>
        <span className="user-menu__role">{role}</span>
      </button>
      {open && (
        <div className="user-menu__panel" id={panelId}>
          <div className="user-menu__who">
            <b>{user.displayName}</b>
            <span>
              {role}
              {specialty ? ` · ${specialty}` : ''} · {user.username}
            </span>
            <span>Workstation {status.workstation}</span>
          </div>
          <ul className="user-menu__items">
            <li>
              <button
                type="button"
                className="user-menu__item"
                onClick={() => {
                  close();
                  void lock();
                }}
              >
                Lock now
              </button>
            </li>
            <li>
              <button
                type="button"
                className="user-menu__item"
                onClick={() => {
                  close();
                  setChanging(true);
                }}
              >
                Change password
              </button>
            </li>
            {admin && (
              <li>
                <a className="user-menu__item" href={hrefFor({ name: 'admin', section: 'users' })} onClick={close}>
                  Administration
                </a>
              </li>
            )}
            <li>
              <button
                type="button"
                className="user-menu__item"
                onClick={() => {
                  close();
                  void signOut();
                }}
              >
                Sign out
              </button>
            </li>
          </ul>
        </div>
      )}
      {changing && <ChangePasswordDialog policy={status.policy} onClose={() => setChanging(false)} />}
    </div>
  );
}
