import { useEffect, useState } from 'react';
import { Banner } from '../../components/Banner';
import { useReadList } from '../../data/hooks';
import { ImportPanel } from './ImportPanel';
import { PacsPanel } from '../pacs/PacsPanel';
import { KeyImages } from './KeyImages';
import { SeriesWorkspace } from './SeriesWorkspace';
import { StudyBrowser } from './StudyBrowser';
import { TrackingTable } from './TrackingTable';

/**
 * The Imaging tab of a case: import, study browser, viewer with measurements, key images and lesions, and the
 * lesions tracked across the patient's studies with their response.
 */
export function CaseImaging({ caseId }: { caseId: number }) {
  const listed = useReadList('imaging:studies', { caseId });
  const studies = listed.data?.items;
  const [seriesUid, setSeriesUid] = useState<string | null>(null);

  // Open the first series once studies arrive, so a presenter lands on images; and again when the open series'
  // study was detached.
  useEffect(() => {
    if (!studies) return;
    const known = studies.some((s) => s.series.some((se) => se.seriesInstanceUid === seriesUid));
    // The case's own newest study first; another episode's when the case has none of its own.
    const first = studies.find((s) => !s.episode && s.series.length > 0) ?? studies[0];
    if (!seriesUid || !known) setSeriesUid(first?.series[0]?.seriesInstanceUid ?? null);
  }, [studies, seriesUid]);

  const study = studies?.find((s) => s.series.some((se) => se.seriesInstanceUid === seriesUid));
  return (
    <div className="imaging">
      <ImportPanel caseId={caseId} />
      <PacsPanel caseId={caseId} />
      <Banner message={studiesNotice(listed.error?.message, listed.data?.omitted ?? 0)} />
      <div className="imaging__grid">
        <aside className="imaging__studies">
          {studies && <StudyBrowser caseId={caseId} studies={studies} selected={seriesUid} onSelect={setSeriesUid} />}
        </aside>
        <div className="imaging__viewer">
          {seriesUid ? (
            <SeriesWorkspace key={seriesUid} caseId={caseId} seriesUid={seriesUid} study={study ?? null} />
          ) : (
            <div className="viewer-empty muted">Choose a series to view it.</div>
          )}
        </div>
        <aside className="imaging__side">
          <KeyImages caseId={caseId} />
        </aside>
      </div>
      <TrackingTable caseId={caseId} />
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
