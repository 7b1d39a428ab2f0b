import { useMemo, useRef } from 'react';
import type { StackImage, StudySummary } from '../../../shared/domain/imaging';
import { Banner } from '../../components/Banner';
import { useUndo } from '../../components/UndoToast';
import { useRead } from '../../data/hooks';
import { StackViewer, type StackViewerHandle, type ViewerImage } from '../../viewer/StackViewer';
import { seriesPlaneLookup } from './image-plane';
import { KeyImageCapture } from './KeyImageCapture';
import { lesionSuggestions } from './lesion-suggestions';
import { LesionsPanel } from './LesionsPanel';
import { useAnnotationAutosave, type SaveState } from './useAnnotationAutosave';

/** The viewer's images for a stored stack: cornerstone reads each through the WADO-URI loader. */
export const viewerImages = (images: readonly StackImage[]): ViewerImage[] =>
  images.map((i) => ({
    imageId: `wadouri:${i.url}`,
    sopInstanceUid: i.sopInstanceUid,
    frame: i.frame,
    label: i.instanceNumber !== null ? `#${i.instanceNumber}` : undefined,
  }));

/** One series open: the viewer with its measurements (saved as drawn), the key image bar and the lesions. */
export function SeriesWorkspace({
  caseId,
  seriesUid,
  study,
  initialIndex,
}: {
  caseId: number;
  seriesUid: string;
  study: StudySummary | null;
  /** The slice to open at (a key image's, from presenter mode); the first otherwise. */
  initialIndex?: number;
}) {
  const stack = useRead('imaging:stack', { seriesInstanceUid: seriesUid });
  // Removing a measurement (Delete on the viewer) is quick: it is undone from the toast, not asked about.
  const { offerUndo, toast } = useUndo();
  const { viewerProps, saveState, loadError } = useAnnotationAutosave(caseId, seriesUid, (gone, restore) =>
    offerUndo(gone.length === 1 ? 'Measurement removed.' : `${gone.length} measurements removed.`, restore),
  );
  const viewer = useRef<StackViewerHandle>(null);
  const images = useMemo(() => viewerImages(stack.data?.images ?? []), [stack.data]);

  const error = stack.error ?? loadError;
  if (error) return <Banner message={{ kind: 'error', text: error.message }} />;
  if (!stack.data || !viewerProps) return <div className="viewer-empty muted">Loading series...</div>;
  const { annotations } = viewerProps;
  const suggestions = lesionSuggestions(
    annotations,
    images,
    study?.studyDate ?? null,
    seriesPlaneLookup(images),
    study?.studyInstanceUid ?? null,
  );
  return (
    <div className="workspace">
      {toast}
      <StackViewer
        ref={viewer}
        images={images}
        presets={stack.data.presets}
        initialIndex={initialIndex}
        {...viewerProps}
      />
      <KeyImageCapture caseId={caseId} viewer={viewer}>
        <span className={`muted small save-state save-state--${saveState}`} role="status">
          {saveStateText(saveState, annotations.length)}
        </span>
      </KeyImageCapture>
      <LesionsPanel caseId={caseId} suggestions={suggestions} />
    </div>
  );
}

function saveStateText(state: SaveState, count: number): string {
  if (state === 'saving' || state === 'loading') return 'Saving measurements...';
  if (state === 'error') return 'Measurements NOT saved';
  return `${count} measurement${count === 1 ? '' : 's'} saved`;
}
