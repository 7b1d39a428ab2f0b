import type { AdminSection } from '../../../shared/routes';
import type { Right } from '../../../shared/auth/roles';
import { hrefFor } from '../../router';
import { useCan } from '../../auth/useCan';
import { UsersScreen } from './UsersScreen';
import { SecurityScreen } from './SecurityScreen';
import { AuditScreen } from './AuditScreen';
import { StoreScreen } from './StoreScreen';
import { BackupScreen } from './BackupScreen';
import { PacsNodesScreen } from '../pacs/PacsNodesScreen';

/** Each administration screen, the right it needs and its tab label. */
const SECTIONS: Record<AdminSection, { label: string; right: Right; Screen: () => React.JSX.Element }> = {
  users: { label: 'Users', right: 'users.manage', Screen: UsersScreen },
  security: { label: 'Security', right: 'settings.manage', Screen: SecurityScreen },
  audit: { label: 'Audit trail', right: 'audit.read', Screen: AuditScreen },
  store: { label: 'Image store', right: 'store.purge', Screen: StoreScreen },
  backup: { label: 'Backups', right: 'settings.manage', Screen: BackupScreen },
  pacs: { label: 'PACS', right: 'settings.manage', Screen: PacsNodesScreen },
};

export function AdminArea({ section }: { section: AdminSection }) {
  const { Screen, right, label } = SECTIONS[section];
  const allowed = useCan(right);
  return (
    <div className="admin">
      <nav className="tabs" aria-label="Administration">
        {(Object.keys(SECTIONS) as AdminSection[]).map((s) => (
          <a
            key={s}
            href={hrefFor({ name: 'admin', section: s })}
            className={`tab${s === section ? ' tab--on' : ''}`}
            aria-current={s === section ? 'page' : undefined}
          >
            {SECTIONS[s].label}
          </a>
        ))}
      </nav>
      {allowed ? (
        <Screen />
      ) : (
        <p className="placeholder" role="status">
          {label} is for administrators: your role does not include it.
        </p>
      )}
    </div>
  );
}
