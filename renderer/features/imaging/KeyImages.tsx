import { useState } from 'react';
import type { KeyImage } from '../../../shared/domain/imaging';
import { invoke } from '../../api';
import { mediaSrc } from '../../web-access';
import { measurementLabel } from '../../viewer/measure-format';

/** The case's key images as they will appear on slides: the PNG with measurements burned in, and its caption. */
export function KeyImages({ keyImages, onChanged }: { keyImages: KeyImage[]; onChanged: () => void }) {
  return (
    <section className="panel" aria-label="Key images">
      <div className="panel__head">
        <h3>Key images</h3>
        <span className="muted small">{keyImages.length} saved</span>
      </div>
      {keyImages.length === 0 && <p className="muted">Measure the tumour on an image, then "Save as key image".</p>}
      <ul className="key-images">
        {keyImages.map((k) => (
          <KeyImageCard key={k.id} keyImage={k} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function KeyImageCard({ keyImage: k, onChanged }: { keyImage: KeyImage; onChanged: () => void }) {
  const [caption, setCaption] = useState(k.caption);
  const [error, setError] = useState<string | null>(null);
  async function saveCaption() {
    if (caption === k.caption) return;
    const r = await invoke('keyImages:update', { id: k.id, caption });
    if (!r.ok) setError(r.error.message);
    else {
      setError(null);
      onChanged();
    }
  }
  return (
    <li className="key-image">
      <img src={mediaSrc(k.renderUrl)} alt={`Key image: ${k.caption}`} />
      <input
        aria-label="Caption"
        value={caption}
        onChange={(e) => setCaption(e.target.value)}
        onBlur={() => void saveCaption()}
      />
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
      <div className="muted small">
        {k.studyDate ?? ''} {k.seriesDescription ?? ''}
        {k.annotations.map((a) => (
          <div key={a.id} className="key-image__measure">
            {measurementLabel(a.tool, a.values).join(' · ')}
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => void invoke('keyImages:remove', { id: k.id }).then(() => onChanged())}
      >
        Remove
      </button>
    </li>
  );
}
