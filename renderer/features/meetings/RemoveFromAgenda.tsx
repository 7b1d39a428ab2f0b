import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useWrite } from '../../data/hooks';
import { reason } from './meeting-format';

/** Takes a case off the agenda, after a confirmation naming it, so a slip does not lose its place. */
export function RemoveFromAgenda({
  itemId,
  name,
  onError,
}: {
  itemId: number;
  name: string;
  onError: (text: string) => void;
}) {
  const [confirm, setConfirm] = useState(false);
  const removeItem = useWrite('agenda:remove');

  async function remove() {
    const result = await removeItem.mutateAsync({ itemId });
    setConfirm(false);
    if (!result.ok) onError(`${name}: ${reason(result.error)}`);
  }

  return (
    <>
      <button
        type="button"
        className="icon-button"
        onClick={() => setConfirm(true)}
        aria-label={`Remove ${name} from the agenda`}
        title="Remove from the agenda"
      >
        ×
      </button>
      {confirm && (
        <ConfirmDialog
          title={`Remove ${name} from the agenda?`}
          confirmLabel="Remove"
          danger
          onConfirm={remove}
          onCancel={() => setConfirm(false)}
        >
          <p>
            The case loses its place on this meeting&apos;s agenda, with its presenter, time, slide edits and any draft
            decision. The case itself stays, and can be added again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
