import { usePendingLeave } from '../router';
import { ConfirmDialog } from './ConfirmDialog';

/** "Leave without saving?" when a navigation would drop a dirty form (renderer/router.ts). Rendered once, in App. */
export function LeaveGuard() {
  const { pending, leave, stay } = usePendingLeave();
  if (!pending) return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Cancel"
      danger
      onConfirm={leave}
      onCancel={stay}
    >
      <p>Unsaved changes in {pending.labels.join(', ')} will be lost. Cancel to stay and save them.</p>
    </ConfirmDialog>
  );
}
