import { useState, type ReactNode, type RefObject } from 'react';
import { Banner } from '../../components/Banner';
import { useWrite } from '../../data/hooks';
import { uploadRender } from '../../media';
import type { StackViewerHandle } from '../../viewer/StackViewer';

/**
 * The bar under the viewer: `children` (the save state), the caption field and "Save as key image", which keeps the
 * viewer's current view with its measurements burned in for the slides.
 */
export function KeyImageCapture({
  caseId,
  viewer,
  children,
}: {
  caseId: number;
  viewer: RefObject<StackViewerHandle | null>;
  children?: ReactNode;
}) {
  const create = useWrite('keyImages:create');
  const [caption, setCaption] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);

  async function save() {
    if (!viewer.current) return;
    if (!caption.trim()) return setStatus({ kind: 'error', text: 'Write a caption for the key image first.' });
    setStatus(null);
    try {
      const shot = await viewer.current.capture();
      const renderToken = await uploadRender(shot.png, shot.jpeg);
      const r = await create.mutateAsync({
        caseId,
        sopInstanceUid: shot.image.sopInstanceUid,
        frame: shot.image.frame,
        caption,
        view: shot.view,
        annotations: shot.annotations,
        renderToken,
      });
      if (!r.ok) return setStatus({ kind: 'error', text: r.error.message });
      setCaption('');
      setStatus({ kind: 'saved', text: 'Key image saved.' });
    } catch (err) {
      setStatus({ kind: 'error', text: `Key image not saved: ${(err as Error).message}` });
    }
  }

  return (
    <>
      <div className="workspace__bar">
        {children}
        <input
          aria-label="Key image caption"
          placeholder="Caption, e.g. Axial CT: 16.3 cm retroperitoneal mass"
          value={caption}
          onChange={(e) => setCaption(e.target.value)}
        />
        <button type="button" className="button button--primary" onClick={() => void save()}>
          Save as key image
        </button>
      </div>
      <Banner message={status} />
    </>
  );
}
