import { useState } from 'react';
import type { Result } from '../../../shared/contract/result';
import type { KeyImage } from '../../../shared/domain/imaging';
import { dayMonthYear } from '../../../shared/dates';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useRead, useWrite } from '../../data/hooks';
import { mediaSrc } from '../../web-access';
import { measurementLabel } from '../../../shared/imaging/measurement-text';
import { SendToPacs } from './SendToPacs';

/** The case's key images as they will appear on slides: the PNG with measurements burned in, and its caption. */
export function KeyImages({ caseId }: { caseId: number }) {
  const { data: keyImages, error } = useRead('keyImages:list', { caseId });
  if (error) return <Banner message={{ kind: 'error', text: `The key images could not be shown: ${error.message}` }} />;
  if (!keyImages) return null;
  return (
    <section className="panel" aria-label="Key images">
      <div className="panel__head">
        <h3>Key images</h3>
        <span className="muted small">{keyImages.length} saved</span>
      </div>
      <SendToPacs caseId={caseId} keyImages={keyImages.length} />
      {keyImages.length === 0 && <p className="muted">Measure the tumour on an image, then "Save as key image".</p>}
      <ul className="key-images">
        {keyImages.map((k) => (
          <KeyImageCard key={k.id} keyImage={k} />
        ))}
      </ul>
    </section>
  );
}

function KeyImageCard({ keyImage: k }: { keyImage: KeyImage }) {
  const update = useWrite('keyImages:update');
  const remove = useWrite('keyImages:remove');
  const [caption, setCaption] = useState(k.caption);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // The list refetches after a write that worked; a refused one keeps the card as it is, with the reason.
  async function run(write: Promise<Result<unknown>>) {
    try {
      const r = await write;
      setError(r.ok ? null : r.error.message);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const saveCaption = () => (caption === k.caption ? undefined : run(update.mutateAsync({ id: k.id, caption })));
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
        {dayMonthYear(k.studyDate)} {k.seriesDescription ?? ''}
        {k.annotations.map((a) => (
          <div key={a.id} className="key-image__measure">
            {measurementLabel(a.tool, a.values).join(' · ')}
          </div>
        ))}
      </div>
      <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
        Remove
      </button>
      {confirming && (
        // A confirmation, not an undo: the rendered PNG goes with the key image and cannot be re-created from here.
        <ConfirmDialog
          title="Remove this key image?"
          confirmLabel="Remove key image"
          danger
          onConfirm={async () => {
            await run(remove.mutateAsync({ id: k.id }));
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            &ldquo;{k.caption}&rdquo; leaves this case&apos;s slides. Decks frozen when a decision was signed off keep
            it as the board saw it.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
