import { useState } from 'react';
import { useWrite } from '../../data/hooks';
import { reason } from './meeting-format';

/** Takes a case off the agenda, after a second click (Remove or Keep) so a slip does not lose its place. */
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
    if (!result.ok) {
      setConfirm(false);
      onError(`${name}: ${reason(result.error)}`);
    }
  }

  return confirm ? (
    <span className="confirm">
      <button type="button" className="button button--small button--danger" onClick={() => void remove()}>
        Remove
      </button>
      <button type="button" className="button button--small" onClick={() => setConfirm(false)}>
        Keep
      </button>
    </span>
  ) : (
    <button
      type="button"
      className="icon-button"
      onClick={() => setConfirm(true)}
      aria-label={`Remove ${name} from the agenda`}
      title="Remove from the agenda"
    >
      ×
    </button>
  );
}
