import { useState } from 'react';
import { invoke } from '../../api';
import { navigate } from '../../router';
import { Banner } from '../../components/Banner';

/** First start: an empty database offers the demo board or a first case. */
export function EmptyBoard({ onLoaded }: { onLoaded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [images, setImages] = useState(true);
  async function loadDemo() {
    setBusy(true);
    const result = await invoke('demo:load', { images });
    setBusy(false);
    if (result.ok) onLoaded();
    else setError(result.error.message);
  }
  return (
    <div className="empty">
      <h1>No cases yet</h1>
      <p>
        Start with the demo sarcoma board (fictional patients whose stories come from published cases), or enter your
        first case.
      </p>
      <div className="empty__actions">
        <button type="button" className="button button--primary" onClick={() => void loadDemo()} disabled={busy}>
          {busy ? (images ? 'Loading the board and drawing its CT images...' : 'Loading...') : 'Load demo board'}
        </button>
        <button type="button" className="button" onClick={() => navigate({ name: 'new-case' })}>
          New case
        </button>
      </div>
      <label className="empty__option">
        <input type="checkbox" checked={images} onChange={(e) => setImages(e.target.checked)} disabled={busy} /> With
        synthetic CT images (the retroperitoneal and thigh masses at their documented sizes; a few seconds)
      </label>
      {error && <Banner message={{ kind: 'error', text: error }} />}
    </div>
  );
}
