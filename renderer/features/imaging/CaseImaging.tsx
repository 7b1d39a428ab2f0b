import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, Lesion, StudySummary } from '../../../shared/domain/imaging';
import { call, callList, invoke } from '../../api';
import { Banner } from '../../components/Banner';
import { uploadRender } from '../../media';
import { useAsync } from '../../useAsync';
import { StackViewer, type StackViewerHandle } from '../../viewer/StackViewer';
import { seriesPlaneLookup } from './image-plane';
import { ImportPanel } from './ImportPanel';
import { KeyImages } from './KeyImages';
import { lesionSuggestions } from './lesion-suggestions';
import { LesionsPanel, type LesionSuggestion } from './LesionsPanel';
import { StudyBrowser } from './StudyBrowser';

/** The Imaging tab of a case: import, study browser, viewer with measurements, key images and lesions. */
export function CaseImaging({ caseId }: { caseId: number }) {
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const { value: listed, error: studiesError } = useAsync(
    () => callList('imaging:studies', { caseId }),
    [caseId, version],
  );
  const studies = listed?.items;
  const { value: keyImages } = useAsync(() => call('keyImages:list', { caseId }), [caseId, version]);
  const { value: lesions } = useAsync(() => call('lesions:list', { caseId }), [caseId, version]);
  const [seriesUid, setSeriesUid] = useState<string | null>(null);

  // Open the first series once studies arrive, so a presenter lands on images.
  useEffect(() => {
    if (!seriesUid && studies?.[0]?.series[0]) setSeriesUid(studies[0].series[0].seriesInstanceUid);
  }, [studies, seriesUid]);

  const study = studies?.find((s) => s.series.some((se) => se.seriesInstanceUid === seriesUid));
  return (
    <div className="imaging">
      <ImportPanel caseId={caseId} onImported={reload} />
      <Banner message={studiesNotice(studiesError, listed?.omitted ?? 0)} />
      <div className="imaging__grid">
        <aside className="imaging__studies">
          {studies && <StudyBrowser studies={studies} selected={seriesUid} onSelect={setSeriesUid} />}
        </aside>
        <div className="imaging__viewer">
          {seriesUid ? (
            <SeriesWorkspace
              key={seriesUid}
              caseId={caseId}
              seriesUid={seriesUid}
              study={study ?? null}
              onKeyImageSaved={reload}
              lesionsChanged={reload}
              lesions={lesions ?? []}
            />
          ) : (
            <div className="viewer-empty muted">Choose a series to view it.</div>
          )}
        </div>
        <aside className="imaging__side">{keyImages && <KeyImages keyImages={keyImages} onChanged={reload} />}</aside>
      </div>
    </div>
  );
}

/** What the study list could not show: never an empty list that looks like "no imaging". */
function studiesNotice(error: string | undefined, omitted: number): { kind: 'error'; text: string } | null {
  if (error) return { kind: 'error', text: `The imaging studies could not be shown: ${error}` };
  if (omitted > 0) {
    return {
      kind: 'error',
      text: `${omitted === 1 ? '1 study' : `${omitted} studies`} of this case could not be shown: ${omitted === 1 ? 'its' : 'their'} stored data is not valid (the application log names ${omitted === 1 ? 'it' : 'them'}).`,
    };
  }
  return null;
}

function SeriesWorkspace({
  caseId,
  seriesUid,
  study,
  onKeyImageSaved,
  lesions,
  lesionsChanged,
}: {
  caseId: number;
  seriesUid: string;
  study: StudySummary | null;
  onKeyImageSaved: () => void;
  lesions: Lesion[];
  lesionsChanged: () => void;
}) {
  const { value: stack, error } = useAsync(() => call('imaging:stack', { seriesInstanceUid: seriesUid }), [seriesUid]);
  const { value: stored } = useAsync(
    () => call('annotations:list', { caseId, seriesInstanceUid: seriesUid }),
    [caseId, seriesUid],
  );
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
  const [caption, setCaption] = useState('');
  const [keyStatus, setKeyStatus] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const viewer = useRef<StackViewerHandle>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (stored && annotations === null) setAnnotations(stored);
  }, [stored, annotations]);

  const images = useMemo(
    () =>
      stack?.images.map((i) => ({
        imageId: `wadouri:${i.url}`,
        sopInstanceUid: i.sopInstanceUid,
        frame: i.frame,
        label: i.instanceNumber !== null ? `#${i.instanceNumber}` : undefined,
      })) ?? [],
    [stack],
  );

  // Measurements are stored as they are drawn (debounced), so nothing is lost if the window closes. One request at a
  // time: two overlapping ones could be applied in either order, leaving an older list stored and "saved" shown.
  const queued = useRef<Annotation[] | null>(null);
  const sending = useRef(false);
  const sendQueued = useCallback(async () => {
    if (sending.current) return; // the running loop sends the newest list when its request returns
    sending.current = true;
    let ok = true;
    try {
      for (let next = queued.current; next; next = queued.current) {
        queued.current = null;
        ok = (await invoke('annotations:replace', { caseId, seriesInstanceUid: seriesUid, annotations: next })).ok;
      }
    } catch {
      ok = false;
    } finally {
      sending.current = false;
    }
    if (!pending.current) setSaveState(ok ? 'saved' : 'error'); // else a newer change is still to be sent
  }, [caseId, seriesUid]);
  const onAnnotationsChange = useCallback(
    (all: Annotation[]) => {
      setAnnotations(all);
      setSaveState('saving');
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        pending.current = null;
        queued.current = all;
        void sendQueued();
      }, 300);
    },
    [sendQueued],
  );

  async function saveKeyImage() {
    if (!viewer.current) return;
    if (!caption.trim()) return setKeyStatus({ kind: 'error', text: 'Write a caption for the key image first.' });
    setKeyStatus(null);
    try {
      const shot = await viewer.current.capture();
      const renderToken = await uploadRender(shot.png);
      const r = await invoke('keyImages:create', {
        caseId,
        sopInstanceUid: shot.image.sopInstanceUid,
        frame: shot.image.frame,
        caption,
        view: shot.view,
        annotations: shot.annotations,
        renderToken,
      });
      if (!r.ok) return setKeyStatus({ kind: 'error', text: r.error.message });
      setCaption('');
      setKeyStatus({ kind: 'saved', text: 'Key image saved.' });
      onKeyImageSaved();
    } catch (err) {
      setKeyStatus({ kind: 'error', text: `Key image not saved: ${(err as Error).message}` });
    }
  }

  const suggestions: LesionSuggestion[] = lesionSuggestions(
    annotations ?? [],
    images,
    study?.studyDate ?? null,
    seriesPlaneLookup(images),
  );

  if (error) return <Banner message={{ kind: 'error', text: error }} />;
  if (!stack || annotations === null) return <div className="viewer-empty muted">Loading series...</div>;
  return (
    <div className="workspace">
      <StackViewer
        ref={viewer}
        images={images}
        annotations={annotations}
        onAnnotationsChange={onAnnotationsChange}
        presets={stack.presets}
      />
      <div className="workspace__bar">
        <span className={`muted small save-state save-state--${saveState}`} role="status">
          {saveState === 'saving'
            ? 'Saving measurements...'
            : saveState === 'error'
              ? 'Measurements NOT saved'
              : `${annotations.length} measurement${annotations.length === 1 ? '' : 's'} saved`}
        </span>
        <input
          aria-label="Key image caption"
          placeholder="Caption, e.g. Axial CT: 16.3 cm retroperitoneal mass"
          value={caption}
          onChange={(e) => setCaption(e.target.value)}
        />
        <button type="button" className="button button--primary" onClick={() => void saveKeyImage()}>
          Save as key image
        </button>
      </div>
      {keyStatus && (
        <div className={`banner banner--${keyStatus.kind}`} role="status">
          {keyStatus.text}
        </div>
      )}
      <LesionsPanel caseId={caseId} lesions={lesions} suggestions={suggestions} onChanged={lesionsChanged} />
    </div>
  );
}
