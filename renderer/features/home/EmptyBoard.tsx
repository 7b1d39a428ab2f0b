import { useState } from 'react';
import { useWrite } from '../../data/hooks';
import { navigate } from '../../router';
import { Banner } from '../../components/Banner';
import { useCan } from '../../auth/useCan';

/** First start: an empty database offers the demo board or a first case. */
export function EmptyBoard() {
  // Loading the demo changes every read (data/channels.ts), so the case list and the count follow on their own.
  const demo = useWrite('demo:load');
  const [error, setError] = useState<string | null>(null);
  const [images, setImages] = useState(true);
  const busy = demo.isPending;
  // What the role lacks is not offered (the main process refuses it anyway).
  const canLoadDemo = useCan('demo.load');
  const canAddCase = useCan('cases.edit');
  async function loadDemo() {
    setError(null);
    // A refused load answers its reason; a failed call (the host gone) is the mutation's error, shown below.
    const result = await demo.mutateAsync({ images }).catch(() => null);
    if (result && !result.ok) setError(result.error.message);
  }
  const message = error ?? demo.error?.message;
  return (
    <div className="empty">
      <h1>No cases yet</h1>
      <p>
        Start with the demo sarcoma board (fictional patients whose stories come from published cases), or enter your
        first case.
      </p>
      <div className="empty__actions">
        {canLoadDemo && (
          <button type="button" className="button button--primary" onClick={() => void loadDemo()} disabled={busy}>
            {busy ? (images ? 'Loading the board and drawing its CT images...' : 'Loading...') : 'Load demo board'}
          </button>
        )}
        {canAddCase && (
          <button type="button" className="button" onClick={() => navigate({ name: 'new-case' })}>
            New case
          </button>
        )}
      </div>
      {canLoadDemo && (
        <label className="empty__option">
          <input type="checkbox" checked={images} onChange={(e) => setImages(e.target.checked)} disabled={busy} /> With
          synthetic CT images (the retroperitoneal and thigh masses at their documented sizes; a few seconds)
        </label>
      )}
      {!canLoadDemo && !canAddCase && (
        <p className="muted">
          Your role does not add cases or load the demo board: the board's coordinator or chair adds the cases.
        </p>
      )}
      {message && <Banner message={{ kind: 'error', text: message }} />}
    </div>
  );
}
